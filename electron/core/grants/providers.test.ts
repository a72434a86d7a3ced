import { describe, expect, it } from 'vitest';
import { CATALOG, sandboxProvider, type ProviderInfo, type ScopeInfo } from '../../../shared/catalog';
import { customProvider, defaultScopes } from './providers';

const SANDBOX = sandboxProvider('http://127.0.0.1:4890');
/** A server the person added by its issuer, as the registry holds it. */
const CUSTOM = customProvider({ id: 'custom-acme', name: 'Acme', issuer: 'https://id.acme.test', addedAt: '2025-01-01T00:00:00.000Z' }).info;

function infoOf(provider: ProviderInfo, scope: string): ScopeInfo | undefined {
  return provider.scopes.find((s) => s.scope === scope);
}

describe('defaultScopes: what Connect asks for when nobody chose', () => {
  it('never includes an admin or a restricted scope, for any provider', () => {
    for (const provider of [SANDBOX, CUSTOM, ...CATALOG]) {
      const wide = defaultScopes(provider).filter((scope) => {
        const info = infoOf(provider, scope);
        return info === undefined || info.access === 'admin' || info.sensitivity === 'restricted';
      });
      expect(wide, provider.id).toEqual([]);
    }
  });

  it('ticks the Sandbox’s everyday scopes, without its admin one or its sign-in scopes', () => {
    const ticked = defaultScopes(SANDBOX);
    expect(ticked).not.toContain('files:admin');
    expect(ticked).toEqual(expect.arrayContaining(['files:read', 'files:write', 'messages:write', 'webhooks:read']));
    expect(ticked).toHaveLength(SANDBOX.scopes.length - SANDBOX.identityScopes.length - 1);
    for (const identity of SANDBOX.identityScopes) expect(ticked).not.toContain(identity);
  });

  it('leaves out a restricted Sandbox scope too, not only admin ones', () => {
    const restricted: ScopeInfo = { ...infoOf(SANDBOX, 'files:read')!, scope: 'files:everyone', sensitivity: 'restricted' };
    expect(defaultScopes({ ...SANDBOX, scopes: [...SANDBOX.scopes, restricted] })).not.toContain('files:everyone');
  });

  it('asks only to sign in at real providers and servers the person added', () => {
    for (const provider of [CUSTOM, ...CATALOG]) expect(defaultScopes(provider), provider.id).toEqual([]);
  });
});
