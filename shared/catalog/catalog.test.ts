import { describe, expect, it } from 'vitest';
import {
  ACCESS_LEVELS,
  ACTION_EFFECTS,
  CATALOG,
  CATEGORIES,
  findScope,
  genericProvider,
  getProvider,
  lookupScope,
  sandboxProvider,
  SANDBOX_SCOPES,
  SENSITIVITIES,
} from './index';
import type { ProviderInfo } from './index';

const G = 'https://www.googleapis.com/auth/';
const sandbox = sandboxProvider('http://127.0.0.1:4000');
const generic = genericProvider({
  id: 'keycloak',
  name: 'Keycloak',
  issuer: 'https://id.example.org/realms/main',
  authorizationEndpoint: 'https://id.example.org/realms/main/protocol/openid-connect/auth',
  tokenEndpoint: 'https://id.example.org/realms/main/protocol/openid-connect/token',
  revocationEndpoint: 'https://id.example.org/realms/main/protocol/openid-connect/revoke',
});
const ALL: readonly ProviderInfo[] = [...CATALOG, sandbox, generic];

function provider(id: string): ProviderInfo {
  const found = getProvider(id);
  if (found === undefined) throw new Error(`missing provider ${id}`);
  return found;
}

function scopeNames(p: ProviderInfo): string[] {
  return p.scopes.map((s) => s.scope);
}

describe('coverage', () => {
  const minimums: Record<string, number> = { google: 30, microsoft: 25, slack: 25, github: 25, atlassian: 12 };

  it('lists every provider with fixed endpoints', () => {
    expect(CATALOG.map((p) => p.id).sort()).toEqual(Object.keys(minimums).sort());
  });

  it.each(Object.entries(minimums))('%s has at least %i scopes', (id, minimum) => {
    expect(provider(id).scopes.length).toBeGreaterThanOrEqual(minimum);
  });

  it.each(ALL.map((p) => [p.id, p] as const))('%s has at least 5 actions', (_id, p) => {
    expect(p.actions.length).toBeGreaterThanOrEqual(5);
  });

  it('covers the Google products the app explains', () => {
    const names = scopeNames(provider('google'));
    for (const product of ['gmail.', 'calendar', 'drive', 'spreadsheets', 'documents', 'contacts']) {
      expect(names.some((n) => n.startsWith(`${G}${product}`)), product).toBe(true);
    }
    expect(names).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'https://mail.google.com/']));
  });

  it('covers the Microsoft Graph permissions the app explains', () => {
    expect(scopeNames(provider('microsoft'))).toEqual(
      expect.arrayContaining([
        'Mail.Read',
        'Mail.ReadWrite',
        'Mail.Send',
        'Calendars.Read',
        'Calendars.ReadWrite',
        'Files.Read',
        'Files.ReadWrite.All',
        'Contacts.Read',
        'Chat.Read',
        'ChannelMessage.Send',
        'Team.ReadBasic.All',
        'User.Read',
        'offline_access',
      ]),
    );
  });

  it('has every sandbox scope, exactly', () => {
    expect(new Set(scopeNames(sandbox))).toEqual(
      new Set([
        'files:read',
        'files:write',
        'files:admin',
        'messages:read',
        'messages:write',
        'tasks:read',
        'tasks:write',
        'calendar:read',
        'calendar:write',
        'workspace:read',
        'workspace:write',
        'webhooks:read',
        'webhooks:write',
        'openid',
        'profile',
        'email',
        'offline_access',
      ]),
    );
    expect(SANDBOX_SCOPES.map((s) => s.scope)).toEqual(scopeNames(sandbox));
  });

  it('explains the OIDC standard scopes for a generic server', () => {
    expect(new Set(scopeNames(generic))).toEqual(
      new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']),
    );
  });
});

