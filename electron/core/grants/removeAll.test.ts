import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getProvider, sandboxProvider } from '../../../shared/catalog';
import type { EventPayload, RemoveAllPlan, RemoveAllProgress } from '../../../shared/ipc/contract';
import { consentingBrowser } from '../../testing/sandboxCodeFlow';
import { formBrowser } from '../../../e2e/providers/formBrowser';
import { startMicrosoft, type MicrosoftServer } from '../../../e2e/providers/microsoft';
import { routingFetch } from '../../../e2e/providers/routing';
import { readTokens } from '../../../e2e/vaultFile';
import { startSandbox, type RunningAuthServer } from '../../sandbox/server';
import { dataFolderStores } from '../../headless/adapters';
import { createCore, type Core } from '../createCore';
import { planDisconnect } from './plan';
import { planRemoveAll, type RemovalSubject } from './removeAll';

const sandboxInfo = sandboxProvider('http://127.0.0.1:4890');
const microsoftInfo = getProvider('microsoft')!;
const person = (id: string, providerId: string, providerName: string, account: string): RemovalSubject['connection'] => ({ id, providerId, providerName, account });

describe('planRemoveAll', () => {
  it('says per connection what happens at its provider, in its disconnect plan’s words, grouped by provider', () => {
    const items = planRemoveAll([
      { connection: person('c1', 'sandbox', 'Sandbox', 'alex@sandbox.test'), disconnect: planDisconnect(sandboxInfo, ['openid', 'files:read']) },
      { connection: person('c2', 'microsoft', 'Microsoft', 'alex@contoso.example'), disconnect: planDisconnect(microsoftInfo, ['Mail.Read']) },
      { connection: person('c3', 'sandbox', 'Sandbox', 'sam@sandbox.test'), disconnect: planDisconnect(sandboxInfo, [], { live: false }) },
      { connection: person('c4', 'google', 'Google', 'alex@gmail.test'), disconnect: { unavailable: 'This build of Scopekeeper has no OAuth client for Google.' } },
    ]);
    expect(items.map((i) => [i.connectionId, i.action, i.via])).toEqual([
      ['c4', 'remove-here', 'forget'],
      ['c2', 'open-console', 'disconnect'],
      ['c1', 'revoke', 'disconnect'],
      ['c3', 'remove-here', 'disconnect'],
    ]);
    const said = Object.fromEntries(items.map((i) => [i.connectionId, i.description]));
    expect(said.c1).toMatch(/^Scopekeeper asks Sandbox to revoke all of its access\./);
    expect(said.c2).toContain('Microsoft offers apps no way to revoke access');
    expect(said.c2).toContain(`Your browser opens ${microsoftInfo.consoleUrl}`);
    expect(said.c3).toMatch(/nothing to revoke at Sandbox/);
    expect(said.c4).toBe('Removed here only. This build of Scopekeeper has no OAuth client for Google. Google keeps the grant until you remove it in its own settings.');
  });

  it('plans nothing for no connections', () => {
    expect(planRemoveAll([])).toEqual([]);
  });
});

/**
 * Against the real Sandbox, a server the person added (the Sandbox again, as "Acme", with its own
 * client) and the Microsoft test server: a fetch that can make Acme's revocation fail or wait.
 */
const MICROSOFT_CLIENT = { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e' };
let sandbox: RunningAuthServer;
let microsoft: MicrosoftServer;
beforeAll(async () => {
  [sandbox, microsoft] = await Promise.all([startSandbox(0), startMicrosoft(MICROSOFT_CLIENT)]);
});
afterAll(() => Promise.all([sandbox.close(), microsoft.close()]));

let core: Core;
let dataDir: string;
let opened: string[];
let revocations: string[];
/** A revocation carrying one of these tokens fails with a 503. */
let refused: Set<string>;
/** While set, every revocation waits for it. */
let hold: Promise<void> | undefined;
let arrived: (() => void) | undefined;
let progress: RemoveAllProgress[];
let now: number;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-remove-all-'));
  [opened, revocations, progress, refused, hold, arrived, now] = [[], [], [], new Set(), undefined, undefined, Date.now()];
  const routed = routingFetch(microsoft.routes);
  const sandboxBrowser = consentingBrowser();
  const fetchPort: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith('/revocation')) {
      const body = new URLSearchParams(String(init?.body));
      revocations.push(body.get('token') ?? '');
      arrived?.();
      await hold;
      if (refused.has(body.get('token') ?? '')) return new Response(JSON.stringify({ error: 'temporarily_unavailable' }), { status: 503, headers: { 'content-type': 'application/json' } });
    }
    return routed(input, init);
  };
  core = createCore(
    {
      ...dataFolderStores(dataDir),
      browser: {
        open: async (url) => {
          if (url === microsoftInfo.consoleUrl) return void opened.push(url);
          return new URL(url).protocol === 'https:' ? formBrowser(routed).open(url) : sandboxBrowser.open(url);
        },
      },
      clock: { now: () => new Date(now) },
      fetch: fetchPort,
      config: { sandboxIssuer: sandbox.issuer, builtInClients: new Map([['microsoft', { ...MICROSOFT_CLIENT, source: 'built-in' as const }]]) },
    },
    (channel, payload) => {
      if (channel === 'grants:remove-all-progress') progress.push(payload as EventPayload<'grants:remove-all-progress'>);
    },
  );
});

