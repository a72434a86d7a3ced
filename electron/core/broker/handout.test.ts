import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusal, startBrokerHarness, type BrokerHarness } from '../../../e2e/brokerHarness';
import { readTokens } from '../../../e2e/vaultFile';
import { genericProvider, getProvider, sandboxProvider, type ProviderInfo } from '../../../shared/catalog';
import type { BrokerToolView } from '../../../shared/ipc/contract';
import type { ConnectionRecord } from '../vault/schema';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { protocolFor } from '../oauth/providers';
import { handoutOffer, handoutsFor, whyNotAlone } from './handout';
import type { CallResult, ListResult } from './protocol';

/**
 * Token handout, end to end against the real Sandbox and its workspace API (the resource server):
 * asked separately, kept to the approved action's scopes, and ending with its approval.
 */

let sandbox: RunningAuthServer;
beforeAll(async () => {
  sandbox = await startSandbox(0);
});
afterAll(() => sandbox.close());

interface Handed {
  accessToken: string;
  tokenType: string;
  expiresAt?: number;
}

/** A call to the Sandbox's workspace API with `token`, as a tool holding it would make. */
async function api(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; error: string | null }> {
  const response = await fetch(`${sandbox.issuer}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const challenge = response.headers.get('www-authenticate') ?? '';
  return { status: response.status, error: /error="([^"]+)"/.exec(challenge)?.[1] ?? null };
}

const MESSAGE = { to: 'sam@sandbox.test', text: 'from a handed-out token' };

describe('token handout', () => {
  let h: BrokerHarness;
  let connectionId: string;
  beforeEach(async () => {
    h = await startBrokerHarness(sandbox);
    connectionId = await h.connectSandbox(['files:read', 'messages:read', 'messages:write', 'workspace:read']);
  });
  afterEach(() => h.dispose());

  it('asks in its own question what the token can do: only the action’s permissions where the provider narrows', async () => {
    const agent = await h.tool('reader');
    const { asked } = await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    expect(asked.tokenHandout).toBe(true);
    expect(asked.handout).toEqual({ narrowed: true, everything: [], notAlone: 'whole-grant' });
  });

  it('a token handed out for “Read your files” reads files and is refused for sending a message or reading settings', async () => {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const before = await readTokens(h.dataDir, connectionId);
    const token = await agent.send<Handed>('token', { connectionId, action: 'read-files' });

    expect(await api(token.accessToken, 'GET', '/files')).toEqual({ status: 200, error: null });
    expect(await api(token.accessToken, 'POST', '/messages', MESSAGE)).toEqual({ status: 403, error: 'insufficient_scope' });
    expect(await api(token.accessToken, 'GET', '/workspace')).toEqual({ status: 403, error: 'insufficient_scope' });
    const introspected = await sandbox.introspect(token.accessToken);
    expect(introspected.scope?.split(' ')).toEqual(['files:read']);

    // The connection's own token was not replaced and still does everything it was granted.
    const after = await readTokens(h.dataDir, connectionId);
    expect(after.accessToken).toBe(before.accessToken);
    expect(token.accessToken).not.toBe(after.accessToken);
    expect(await api(after.accessToken, 'POST', '/messages', MESSAGE)).toEqual({ status: 201, error: null });
    // The Sandbox rotates refresh tokens: the new one was saved, so the connection keeps renewing.
    expect(after.refreshToken).not.toBe(before.refreshToken);
    h.shift(2 * 3_600_000);
    await h.approve(agent, { connectionId, actions: ['send-messages'] });
    const sent = agent.send<CallResult>('call', { connectionId, action: 'send-messages', method: 'POST', path: '/api/messages', body: JSON.stringify(MESSAGE) });
    expect((await h.answerNext()).kind).toBe('confirm'); // sending is confirmed call by call
    expect((await sent).status).toBe(201);
  });

  it('writes one audit line per handout, with the scopes the token carries and never the token', async () => {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const token = await agent.send<Handed>('token', { connectionId, action: 'read-files' });
    const raw = readFileSync(join(h.dataDir, 'broker-usage.jsonl'), 'utf8');
    const lines = raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ tool: 'reader', action: 'read-files', method: 'TOKEN', outcome: 'token-handout', scopes: ['files:read'] })]);
    expect(raw).not.toContain(token.accessToken);
  });

  it('is off unless the person allows it in its own step, and never carries over to another approval', async () => {
    const agent = await h.tool('reader');
    // Asked for, not allowed: calls only.
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always');
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');

    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    // A second approval, whose question never mentioned tokens, gives none.
    await h.approve(agent, { connectionId, actions: ['read-messages'] }, 'allow-always', { tokenHandout: true });
    expect((await refusal(agent.send('token', { connectionId, action: 'read-messages' }))).code).toBe('not_approved');
    expect(await agent.send<Handed>('token', { connectionId, action: 'read-files' })).toMatchObject({ tokenType: expect.any(String) });
    const listed = await agent.send<ListResult>('list');
    expect(listed.connections[0]?.actions.map((a) => [a.id, a.tokenHandout])).toEqual([
      ['read-files', true],
      ['read-messages', false],
    ]);

    // Approving the same action again without tokens ends its handout.
    await h.approve(agent, { connectionId, actions: ['read-files'] }, 'allow-week');
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
  });

  it('comes with no “Allow once”: a token outlives one call', async () => {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-once', { tokenHandout: true });
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
  });

  it('ends with its approval: revoking the action or the tool stops the handout, and the Tools view says until when a given token works', async () => {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files', 'read-messages'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const token = await agent.send<Handed>('token', { connectionId, action: 'read-files' });
    let [view] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(view!.approvals.map((a) => [a.actionId, a.tokenHandout])).toEqual([
      ['read-files', true],
      ['read-messages', true],
    ]);

    const given = { actionTitle: 'Read your files', expiresAt: new Date(token.expiresAt! * 1000).toISOString(), notAlone: 'whole-grant' };
    // The answer says which given tokens keep working, and why the Sandbox cannot end one alone.
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-files' })).toEqual({
      stillWorking: [expect.objectContaining({ ...given, connection: { id: connectionId, providerName: 'Sandbox', account: 'alex@sandbox.test' } })],
    });
    expect((await refusal(agent.send('token', { connectionId, action: 'read-files' }))).code).toBe('not_approved');
    expect(await api(token.accessToken, 'GET', '/files')).toEqual({ status: 200, error: null });
    [view] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(view!.handedOut).toEqual([expect.objectContaining(given)]);

    // Another approval of the same tool had no token given: revoking the tool names only the one given.
    expect(await h.invoke('broker:revoke', { toolId: view!.id })).toEqual({ stillWorking: [expect.objectContaining(given)] });
    expect((await refusal(agent.send('token', { connectionId, action: 'read-messages' }))).code).toBe('not_approved');
  });

  it('revoking an approval whose handout gave no token, or whose token expired, names none', async () => {
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files', 'read-messages'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    await agent.send<Handed>('token', { connectionId, action: 'read-files' });
    const [view] = (await h.invoke('broker:tools')) as BrokerToolView[];
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-messages' })).toEqual({ stillWorking: [] });
    h.shift(2 * 3_600_000);
    expect(await h.invoke('broker:revoke', { toolId: view!.id, connectionId, actionId: 'read-files' })).toEqual({ stillWorking: [] });
  });

  it('is not revoked alone at the Sandbox: RFC 7009 revocation of one access token there ends the whole grant', async () => {
    // Why revoking an approval does not call the revocation endpoint for a handed-out token: the
    // Sandbox (oidc-provider 9: lib/actions/revocation.js revokes every token of the access token's
    // grant; `revokeGrantPolicy` only decides whether the Grant record itself stays), like Google,
    // revokes every token of the grant, the connection's too.
    const agent = await h.tool('reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    const token = await agent.send<Handed>('token', { connectionId, action: 'read-files' });
    const own = await readTokens(h.dataDir, connectionId);
    const revoked = await fetch(`${sandbox.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: token.accessToken, token_type_hint: 'access_token', client_id: sandbox.clientId }),
    });
    expect(revoked.status).toBe(200);
    expect((await sandbox.introspect(own.refreshToken!)).active).toBe(false);
    expect((await sandbox.introspect(own.accessToken)).active).toBe(false);
    // What the connection would see: its own token refused by the workspace API.
    expect(await api(own.accessToken, 'GET', '/files')).toEqual({ status: 401, error: 'invalid_token' });
  });

  it('a burst of handouts and calls on an expired token: every one answered, the rotating refresh token never reused', async () => {
    const agent = await h.tool('busy-reader');
    await h.approve(agent, { connectionId, actions: ['read-files'], tokenHandout: true }, 'allow-always', { tokenHandout: true });
    h.shift(2 * 3_600_000);
    const call = () => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });
    const tokens = Array.from({ length: 8 }, () => agent.send<Handed>('token', { connectionId, action: 'read-files' }));
    const calls = Array.from({ length: 8 }, call);
    const handed = await Promise.all(tokens);
    expect((await Promise.all(calls)).map((c) => c.status)).toEqual(Array(8).fill(200));
    expect(new Set(handed.map((t) => t.accessToken)).size).toBe(8);
    for (const t of handed) expect(await api(t.accessToken, 'POST', '/messages', MESSAGE)).toEqual({ status: 403, error: 'insufficient_scope' });
    // Still connected: one more call after all of them renews with the last saved refresh token.
    h.shift(4 * 3_600_000);
    expect((await call()).status).toBe(200);
  });
});

