import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, genericProvider, getProvider, sandboxProvider } from '../catalog';
import type { ProviderInfo } from '../catalog';
import {
  actionStatus,
  applyDiff,
  broaderThanNeeded,
  closure,
  covers,
  diff,
  minimalCover,
  redundant,
} from './algebra';

function provider(id: string): ProviderInfo {
  const found = getProvider(id);
  if (found === undefined) throw new Error(`missing provider ${id}`);
  return found;
}

const G = 'https://www.googleapis.com/auth/';
const google = provider('google');
const sandbox = sandboxProvider('http://127.0.0.1:4000');
const generic = genericProvider({
  id: 'generic',
  name: 'Generic',
  issuer: 'https://id.example',
  authorizationEndpoint: 'https://id.example/auth',
  tokenEndpoint: 'https://id.example/token',
});
const ALL = [...CATALOG, sandbox, generic].map((p) => [p.id, p] as const);

const asSet = (scopes: readonly string[]) => new Set(scopes);
const isSubset = (a: readonly string[], b: readonly string[]) => a.every((s) => b.includes(s));

/** Catalog scopes and a few the catalog does not know. */
const scopesOf = (p: ProviderInfo) =>
  fc.array(fc.constantFrom(...p.scopes.map((s) => s.scope), 'unknown:scope', 'Other.Thing'), { maxLength: 10 });
const actionIdsOf = (p: ProviderInfo) => fc.subarray(p.actions.map((a) => a.id));

describe.each(ALL)('%s properties', (_id, p) => {
  it('closure is extensive, idempotent and monotone', () => {
    fc.assert(
      fc.property(scopesOf(p), scopesOf(p), (a, extra) => {
        const closed = closure(p, a);
        expect(isSubset(a, closed)).toBe(true);
        expect(asSet(closure(p, closed))).toEqual(asSet(closed));
        expect(isSubset(closed, closure(p, [...a, ...extra]))).toBe(true);
      }),
    );
  });

  it('minimal cover covers its actions and no scope in it can go', () => {
    fc.assert(
      fc.property(actionIdsOf(p), (ids) => {
        const cover = minimalCover(p, ids);
        const covered = (scopes: readonly string[]) =>
          actionStatus(p, scopes).filter((s) => ids.includes(s.action.id)).every((s) => s.available);
        expect(covered(cover)).toBe(true);
        for (const scope of cover) {
          expect(covered(cover.filter((s) => s !== scope)), `${scope} is needed`).toBe(false);
        }
      }),
    );
  });

  it('applyDiff(a, diff(a, b)) is b, as sets', () => {
    fc.assert(
      fc.property(scopesOf(p), scopesOf(p), (a, b) => {
        expect(asSet(applyDiff(a, diff(a, b)))).toEqual(asSet(b));
      }),
    );
  });

  it('dropping the redundant scopes keeps the same closure', () => {
    fc.assert(
      fc.property(scopesOf(p), (granted) => {
        const extra = new Set(redundant(p, granted));
        const kept = granted.filter((s) => !extra.has(s));
        expect(asSet(closure(p, kept))).toEqual(asSet(closure(p, granted)));
        expect(redundant(p, kept)).toEqual([]);
      }),
    );
  });

  it('the minimal cover of the used actions is never broader than needed', () => {
    fc.assert(
      fc.property(actionIdsOf(p), (ids) => {
        expect(broaderThanNeeded(p, minimalCover(p, ids), ids)).toEqual([]);
      }),
    );
  });
});

describe('closure and covers', () => {
  it('follows implications transitively', () => {
    expect(closure(sandbox, ['files:admin'])).toEqual(['files:admin', 'files:write', 'files:read']);
    expect(covers(google, 'https://mail.google.com/', `${G}gmail.metadata`)).toBe(true);
    expect(covers(google, `${G}gmail.readonly`, `${G}gmail.send`)).toBe(false);
  });

  it('keeps scopes it does not know, implying nothing', () => {
    expect(closure(google, ['x', 'openid'])).toEqual(['x', 'openid']);
  });
});

describe('redundant', () => {
  it('finds granted scopes another granted scope already covers', () => {
    expect(redundant(google, [`${G}gmail.modify`, `${G}gmail.readonly`, `${G}gmail.metadata`, 'openid'])).toEqual([
      `${G}gmail.readonly`,
      `${G}gmail.metadata`,
    ]);
    expect(redundant(sandbox, ['files:read', 'tasks:read'])).toEqual([]);
  });
});

describe('diff', () => {
  it('lists additions and removals in input order', () => {
    expect(diff(['a', 'b', 'c'], ['c', 'd', 'a'])).toEqual({ add: ['d'], remove: ['b'] });
    expect(applyDiff(['a', 'b', 'c'], { add: ['d'], remove: ['b'] })).toEqual(['a', 'c', 'd']);
  });
});

describe('minimalCover', () => {
  it('drops a scope a chosen one covers', () => {
    expect(minimalCover(google, ['read-email', 'organize-email', 'read-spreadsheets'])).toEqual([
      `${G}gmail.modify`,
      `${G}spreadsheets.readonly`,
    ]);
    expect(minimalCover(sandbox, ['read-files', 'share-files', 'read-tasks'])).toEqual(['files:admin', 'tasks:read']);
    expect(minimalCover(google, [])).toEqual([]);
  });

  it('rejects an action the provider does not have', () => {
    expect(() => minimalCover(google, ['fly'])).toThrow(/No action "fly" for provider "google"/);
  });
});

describe('broaderThanNeeded', () => {
  it('flags granted scopes no used action asks for, identity scopes aside', () => {
    const granted = ['openid', 'email', 'profile', `${G}gmail.modify`, `${G}drive.file`];
    expect(broaderThanNeeded(google, granted, ['read-email', 'open-picked-files'])).toEqual([`${G}gmail.modify`]);
    expect(broaderThanNeeded(sandbox, ['offline_access', 'files:write', 'files:read'], ['read-files'])).toEqual([
      'files:write',
    ]);
  });
});

describe('actionStatus', () => {
  it('counts an action available when the closure of the grant holds its scopes', () => {
    const status = actionStatus(sandbox, ['files:admin', 'messages:read']);
    const byId = Object.fromEntries(status.map((s) => [s.action.id, s]));
    expect(byId['read-files']).toMatchObject({ available: true, missing: [] });
    expect(byId['share-files']).toMatchObject({ available: true, missing: [] });
    expect(byId['send-messages']).toMatchObject({ available: false, missing: ['messages:write'] });
    expect(byId['sign-in']).toMatchObject({ available: false, missing: ['openid', 'profile', 'email'] });
    expect(status).toHaveLength(sandbox.actions.length);
  });
});