const h = () => core.handlers;

/** Sandbox, Acme (the Sandbox as a server the person added) and Microsoft, each connected. */
async function connectThree(): Promise<{ sandboxId: string; acmeId: string; microsoftId: string }> {
  const { clientId, clientSecret } = sandbox.ownApp;
  const acme = await h()['providers:add']({ name: 'Acme', issuer: sandbox.issuer, clientId, clientSecret });
  const sandboxId = (await h()['grants:connect']({ providerId: 'sandbox', scopes: ['files:read'] })).id;
  const acmeId = (await h()['grants:connect']({ providerId: acme.id, scopes: ['files:read'] })).id;
  const microsoftId = (await h()['grants:connect']({ providerId: 'microsoft', scopes: ['Mail.Read'] })).id;
  return { sandboxId, acmeId, microsoftId };
}

const ids = async (): Promise<string[]> => (await h()['grants:list'](undefined)).connections.map((c) => c.id).sort();
const active = async (connectionId: string): Promise<boolean> => (await sandbox.introspect((await readTokens(dataDir, connectionId)).refreshToken!)).active === true;

describe('Remove all, run', () => {
  it('nothing is removed or asked of any provider until a plan is applied; a plan not applied in time is refused', async () => {
    const { sandboxId, acmeId } = await connectThree();
    const before = await ids();
    const plan: RemoveAllPlan = await h()['grants:plan-remove-all']({});
    expect(plan.items.map((i) => [i.providerName, i.action])).toEqual([
      ['Acme', 'revoke'],
      ['Microsoft', 'open-console'],
      ['Sandbox', 'revoke'],
    ]);
    expect(await ids()).toEqual(before);
    expect([revocations, opened, progress]).toEqual([[], [], []]);
    expect([await active(sandboxId), await active(acmeId)]).toEqual([true, true]);

    now += 10 * 60_000 + 1;
    await expect(h()['grants:apply-remove-all']({ planId: plan.planId })).rejects.toMatchObject({ code: 'PLAN_STALE' });
    expect(await ids()).toEqual(before);
    expect(revocations).toEqual([]);
  });

  it('one provider’s revocation fails: the others are removed, the failure is reported, that connection stays', async () => {
    const { sandboxId, acmeId, microsoftId } = await connectThree();
    const acmeTokens = await readTokens(dataDir, acmeId);
    refused.add(acmeTokens.refreshToken!).add(acmeTokens.accessToken);
    const sandboxTokens = await readTokens(dataDir, sandboxId);

    const plan = await h()['grants:plan-remove-all']({});
    const outcome = await h()['grants:apply-remove-all']({ planId: plan.planId });

    expect(outcome.results.map((r) => [r.connectionId, r.state])).toEqual([
      [acmeId, 'failed'],
      [microsoftId, 'removed'],
      [sandboxId, 'removed'],
    ]);
    expect(outcome.results[0]?.error).toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(outcome.results[1]?.message).toBe(`Removed here. Microsoft keeps the consent until you remove it at ${microsoftInfo.consoleUrl}.`);
    expect(outcome.results[2]?.message).toBe('Sandbox revoked Scopekeeper’s access; the connection is removed.');
    expect(await ids()).toEqual([acmeId]);
    expect(await active(acmeId)).toBe(true);
    expect((await sandbox.introspect(sandboxTokens.refreshToken!)).active).toBe(false);
    expect(opened).toEqual([microsoftInfo.consoleUrl]);
    // One at a time, each announced before and after.
    expect(progress.map((p) => [p.index, p.of, p.state])).toEqual([
      [0, 3, 'running'],
      [0, 3, 'failed'],
      [1, 3, 'running'],
      [1, 3, 'removed'],
      [2, 3, 'running'],
      [2, 3, 'removed'],
    ]);
    // History records each removal as Remove connection does; the failed one is not in it.
    const removed = await h()['history:list-removed'](undefined);
    expect(removed.map((c) => [c.providerName, c.history.at(-1)?.kind, c.history.at(-1)?.message]).sort()).toEqual([
      ['Microsoft', 'removed', outcome.results[1]?.message],
      ['Sandbox', 'removed', outcome.results[2]?.message],
    ]);
  });

  it('a second run while one runs is refused and starts nothing; a plan applies once', async () => {
    await connectThree();
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const first = await h()['grants:plan-remove-all']({});
    const second = await h()['grants:plan-remove-all']({ providerId: 'sandbox' });
    const running = h()['grants:apply-remove-all']({ planId: first.planId });
    await reached;
    const refusal = { code: 'CHANGE_REFUSED', details: { reason: 'removal-running' } };
    await expect(h()['grants:apply-remove-all']({ planId: second.planId })).rejects.toMatchObject(refusal);
    await expect(h()['grants:apply-remove-all']({ planId: first.planId })).rejects.toMatchObject(refusal);
    release();
    expect((await running).results.map((r) => r.state)).toEqual(['removed', 'removed', 'removed']);
    expect(await ids()).toEqual([]);
    // Acme's revocation (twice: refresh and access token) was asked by the one run only.
    expect(revocations.filter((t) => t !== '').length).toBe(4);
    await expect(h()['grants:apply-remove-all']({ planId: first.planId })).rejects.toMatchObject({ code: 'PLAN_STALE' });
  });

  it('a connection removed another way before its turn is reported as gone, not as still saved', async () => {
    const { sandboxId, acmeId } = await connectThree();
    const plan = await h()['grants:plan-remove-all']({});
    await h()['grants:forget']({ connectionId: sandboxId });
    const outcome = await h()['grants:apply-remove-all']({ planId: plan.planId });
    expect(outcome.results.find((r) => r.connectionId === sandboxId)).toEqual({
      connectionId: sandboxId,
      state: 'removed',
      message: 'It was no longer saved here when its turn came: it had been removed another way.',
    });
    expect(outcome.results.find((r) => r.connectionId === acmeId)?.state).toBe('removed');
    expect(await ids()).toEqual([]);
  });

  it('per provider: only that provider’s connections are planned and removed', async () => {
    const { acmeId, microsoftId } = await connectThree();
    const plan = await h()['grants:plan-remove-all']({ providerId: 'sandbox' });
    expect(plan).toMatchObject({ providerId: 'sandbox', items: [{ providerName: 'Sandbox', action: 'revoke' }] });
    await h()['grants:apply-remove-all']({ planId: plan.planId });
    expect(await ids()).toEqual([acmeId, microsoftId].sort());
    expect(opened).toEqual([]);
  });

  it('a grant the Sandbox already ended is removed here only, and Remove connection says the same', async () => {
    const { sandboxId } = await connectThree();
    expect(await sandbox.revokeGrantOf((await readTokens(dataDir, sandboxId)).refreshToken!)).toBe(true);
    await h()['grants:check']({ connectionId: sandboxId });
    const single = await h()['grants:plan-disconnect']({ connectionId: sandboxId });
    expect(single).toMatchObject({ strategy: 'forget-only', steps: [{ kind: 'forget-locally' }] });
    const plan = await h()['grants:plan-remove-all']({ providerId: 'sandbox' });
    expect(plan.items).toMatchObject([{ action: 'remove-here', description: expect.stringMatching(/nothing to revoke at Sandbox/) }]);
    const outcome = await h()['grants:apply-remove-all']({ planId: plan.planId });
    expect(outcome.results).toMatchObject([{ state: 'removed', message: expect.stringMatching(/^Removed here\. .*nothing to revoke there\.$/) }]);
    expect(revocations).toEqual([]);
  });
});
