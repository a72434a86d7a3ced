import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { BrokerToolView } from '../../../shared/ipc/contract';
import type { BrokerClient } from '../../cli/client';
import type { CallResult, ListResult } from './protocol';
import { TokenHandouts } from './handout';
import { ToolStore } from './toolStore';
import { noPolicy } from '../policy/policy';

/**
 * An approval limited to one Sandbox file (`{fileId}`), through the real broker socket and the
 * Sandbox's workspace API: calls naming that file reach the Sandbox, calls naming another file or
 * none are refused before anything leaves, however many arrive at once. Counted where it
 * matters: the calls that reached the API.
 */

let h: BrokerHarness;
let connectionId: string;
withSandboxBroker(['files:read', 'files:write'], (harness, connection) => {
  h = harness;
  connectionId = connection;
});

const read = (agent: BrokerClient, path: string) => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path });

/** The ids of the Sandbox account's files, read by a tool allowed to list them. */
async function fileIds(): Promise<{ welcome: string; plans: string }> {
  const lister = await h.tool('lister');
  await h.approve(lister, { connectionId, actions: ['read-files'] });
  const { files } = JSON.parse((await read(lister, '/api/files')).body) as { files: { id: string; name: string }[] };
  const id = (name: string) => files.find((f) => f.name === name)!.id;
  return { welcome: id('Welcome.txt'), plans: id('Plans.md') };
}

async function limitedTo(fileId: string, extra: Record<string, unknown> = {}) {
  const agent = await h.tool('one-file-agent');
  const approved = await h.approve(agent, { connectionId, actions: ['read-files'], resource: { fileId } }, 'allow-always', extra);
  return { agent, ...approved };
}

describe('an approval limited to one file', () => {
  it('is offered when the tool names the file, admits that file and refuses another, a case variant and the list', async () => {
    const { welcome, plans } = await fileIds();
    const before = h.traffic.api;
    const { agent, asked, result } = await limitedTo(welcome);
    expect(asked.resource).toEqual({ label: welcome, noun: 'file' });
    expect(result).toMatchObject({ connectionId, actions: ['read-files'], resource: { fileId: welcome } });

    expect(JSON.parse((await read(agent, `/api/files/${welcome}`)).body)).toMatchObject({ name: 'Welcome.txt' });
    const other = await refusal(read(agent, `/api/files/${plans}`));
    expect(other.code).toBe('operation_not_allowed');
    expect(other.message).toBe(`This approval covers only the file ${welcome}; GET /api/files/${plans} is for another file.`);
    // The Sandbox looks file ids up exactly: an upper-case spelling is not this file.
    expect((await refusal(read(agent, `/api/files/${welcome.toUpperCase()}`))).code).toBe('operation_not_allowed');
    expect((await refusal(read(agent, '/api/files'))).message).toMatch(/names no file\.$/);
    expect(h.traffic.api).toBe(before + 1);

    // An encoded spelling of the same id is the same file to the Sandbox, and to the broker.
    const encoded = `%${welcome.charCodeAt(0).toString(16)}${welcome.slice(1)}`;
    expect((await read(agent, `/api/files/${encoded}`)).status).toBe(200);

    // The tool sees its limit, and the Tools view shows it.
    const listed = await agent.send<ListResult>('list');
    expect(listed.connections[0]!.actions[0]).toMatchObject({ id: 'read-files', resource: { fileId: welcome } });
    const tools = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(tools.find((t) => t.name === 'one-file-agent')!.approvals[0]).toMatchObject({ actionTitle: 'Read your files', resource: welcome });
  });

  it('refuses a burst of fifty calls to other files, all before anything leaves, while its own file still answers', async () => {
    const { welcome, plans } = await fileIds();
    const { agent } = await limitedTo(welcome);
    const before = h.traffic.api;
    const others = ['/api/files', `/api/files/${plans}`, '/api/files/does-not-exist', `/api/files/${welcome}x`, `/api/files/${welcome}/sharing`];
    const outcomes = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => read(agent, others[i % others.length]!).then((r) => `answered ${r.status}`, (e: { code?: string }) => `refused ${e.code}`)),
      read(agent, `/api/files/${welcome}`).then((r) => `own ${r.status}`),
    ]);
    expect(outcomes.filter((o) => o === 'own 200')).toHaveLength(1);
    // `/sharing` is no operation of Read your files: refused as such; every other one for its file.
    expect(outcomes.filter((o) => o === 'refused operation_not_allowed')).toHaveLength(50);
    expect(h.traffic.api).toBe(before + 1);
  });

  it('is asked about, not imposed: the person may allow any file instead', async () => {
    const { welcome, plans } = await fileIds();
    const { agent, result } = await limitedTo(welcome, { anyResource: true });
    expect(result).not.toHaveProperty('resource');
    expect((await read(agent, `/api/files/${plans}`)).status).toBe(200);
  });

  it('is refused before the person is asked when the action never names the file', async () => {
    const agent = await h.tool('mailer');
    const refused = await refusal(agent.send('request', { connectionId, actions: ['read-files', 'send-messages'], resource: { fileId: 'f1' } }));
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toMatch(/names no file in its URLs/);
    expect(await h.invoke('broker:pending')).toEqual([]);
  });
});