describe('what the handout step offers', () => {
  const slack = getProvider('slack')!;
  const record = { id: 'c1', grantedScopes: ['channels:read', 'chat:write'] } as ConnectionRecord;

  it('names everything a Slack token can do, the provider that cannot narrow', () => {
    const offer = handoutOffer(slack, [record]);
    expect(offer.narrowed).toBe(false);
    expect(offer.notAlone).toBe('own-token');
    expect(offer.everything).toEqual([{ connectionId: 'c1', can: [expect.any(String), expect.any(String)] }]);
    const send = slack.actions.find((a) => a.id === 'send-message')!;
    expect(handoutsFor(false, [send], record.grantedScopes, 'always')).toEqual({ 'send-message': { scopes: ['channels:read', 'chat:write'], narrowed: false } });
    expect(handoutsFor(false, [send], record.grantedScopes, 'once')).toEqual({});
  });
});

describe('why a given token cannot be ended alone, per provider', () => {
  const catalog = (id: string) => getProvider(id)!;
  const added = (revocationEndpoint?: string): ProviderInfo =>
    genericProvider({
      id: 'custom-1',
      name: 'Keycloak',
      issuer: 'https://id.example.org',
      authorizationEndpoint: 'https://id.example.org/auth',
      tokenEndpoint: 'https://id.example.org/token',
      ...(revocationEndpoint ? { revocationEndpoint } : {}),
    });
  const narrowedWhere = (info: ProviderInfo) => whyNotAlone(info, info.narrowTokens === true);

  it('no provider ends one: revoking would end the whole grant, the token is the connection’s own, or nothing can end it', () => {
    expect(narrowedWhere(sandboxProvider('http://127.0.0.1:4000'))).toBe('whole-grant');
    expect(narrowedWhere(catalog('google'))).toBe('whole-grant');
    expect(narrowedWhere(catalog('microsoft'))).toBe('no-endpoint');
    expect(narrowedWhere(catalog('atlassian'))).toBe('no-endpoint');
    expect(narrowedWhere(catalog('slack'))).toBe('own-token');
    // GitHub revokes only with the client's secret (the person's own client may have one).
    expect(narrowedWhere(catalog('github'))).toBe('no-endpoint');
    const withSecret = protocolFor('github').adjust(catalog('github'), { clientId: 'Iv1.x', clientSecret: 's', source: 'own' });
    expect(narrowedWhere(withSecret)).toBe('own-token');
    // An added server may end the grant with one token (RFC 7009 §2.1): not promised either way.
    expect(narrowedWhere(added('https://id.example.org/revoke'))).toBe('whole-grant');
    expect(narrowedWhere(added())).toBe('no-endpoint');
  });
});
