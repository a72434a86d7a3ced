import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, genericProvider, getProvider, sandboxProvider } from '../catalog';
import type { ProviderInfo } from '../catalog';
import { canonicalScope, effectiveGranted, formatScopes, parseScopes } from './format';

function provider(id: string): ProviderInfo {
  const found = getProvider(id);
  if (found === undefined) throw new Error(`missing provider ${id}`);
  return found;
}

const google = provider('google');
const microsoft = provider('microsoft');
const slack = provider('slack');
const github = provider('github');
const sandbox = sandboxProvider('http://127.0.0.1:4000');
const generic = genericProvider({
  id: 'generic',
  name: 'Generic',
  issuer: 'https://id.example',
  authorizationEndpoint: 'https://id.example/auth',
  tokenEndpoint: 'https://id.example/token',
});
const ALL = [...CATALOG, sandbox, generic];

/** Catalog scopes plus made-up scope-shaped tokens (no separators). */
function scopeArbitrary(p: ProviderInfo): fc.Arbitrary<string> {
  const known = fc.constantFrom(...p.scopes.map((s) => s.scope));
  const made = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:\-/]{0,20}$/);
  return fc.oneof(known, made);
}

describe('parseScopes / formatScopes round trip', () => {
  it.each(ALL.map((p) => [p.id, p] as const))('%s: parse(format(x)) is x, canonical and deduplicated', (_id, p) => {
    fc.assert(
      fc.property(fc.array(scopeArbitrary(p), { maxLength: 12 }), (scopes) => {
        const formatted = formatScopes(p, scopes);
        const parsed = parseScopes(p, formatted);
        expect(formatScopes(p, parsed)).toBe(formatted);
        expect(parsed).toEqual(formatScopes(p, scopes) === '' ? [] : formatted.split(p.scopeFormat.requestSeparator));
      }),
    );
  });

  it.each(ALL.map((p) => [p.id, p] as const))('%s: a response string round-trips too', (_id, p) => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...p.scopes.map((s) => s.scope)), { maxLength: 10 }), (scopes) => {
        const response = scopes.join(p.scopeFormat.responseSeparator);
        expect(parseScopes(p, response)).toEqual(scopes);
      }),
    );
  });
});

describe('parseScopes', () => {
  it('reads comma-separated GitHub responses and its ", " header form', () => {
    expect(parseScopes(github, 'repo,gist,read:org')).toEqual(['repo', 'gist', 'read:org']);
    expect(parseScopes(github, 'repo, user')).toEqual(['repo', 'user']);
    expect(formatScopes(github, ['repo', 'read:org'])).toBe('repo read:org');
  });

  it('reads and writes Slack user scopes with commas', () => {
    expect(parseScopes(slack, 'channels:history,chat:write,users:read')).toEqual([
      'channels:history',
      'chat:write',
      'users:read',
    ]);
    expect(formatScopes(slack, ['channels:history', 'chat:write'])).toBe('channels:history,chat:write');
  });

  it('trims, drops empties, dedupes and keeps order', () => {
    expect(parseScopes(google, '  openid   email openid  ')).toEqual(['openid', 'email']);
    expect(parseScopes(github, ',repo,,repo, ')).toEqual(['repo']);
    expect(parseScopes(google, undefined)).toEqual([]);
    expect(parseScopes(google, '')).toEqual([]);
  });

  it('does not split space-separated scopes on commas', () => {
    expect(parseScopes(generic, 'a,b c')).toEqual(['a,b', 'c']);
  });

  it("maps Google's userinfo URLs to the identity scopes", () => {
    expect(
      parseScopes(
        google,
        'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile',
      ),
    ).toEqual(['openid', 'email', 'profile']);
  });

  it('normalizes Microsoft resource-qualified names and letter case to the catalog spelling', () => {
    expect(
      parseScopes(microsoft, 'https://graph.microsoft.com/Mail.Read openid user.read HTTPS://GRAPH.MICROSOFT.COM/mail.read'),
    ).toEqual(['Mail.Read', 'openid', 'User.Read']);
    expect(canonicalScope(microsoft, 'https://graph.microsoft.com/Reports.Read.All')).toBe('Reports.Read.All');
    expect(canonicalScope(microsoft, 'https://outlook.office.com/IMAP.AccessAsUser.All')).toBe(
      'https://outlook.office.com/IMAP.AccessAsUser.All',
    );
    // `.default` means something only with its resource.
    expect(canonicalScope(microsoft, 'https://graph.microsoft.com/.default')).toBe('https://graph.microsoft.com/.default');
    expect(formatScopes(microsoft, ['https://graph.microsoft.com/Mail.Read', 'offline_access'])).toBe(
      'Mail.Read offline_access',
    );
  });

  it('keeps case for case-sensitive providers', () => {
    expect(parseScopes(github, 'Repo,repo')).toEqual(['Repo', 'repo']);
  });
});

describe('effectiveGranted', () => {
  const requested = ['openid', 'profile', 'email', 'offline_access', 'Mail.Read'];

  it('treats an absent scope as "as requested", an empty one as nothing granted', () => {
    expect(effectiveGranted(microsoft, requested, undefined, true)).toEqual(requested);
    expect(effectiveGranted(microsoft, requested, '  ', false)).toEqual([]);
  });

  it('re-adds offline_access when a refresh token came back', () => {
    expect(effectiveGranted(microsoft, requested, 'Mail.Read openid profile email', true)).toEqual([
      'Mail.Read',
      'openid',
      'profile',
      'email',
      'offline_access',
    ]);
  });

  it('does not invent offline_access without a refresh token or a request for it', () => {
    expect(effectiveGranted(microsoft, requested, 'Mail.Read openid', false)).toEqual(['Mail.Read', 'openid']);
    expect(effectiveGranted(microsoft, ['Mail.Read'], 'Mail.Read', true)).toEqual(['Mail.Read']);
  });

  it('reports what was granted when the person unticked something', () => {
    const asked = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly'];
    expect(effectiveGranted(google, asked, 'openid https://www.googleapis.com/auth/userinfo.email', false)).toEqual([
      'openid',
      'email',
    ]);
  });
});