describe('a limited approval and the token handout', () => {
  it('do not go together: a token is not limited at the provider, so the answer is refused with a sentence', async () => {
    const { welcome } = await fileIds();
    const agent = await h.tool('token-agent');
    const question = h.next('broker:approval-requested');
    const answered = agent.send('request', { connectionId, actions: ['read-files'], resource: { fileId: welcome }, tokenHandout: true });
    const { requestId } = await question;
    await expect(h.invoke('broker:answer', { requestId, decision: 'allow-always', tokenHandout: true })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/A token handed to the tool cannot be limited to one file/),
    });
    // Still waiting: the person can choose again. Limited, without tokens:
    await h.invoke('broker:answer', { requestId, decision: 'allow-always', tokenHandout: false });
    await answered;
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
  });

  it('an approval holding both (a file edited by hand) hands out no token', async () => {
    const approval = { connectionId: 'c1', actionId: 'read-files', mode: 'always' as const, grantedAt: new Date().toISOString(), resource: { fileId: 'f1' }, handout: { scopes: ['files:read'], narrowed: true } };
    const store = { approval: () => approval } as unknown as ToolStore;
    const unused = () => {
      throw new Error('no token may be minted');
    };
    const handouts = new TokenHandouts(store, { liveRecord: unused } as never, { narrowAccessToken: unused, freshAccessToken: unused } as never, { now: () => new Date() }, noPolicy);
    await expect(handouts.issue({ id: 't1', name: 'edited-agent' } as never, 'c1', 'read-files')).rejects.toMatchObject({
      code: 'not_approved',
      message: expect.stringMatching(/limited to one resource, and a token cannot be/),
    });
  });
});

describe('the tool store file', () => {
  it('loads a version 1 file (no limits) as approvals for any file, and writes version 2 once one is limited', async () => {
    const { welcome, plans } = await fileIds();
    const path = join(h.dataDir, 'broker-tools.json');
    const written = JSON.parse(readFileSync(path, 'utf8')) as { version: number };
    expect(written.version).toBe(1);
    const reopened = ToolStore.open(path, new Date());
    expect(reopened.list()[0]!.approvals[0]).not.toHaveProperty('resource');

    await limitedTo(welcome);
    const limited = JSON.parse(readFileSync(path, 'utf8')) as { version: number; tools: { approvals: { resource?: unknown }[] }[] };
    expect(limited.version).toBe(2);
    expect(ToolStore.open(path, new Date()).list().find((t) => t.name === 'one-file-agent')!.approvals[0]!.resource).toEqual({ fileId: welcome });
    expect(plans).not.toBe(welcome);
  });
});