describe.each(ALL.map((p) => [p.id, p] as const))('%s entries', (_id, p) => {
  it.each(p.scopes.map((s) => [s.scope, s] as const))('%s is well formed', (_scope, s) => {
    expect(s.title.trim().split(/\s+/).length).toBeLessThanOrEqual(6);
    expect(s.title).not.toMatch(/[.]$/);
    expect(s.sentence).toMatch(/^[A-Z].*\.$/);
    // One sentence: no sentence end followed by another capitalized sentence.
    expect(s.sentence).not.toMatch(/[.!?]\s+[A-Z]/);
    expect(s.includes.length).toBeGreaterThan(0);
    expect(new URL(s.source).protocol).toBe('https:');
    expect(ACCESS_LEVELS).toContain(s.access);
    expect(SENSITIVITIES).toContain(s.sensitivity);
    expect(CATEGORIES).toContain(s.category);
  });

  it('has no duplicate scope strings or aliases', () => {
    const spellings = p.scopes.flatMap((s) => [s.scope, ...(s.aliases ?? [])]);
    const normalize = (s: string) => (p.scopeFormat.caseInsensitive === true ? s.toLowerCase() : s);
    expect(new Set(spellings.map(normalize)).size).toBe(spellings.length);
  });

  it('implies only scopes of its own catalog, never itself', () => {
    const names = new Set(scopeNames(p));
    for (const s of p.scopes) {
      for (const implied of s.implies ?? []) {
        expect(names.has(implied), `${s.scope} implies ${implied}`).toBe(true);
        expect(implied).not.toBe(s.scope);
      }
    }
  });

  it('has no implication cycles', () => {
    const implies = new Map(p.scopes.map((s) => [s.scope, s.implies ?? []]));
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      (implies.get(from) ?? []).some(
        (next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))),
      );
    for (const s of p.scopes) expect(reaches(s.scope, s.scope), s.scope).toBe(false);
  });

  it('has actions with unique ids whose scopes are in its catalog', () => {
    const names = new Set(scopeNames(p));
    expect(new Set(p.actions.map((a) => a.id)).size).toBe(p.actions.length);
    for (const action of p.actions) {
      expect(action.scopes.length, action.id).toBeGreaterThan(0);
      for (const scope of action.scopes) expect(names.has(scope), `${action.id} needs ${scope}`).toBe(true);
    }
  });

  it('marks every action that deletes, sends or shares, so "Always allow" still confirms each call', () => {
    // A DELETE operation, a message send by its URL, or a title that says it.
    const sendUrl = /\/messages(\/send)?$|chat\.postMessage$|\/sendMail$/;
    const irreversible = p.actions.filter(
      (a) =>
        (a.operations ?? []).some((op) => op.method === 'DELETE' || (op.method === 'POST' && sendUrl.test(op.url))) ||
        /\b(send|delete|share|post)\b/i.test(a.title),
    );
    for (const action of irreversible) expect(action.effect, action.id).toBeDefined();
    for (const action of p.actions) if (action.effect) expect(ACTION_EFFECTS, action.id).toContain(action.effect);
  });

  it('always asks for identity scopes it can explain', () => {
    for (const scope of p.identityScopes) expect(lookupScope(p, scope), scope).toBeDefined();
  });

  it('has https endpoints and links (the local sandbox aside)', () => {
    const urls = [p.endpoints.authorization, p.endpoints.token, p.consoleUrl, p.docsUrl];
    for (const url of urls) expect(['https:', p.id === 'sandbox' ? 'http:' : 'https:']).toContain(new URL(url).protocol);
    expect(p.reduce.length).toBeGreaterThan(0);
  });
});

describe('Google classification', () => {
  const google = provider('google');
  const sensitivity = (scope: string) => lookupScope(google, scope)?.sensitivity;

  it('marks mailbox-reading Gmail scopes restricted, sending sensitive', () => {
    expect(sensitivity(`${G}gmail.readonly`)).toBe('restricted');
    expect(sensitivity(`${G}gmail.modify`)).toBe('restricted');
    expect(sensitivity('https://mail.google.com/')).toBe('restricted');
    expect(sensitivity(`${G}gmail.send`)).toBe('sensitive');
  });

  it('marks full Drive restricted and per-file Drive non-sensitive', () => {
    expect(sensitivity(`${G}drive`)).toBe('restricted');
    expect(sensitivity(`${G}drive.file`)).toBe('basic');
  });

  it('says gmail.modify cannot delete forever', () => {
    const modify = lookupScope(google, `${G}gmail.modify`);
    expect(modify?.title).toBe('Read, label and archive email');
    expect(modify?.doesNotAllow?.join(' ')).toMatch(/forever/);
  });

  it('confirms each send, delete and share of the actions tools call most', () => {
    const effect = (p: ProviderInfo, id: string) => p.actions.find((a) => a.id === id)?.effect;
    expect(effect(sandbox, 'send-messages')).toBe('sends');
    expect(effect(sandbox, 'share-files')).toBe('shares');
    expect(effect(sandbox, 'read-files')).toBeUndefined();
    expect(effect(provider('google'), 'send-email')).toBe('sends');
    expect(effect(provider('slack'), 'send-message')).toBe('sends');
    expect(effect(provider('atlassian'), 'delete-issues')).toBe('destroys');
  });

  it('maps the example actions to their narrowest scopes', () => {
    const action = (id: string) => google.actions.find((a) => a.id === id)?.scopes;
    expect(action('read-email')).toEqual([`${G}gmail.readonly`]);
    expect(action('send-email')).toEqual([`${G}gmail.send`]);
    expect(action('create-calendar-events')).toEqual([`${G}calendar.events`]);
    expect(provider('github').actions.find((a) => a.id === 'read-private-repos')?.scopes).toEqual(['repo']);
  });
});

