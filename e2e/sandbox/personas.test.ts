import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScope, getProvider } from '../../shared/catalog';
import { CodeFlow, consentHeading, CookieBrowser, discover, type PendingAuthorization } from './codeFlow';
import { PERSONA_IDS, PERSONA_NAMES, PERSONA_UNKNOWN_SCOPE, personaScopes, startPersona, type PersonaId } from './personas';
import type { RunningAuthServer } from './server';

const G = 'https://www.googleapis.com/auth/';

/** How the app asks each provider (catalog identity scopes and extra parameters), minus the API scopes. */
const IDENTITY: Record<PersonaId, Record<string, string>> = {
  google: { scope: 'openid email profile', access_type: 'offline', prompt: 'consent' },
  microsoft: { scope: 'openid profile email offline_access' },
  github: { scope: '' },
};

function withScopes(id: PersonaId, ...scopes: string[]): Record<string, string> {
  const identity = IDENTITY[id];
  return { ...identity, scope: [identity.scope, ...scopes].filter(Boolean).join(' ') };
}

function checkbox(scope: string): string {
  return `<label><input type="checkbox" name="scope" value="${scope}" checked> ${scope}</label>`;
}

/** Starts `id` for the enclosing describe block; the returned getter is valid inside its tests. */
function usePersona(id: PersonaId): () => CodeFlow {
  let server: RunningAuthServer | undefined;
  let flow: CodeFlow | undefined;
  beforeAll(async () => {
    server = await startPersona(id);
    flow = await CodeFlow.start(server);
  });
  afterAll(() => server?.close());
  return () => {
    if (!flow) throw new Error(`The ${id} persona did not start.`);
    return flow;
  };
}

/** Starts an authorization request in a new browser and signs in; resolves to the consent page. */
async function consentPage(flow: CodeFlow, browser: CookieBrowser, id: PersonaId, parameters: Record<string, string>) {
  const login = await flow.authorize(browser, parameters);
  expect(login.html).toContain(`<h1>Sign in to ${PERSONA_NAMES[id]}</h1>`);
  const consent = await flow.signIn(browser, login);
  expect(consent.html).toContain(consentHeading(PERSONA_NAMES[id]));
  return consent;
}

