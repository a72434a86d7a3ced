import { describe, expect, it } from 'vitest';
import { sandboxProvider } from '../../shared/catalog';
import type { ListResult } from '../core/broker/protocol';
import { actionTools, prepareCall, TOOL_NAME, type ActionTool } from './mcpTools';

/** The tools `scopekeeper mcp` makes of a listing: names, hints, schemas, and the check of a call's arguments. */

const SANDBOX = sandboxProvider('http://127.0.0.1:4890');

type Connection = ListResult['connections'][number];

function connection(id: string, account: string, actionIds: string[], providerId = 'sandbox'): Connection {
  return {
    id,
    providerId,
    providerName: 'Sandbox',
    account,
    state: 'connected',
    actions: actionIds.map((actionId) => {
      const action = SANDBOX.actions.find((a) => a.id === actionId)!;
      return { id: action.id, title: action.title, mode: 'always', available: true, tokenHandout: false, operations: action.operations ?? [], ...(action.effect ? { effect: action.effect } : {}) };
    }),
  };
}

const ALEX = '6f1c2a9e-0b1d-4c3e-8f00-aaaaaaaaaaaa';
const SAM = '6f1c2a9e-77d1-4c3e-8f00-bbbbbbbbbbbb';
const listing = (...connections: Connection[]): ListResult => ({ connections, tokenHandout: false });

describe('tool names', () => {
  it('are <provider>_<action> in the characters every host accepts', () => {
    const tools = actionTools(listing(connection(ALEX, 'alex@sandbox.test', ['read-files', 'send-messages', 'stay-connected'])));
    // Staying connected is no API call: no tool.
    expect(tools.map((t) => t.tool.name)).toEqual(['sandbox_read_files', 'sandbox_send_messages']);
  });

  it('two accounts of one provider get a short suffix from each connection id, distinct even where the ids start alike', () => {
    const tools = actionTools(listing(connection(ALEX, 'alex@sandbox.test', ['read-files']), connection(SAM, 'sam@sandbox.test', ['read-files'])));
    expect(tools.map((t) => t.tool.name)).toEqual(['sandbox_read_files_6f1c2a9e0b', 'sandbox_read_files_6f1c2a9e77']);
    expect(tools.map((t) => t.connectionId)).toEqual([ALEX, SAM]);
  });

  it('stay within 64 characters and unique for long or odd provider ids, and never take the status tools’ names', () => {
    const long = 'x'.repeat(80);
    const tools = actionTools(
      listing(
        connection('c1', 'a', ['read-files', 'read-messages'], `${long}.one`),
        connection('c2', 'b', ['read-files'], `${long}.one`),
        connection('c3', 'c', ['read-files'], 'my server/ü'),
        connection('c4', 'd', ['read-files'], 'scopekeeper'),
      ),
    );
    const names = tools.map((t) => t.tool.name);
    for (const name of names) expect(name).toMatch(TOOL_NAME);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('my_server___read_files');
  });
});

describe('tool descriptions and hints', () => {
  const [read, send, edit, share] = actionTools(listing(connection(ALEX, 'alex@sandbox.test', ['read-files', 'send-messages', 'edit-files', 'share-files'])));

  it('say what the action does, on which account, with a title', () => {
    expect(send!.tool.title).toBe('Send messages (Sandbox: alex@sandbox.test)');
    expect(send!.tool.description).toMatch(/^Send messages, on the Sandbox account alex@sandbox\.test, through Scopekeeper\. It sends in the person’s name/);
  });

  it('derive the hints from the operations’ methods and the catalog’s effect', () => {
    expect(read!.tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(send!.tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(edit!.tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false });
    expect(share!.tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true });
  });

  it('have a closed input schema that shows the request body and what is required', () => {
    expect(send!.tool.inputSchema).toMatchObject({
      additionalProperties: false,
      required: ['body'],
      properties: { body: { type: 'object', required: ['to', 'text'], additionalProperties: false, properties: { to: { type: 'string' }, text: { type: 'string' } } } },
    });
    expect(read!.tool.inputSchema.properties).not.toHaveProperty('body');
    expect(edit!.tool.inputSchema.properties!.body).toMatchObject({ anyOf: [{ required: ['name'] }, { required: [] }] });
  });
});

describe('prepareCall', () => {
  const [read, send, edit] = actionTools(listing(connection(ALEX, 'alex@sandbox.test', ['read-files', 'send-messages', 'edit-files'])));
  const problem = (target: ActionTool, args: Record<string, unknown>) => ('problem' in prepareCall(target, args) ? (prepareCall(target, args) as { problem: string }).problem : undefined);

  it('fills in the only operation that fits, and sends the body as JSON', () => {
    expect(prepareCall(send!, { body: { to: 'sam@sandbox.test', text: 'Hi' } })).toEqual({
      params: { connectionId: ALEX, action: 'send-messages', method: 'POST', path: '/api/messages', body: '{"to":"sam@sandbox.test","text":"Hi"}' },
    });
    expect(prepareCall(read!, { path: '/api/files/f1', query: { fields: 'name' } })).toMatchObject({ params: { method: 'GET', path: '/api/files/f1', query: { fields: 'name' } } });
    expect(prepareCall(edit!, { path: '/api/files/f1', body: { content: 'x' } })).toMatchObject({ params: { method: 'PUT' } });
    expect(prepareCall(edit!, { path: '/api/files/f1' })).toMatchObject({ params: { method: 'DELETE' } });
  });

  it('names the argument of the wrong type, the unknown one, the body field, and sends nothing', () => {
    expect(problem(read!, { path: 123 })).toBe('path: Invalid input: expected string, received number');
    expect(problem(read!, { path: '/api/files', limit: 3 })).toBe('arguments: Unrecognized key: "limit"');
    expect(problem(send!, { body: { to: 5, text: 'Hi' } })).toBe('body.to: Invalid input: expected string, received number');
    expect(problem(send!, { body: { to: 'sam', text: 'Hi', cc: 'x' } })).toBe('body: Unrecognized key: "cc"');
    expect(problem(send!, {})).toMatch(/^body: Invalid input: expected object/);
    expect(problem(read!, { method: 'DELETE' })).toMatch(/^method: /);
    expect(problem(read!, { path: '/api/files', body: {} })).toBe('body: GET http://127.0.0.1:4890/api/files takes no body.');
    expect(problem(read!, { path: '/api/webhooks' })).toMatch(/^No operation of this tool is any method \/api\/webhooks; it covers: GET /);
    expect(problem(read!, { path: 'https://evil.example/api/files' })).toMatch(/^No operation/);
  });
});
