import { execFile } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandboxBroker } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import { BrokerClient } from '../../cli/client';
import { systemKeychain, type Keychain } from '../../cli/secretStore';
import { SecretFile, ToolSession } from '../../cli/toolSession';
import type { BrokerToolView, ConnectionUsage, ExportFile } from '../../../shared/ipc/contract';

/**
 * Who is calling: tools that give one name are shown apart, and the program the OS shows at the
 * other end of the socket (Linux) is in the dialog, the Tools view and the audit; elsewhere it is
 * "unknown program". Where a tool keeps its secret is its own word (`hello`), kept and shown as such.
 */

let h: BrokerHarness;
let connectionId: string;
withSandboxBroker(['files:read'], (harness, connection) => {
  h = harness;
  connectionId = connection;
});

const linux = process.platform === 'linux';
/** What the broker shows for a program: its executable on Linux, else "unknown program". */
const shown = (executable: string) => (linux ? realpathSync(executable) : 'unknown program');
const readFiles = () => ({ connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

/** A program other than the test's Node: Python speaking the wire protocol with a copied secret. */
function pythonCall(endpoint: string, secret: string, call: object): Promise<string> {
  const script = [
    'import json, socket, sys',
    's = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rw")',
    'for m in ({"id": 1, "method": "hello", "params": {"tool": "my-agent", "secret": sys.argv[2]}}, {"id": 2, "method": "call", "params": json.loads(sys.argv[3])}):',
    '    f.write(json.dumps(m) + "\\n"); f.flush(); print(f.readline().strip())',
  ].join('\n');
  return new Promise((resolve, reject) =>
    execFile('/usr/bin/python3', ['-c', script, endpoint, secret, JSON.stringify(call)], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

describe('two tools that call themselves "my-agent"', () => {
  it('are shown apart in the dialog, the Tools view, "Used by", the audit and the export, each with the program it came from', async () => {
    const first = await h.tool('my-agent');
    const { asked: firstAsked } = await h.approve(first, { connectionId, actions: ['read-files'] });
    expect(firstAsked.tool).toEqual({ name: 'my-agent', known: false, program: shown(process.execPath) });

    const second = await h.tool('my-agent');
    const { asked } = await h.approve(second, { connectionId, actions: ['read-files'] });
    expect(asked.tool).toEqual({ name: 'my-agent (2)', claimedName: 'my-agent', known: false, program: shown(process.execPath) });

    await first.send('call', readFiles());
    await second.send('call', readFiles());
    const tools = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(tools.map((t) => [t.name, t.program])).toEqual([
      ['my-agent', linux ? realpathSync(process.execPath) : undefined],
      ['my-agent (2)', linux ? realpathSync(process.execPath) : undefined],
    ]);
    const usage = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(usage.usedBy.find((u) => u.scope === 'files:read')?.tools.map((t) => t.name).sort()).toEqual(['my-agent', 'my-agent (2)']);
    expect(usage.calls.map((c) => [c.tool, c.program])).toEqual([
      ['my-agent (2)', shown(process.execPath)],
      ['my-agent', shown(process.execPath)],
    ]);
    const csv = (await h.invoke('grants:export', { format: 'calls-csv' })) as ExportFile;
    expect(csv.content.trim().split('\r\n').slice(1).map((r) => r.split(',')[1])).toEqual(['my-agent', 'my-agent (2)']);
  });

  it('a hello with a known secret answers with the name the person sees', async () => {
    const first = await h.tool('my-agent');
    await h.approve(first, { connectionId, actions: ['read-files'] });
    const second = await h.tool('my-agent');
    const { result } = await h.approve(second, { connectionId, actions: ['read-files'] });
    const again = await BrokerClient.connect(h.endpoint);
    try {
      expect(await again.send('hello', { tool: 'my-agent', secret: result.secret })).toEqual({ tool: 'my-agent (2)', known: true });
    } finally {
      again.close();
    }
  });
});

describe('a removed tool in the audit', () => {
  it('keeps a name apart from a new tool given the same one', async () => {
    const old = await h.tool('my-agent');
    const { result } = await h.approve(old, { connectionId, actions: ['read-files'] });
    await old.send('call', readFiles());
    const [removed] = (await h.invoke('broker:tools')) as BrokerToolView[];
    await h.invoke('broker:revoke', { toolId: removed!.id });
    expect(result.secret).toBeDefined();
    const fresh = await h.tool('my-agent');
    await h.approve(fresh, { connectionId, actions: ['read-files'] });
    await fresh.send('call', readFiles());
    const usage = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(usage.calls.map((c) => c.tool)).toEqual(['my-agent', 'my-agent (removed)']);
    expect(usage.usedBy.find((u) => u.scope === 'files:read')?.tools.map((t) => t.name)).toEqual(['my-agent', 'my-agent (removed)']);
  });
});

describe('a secret used by another program', () => {
  it('is logged with the program that really called, and the Tools view shows the new program', async () => {
    const agent = await h.tool('my-agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] });
    const answers = (await pythonCall(h.endpoint, result.secret!, readFiles())).trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; result: unknown });
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    expect(answers[0]!.result).toEqual({ tool: 'my-agent', known: true });

    const { calls } = (await h.invoke('broker:usage', { connectionId })) as ConnectionUsage;
    expect(calls.map((c) => [c.tool, c.program])).toEqual([['my-agent', shown('/usr/bin/python3')]]);
    const [tool] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(tool?.program).toBe(linux ? realpathSync(process.execPath) : undefined);
    expect(tool?.otherPrograms?.map((p) => p.program)).toEqual(linux ? [realpathSync('/usr/bin/python3')] : undefined);
  });
});

const said = async () => ((await h.invoke('broker:tools')) as BrokerToolView[]).map((t) => [t.name, t.secretStore]);

describe('a tool saying where it keeps its secret', () => {
  it('is recorded when the tool is first approved, and follows what its later hellos say', async () => {
    const agent = await h.tool('my-agent');
    await agent.send('hello', { tool: 'my-agent', secretStore: 'keychain' });
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] });
    expect(await said()).toEqual([['my-agent', 'keychain']]);

    const again = await h.tool('my-agent');
    await again.send('hello', { tool: 'my-agent', secret: result.secret, secretStore: 'file' });
    expect(await said()).toEqual([['my-agent', 'file']]);
    // A client that does not say leaves the record as it was.
    await again.send('hello', { tool: 'my-agent', secret: result.secret });
    expect(await said()).toEqual([['my-agent', 'file']]);
  });

  it('is not taken from a hello without the tool’s secret', async () => {
    const agent = await h.tool('my-agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] });
    expect(await said()).toEqual([['my-agent', undefined]]);
    const stranger = await h.tool('my-agent');
    await stranger.send('hello', { tool: 'my-agent', secretStore: 'keychain' });
    await stranger.send('hello', { tool: 'my-agent', secret: 'x'.repeat(43), secretStore: 'keychain' });
    expect(await said()).toEqual([['my-agent', undefined]]);
    expect(result.secret).toBeDefined();
  });

  it('refuses any other word as a bad request, and changes nothing', async () => {
    const agent = await h.tool('my-agent');
    const { result } = await h.approve(agent, { connectionId, actions: ['read-files'] });
    for (const secretStore of ['vault', '', 'KEYCHAIN', 1, null]) {
      const error = await refusal(agent.send('hello', { tool: 'my-agent', secret: result.secret, secretStore }));
      expect(error.code).toBe('bad_request');
    }
    expect(await said()).toEqual([['my-agent', undefined]]);
  });
});

describe('the scopekeeper command saying where it kept the secret it was issued', () => {
  /** A keychain in memory that can refuse writes. */
  const memoryKeychain = (refuseWrites: boolean): Keychain & { kept: Map<string, string> } => {
    const kept = new Map<string, string>();
    return {
      kept,
      get: async (_service, account) => kept.get(account),
      set: async (_service, account, secret) => {
        if (refuseWrites) throw new Error('The system keychain cannot be used: locked');
        kept.set(account, secret);
      },
    };
  };

  async function approveThrough(keychain: Keychain | undefined, toolsDir: string): Promise<void> {
    const session = await ToolSession.open('my-agent', { SCOPEKEEPER_BROKER: h.endpoint, SCOPEKEEPER_TOOLS_DIR: toolsDir }, keychain);
    try {
      const asked = h.next('broker:approval-requested');
      const answered = session.request({ connectionId, actions: ['read-files'] });
      await h.invoke('broker:answer', { requestId: (await asked).requestId, decision: 'allow-always' });
      await answered;
    } finally {
      session.close();
    }
  }

  it('the keychain, when it kept it', async () => {
    const keychain = memoryKeychain(false);
    const dir = mkdtempSync(join(tmpdir(), 'sk-said-'));
    await approveThrough(keychain, dir);
    expect([...keychain.kept.keys()]).toEqual(['my-agent']);
    expect(new SecretFile(dir).get('my-agent')).toBeUndefined();
    expect(await said()).toEqual([['my-agent', 'keychain']]);
  });

  it('the file, when the keychain refused it after answering the first read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-said-'));
    await approveThrough(memoryKeychain(true), dir);
    expect(new SecretFile(dir).get('my-agent')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await said()).toEqual([['my-agent', 'file']]);
  });

  it('the file, when there is no keychain', async () => {
    await approveThrough(undefined, mkdtempSync(join(tmpdir(), 'sk-said-')));
    expect(await said()).toEqual([['my-agent', 'file']]);
  });

  it.runIf(process.platform === 'linux')('the file, with the real @napi-rs/keyring where no Secret Service answers', async () => {
    const { DBUS_SESSION_BUS_ADDRESS: _bus, XDG_RUNTIME_DIR: _runtime, ...noBus } = process.env;
    const dir = mkdtempSync(join(tmpdir(), 'sk-said-'));
    await approveThrough(systemKeychain(noBus), dir);
    expect(new SecretFile(dir).get('my-agent')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await said()).toEqual([['my-agent', 'file']]);
  });
});