function offered(consent: PendingAuthorization): string[] {
  return [...consent.html.matchAll(/name="scope" value="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('persona scope sets', () => {
  it.each(PERSONA_IDS)('%s knows its catalog scopes and one the catalog does not', (id) => {
    const unknown = PERSONA_UNKNOWN_SCOPE[id];
    expect(findScope(id, unknown)).toBeUndefined();
    const scopes = personaScopes(id);
    expect(scopes).toContain(unknown);
    const catalog = getProvider(id)?.scopes.map((s) => s.scope) ?? [];
    expect(scopes).toEqual(expect.arrayContaining(catalog.filter((s) => !['openid', 'profile', 'email', 'offline_access'].includes(s))));
    expect(scopes).not.toContain('openid');
  });
});

describe('google persona', () => {
  const flow = usePersona('google');

  it('grants the Google URL scopes, space-separated, and adds to them with include_granted_scopes', async () => {
    const browser = new CookieBrowser();
    const first = await consentPage(flow(), browser, 'google', withScopes('google', `${G}gmail.readonly`, `${G}calendar.readonly`));
    expect(first.html).toContain(checkbox(`${G}gmail.readonly`));
    const tokens = await flow().allow(browser, first, ['email', 'profile', `${G}gmail.readonly`]);
    expect(tokens.scope).not.toContain(',');
    expect(tokens.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', `${G}gmail.readonly`]));
    expect(tokens.scope?.split(' ')).not.toContain(`${G}calendar.readonly`);
    expect(tokens.refresh_token).toBeDefined();

    // Still signed in: straight to consent, which asks only about what is new.
    const second = await flow().authorize(browser, { scope: `${G}gmail.send`, include_granted_scopes: 'true', prompt: 'consent' });
    expect(second.html).toContain(consentHeading(PERSONA_NAMES.google));
    expect(offered(second)).toEqual([`${G}gmail.send`]);
    const added = await flow().allow(browser, second, [`${G}gmail.send`]);
    expect(added.scope?.split(' ')).toEqual(expect.arrayContaining([`${G}gmail.readonly`, `${G}gmail.send`]));
    expect(added.scope?.split(' ')).not.toContain(`${G}calendar.readonly`);
    const introspected = (await flow().server.introspect(added.access_token)).scope?.split(' ');
    expect(introspected).toEqual(expect.arrayContaining([`${G}gmail.readonly`, `${G}gmail.send`]));

    // Without the parameter, only what is approved now.
    const third = await flow().authorize(browser, { scope: `${G}gmail.send`, prompt: 'consent' });
    const alone = await flow().allow(browser, third, [`${G}gmail.send`]);
    expect(alone.scope?.split(' ')).toContain(`${G}gmail.send`);
    expect(alone.scope?.split(' ')).not.toContain(`${G}gmail.readonly`);
  });
});

describe('microsoft persona', () => {
  const flow = usePersona('microsoft');

  it('issues a refresh token for offline_access but never echoes offline_access in scope', async () => {
    const browser = new CookieBrowser();
    // prompt=consent keeps offline_access in the request, so the grant really holds it.
    const consent = await consentPage(flow(), browser, 'microsoft', { ...withScopes('microsoft', 'Mail.Read', 'User.Read'), prompt: 'consent' });
    expect(consent.html).toContain(checkbox('Mail.Read'));
    const tokens = await flow().allow(browser, consent, ['profile', 'email', 'offline_access', 'Mail.Read', 'User.Read']);

    expect(tokens.refresh_token).toBeDefined();
    const scope = tokens.scope?.split(' ');
    expect(scope).toEqual(expect.arrayContaining(['openid', 'Mail.Read', 'User.Read']));
    expect(scope).not.toContain('offline_access');
    expect((await flow().server.introspect(tokens.access_token)).scope?.split(' ')).toContain('offline_access');

    const refreshed = await oidc.refreshTokenGrant(flow().config, tokens.refresh_token ?? '');
    expect(refreshed.scope?.split(' ')).toContain('Mail.Read');
    expect(refreshed.scope?.split(' ')).not.toContain('offline_access');
  });
});

describe('github persona', () => {
  const flow = usePersona('github');

  it('answers a request without openid with a comma-separated scope and no ID token', async () => {
    const browser = new CookieBrowser();
    const consent = await consentPage(flow(), browser, 'github', withScopes('github', 'repo', 'read:org'));
    expect(consent.html).not.toContain('openid');
    expect(offered(consent)).toEqual(['repo', 'read:org']);

    const tokens = await flow().allow(browser, consent, ['repo', 'read:org']);
    expect(tokens.scope).toBe('repo,read:org');
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.claims()).toBeUndefined();
  });
});

describe.each(PERSONA_IDS)('%s persona and a scope the catalog does not know', (id) => {
  const flow = usePersona(id);

  it('grants it and names it in the token scope', async () => {
    const unknown = PERSONA_UNKNOWN_SCOPE[id];
    const browser = new CookieBrowser();
    const consent = await consentPage(flow(), browser, id, withScopes(id, unknown));
    expect(consent.html).toContain(checkbox(unknown));
    const tokens = await flow().allow(browser, consent, [unknown]);
    const separator = id === 'github' ? ',' : ' ';
    expect(tokens.scope?.split(separator)).toContain(unknown);
  });
});

describe('persona revocation endpoint', () => {
  it.each([
    [true, 'publishes'],
    [false, 'does not publish'],
  ])('revocation: %s %s revocation_endpoint in discovery', async (revocation) => {
    const server = await startPersona('microsoft', { revocation });
    try {
      const metadata = (await discover(server)).serverMetadata();
      expect(metadata.revocation_endpoint !== undefined).toBe(revocation);
    } finally {
      await server.close();
    }
  });
});
