import { describe, expect, it } from 'vitest';
import type { ListResult } from '../core/broker/protocol';
import { remoteTools } from './mcpRemoteTools';
import { TOOL_NAME } from './mcpTools';

type Connection = ListResult['connections'][number];

function connection(id: string, server: string, tools: string[]): Connection {
  return {
    id,
    providerId: `mcp-${id}`,
    providerName: server,
    account: '',
    state: 'connected',
    mcpServer: { name: server },
    actions: tools.map((name) => ({ id: name, title: name, mode: 'always', available: true, tokenHandout: false, operations: [], tool: { inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, annotations: { readOnlyHint: true } } })),
  };
}

const listed = (...connections: Connection[]): ListResult => ({ connections, tokenHandout: false });

describe('remote tools as scopekeeper mcp serves them', () => {
  it('are named <server>_<tool>, with the server’s schema and hints', () => {
    const [tool] = remoteTools(listed(connection('c1', 'Notes', ['read_notes'])), new Set());
    expect(tool).toMatchObject({ connectionId: 'c1', remoteName: 'read_notes', tool: { name: 'Notes_read_notes', inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, annotations: { readOnlyHint: true } } });
  });

  it('are pattern-valid, unique and the same from run to run, however long or odd the names', () => {
    const long = 'x'.repeat(120);
    const make = () =>
      remoteTools(
        listed(connection('c1', 'My Server (work)', ['search.docs', long, `${long}y`, 'a/b', 'a_b']), connection('c2', 'My Server (work)', ['search.docs']), connection('c3', 'My-Server-work', ['search_docs'])),
        new Set(['scopekeeper_status']),
      ).map((t) => t.tool.name);
    const names = make();
    for (const name of names) expect(name).toMatch(TOOL_NAME);
    expect(new Set(names).size).toBe(names.length);
    expect(make()).toEqual(names);
    expect(names[0]).toBe('My_Server_work_search_docs');
  });

  it('with --server, are one server’s tools under their own names, and no other', () => {
    const tools = remoteTools(listed(connection('c1', 'Notes', ['read_notes', 'send.note']), connection('c2', 'Mail', ['read_notes'])), new Set(), 'Notes');
    expect(tools.map((t) => [t.tool.name, t.connectionId])).toEqual([
      ['read_notes', 'c1'],
      ['send_note', 'c1'],
    ]);
  });
});