describe('provider settings', () => {
  it('describes how each provider is asked', () => {
    expect(provider('google').extraAuthorizationParams).toEqual({ access_type: 'offline', prompt: 'consent' });
    expect(provider('google').add).toEqual({ strategy: 'incremental', param: { include_granted_scopes: 'true' } });
    expect(provider('atlassian').extraAuthorizationParams).toEqual({ audience: 'api.atlassian.com', prompt: 'consent' });
    expect(provider('slack').scopeFormat).toMatchObject({ scopeParam: 'user_scope', responseSeparator: ',' });
    expect(provider('github').scopeFormat).toMatchObject({ requestSeparator: ' ', responseSeparator: ',' });
    expect(provider('microsoft').scopeFormat.resource).toBe('https://graph.microsoft.com/');
    expect(provider('microsoft').identityScopes).toEqual(['openid', 'profile', 'email', 'offline_access']);
  });

  it('derives the sandbox endpoints from its issuer', () => {
    expect(sandboxProvider('http://127.0.0.1:4000/').endpoints).toEqual({
      authorization: 'http://127.0.0.1:4000/auth',
      token: 'http://127.0.0.1:4000/token',
      revocation: 'http://127.0.0.1:4000/token/revocation',
      userinfo: 'http://127.0.0.1:4000/me',
    });
    expect(sandbox).toMatchObject({
      reduce: ['revoke-and-reconsent', 'narrow-refresh'],
      revokeAll: 'rfc7009',
      add: { strategy: 'union' },
      identityScopes: ['openid', 'profile', 'email', 'offline_access'],
    });
  });

  it('makes a generic provider revoke only when it has an endpoint', () => {
    expect(generic.revokeAll).toBe('rfc7009');
    const noRevoke = genericProvider({
      id: 'x',
      name: 'X',
      issuer: 'https://x.example',
      authorizationEndpoint: 'https://x.example/auth',
      tokenEndpoint: 'https://x.example/token',
    });
    expect(noRevoke.revokeAll).toBe('console-only');
    expect(noRevoke.endpoints.revocation).toBeUndefined();
    expect(noRevoke.reduce).toEqual(['narrow-refresh']);
  });

  it('keeps the catalog frozen', () => {
    expect(Object.isFrozen(CATALOG)).toBe(true);
    expect(Object.isFrozen(provider('google').scopes[0])).toBe(true);
  });
});

describe('findScope', () => {
  it('finds by catalog spelling and by alias', () => {
    expect(findScope('google', `${G}userinfo.email`)?.scope).toBe('email');
    expect(findScope('microsoft', 'https://graph.microsoft.com/Mail.Read')?.scope).toBe('Mail.Read');
    expect(findScope('microsoft', 'mail.read')?.scope).toBe('Mail.Read');
    expect(findScope('github', 'read:org')?.scope).toBe('read:org');
  });

  it('is case-sensitive where the provider is', () => {
    expect(findScope('github', 'READ:ORG')).toBeUndefined();
  });

  it('knows the sandbox and the OIDC scopes of unknown servers', () => {
    expect(findScope('sandbox', 'files:admin')?.implies).toEqual(['files:write']);
    expect(findScope('my-keycloak', 'offline_access')?.title).toBe('Stay connected while you are away');
    expect(findScope('my-keycloak', 'files:read')).toBeUndefined();
    expect(findScope('google', 'not-a-scope')).toBeUndefined();
  });
});
