import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionInfo, ProviderInfo, ScopeInfo } from '../catalog';
import { sandboxProvider } from '../catalog';
import { broaderThanNeeded, covers, grantedScopesUsed, minimalCover } from './algebra';

/**
 * minimalCover and broaderThanNeeded, which the review advisor runs over every connection, stay
 * linear in the actions asked about, and answer exactly as the pairwise definitions below (the
 * functions as they were written first) on random catalogs.
 */

function referenceCover(p: ProviderInfo, ids: readonly string[]): string[] {
  const needed = [...new Set(ids.flatMap((id) => p.actions.find((a) => a.id === id)!.scopes))];
  return needed.filter((s) => !needed.some((other) => other !== s && covers(p, other, s)));
}

function referenceBroader(p: ProviderInfo, granted: readonly string[], ids: readonly string[]): string[] {
  const needed = new Set(ids.flatMap((id) => p.actions.find((a) => a.id === id)!.scopes));
  return [...new Set(granted)].filter((s) => !needed.has(s) && !p.identityScopes.includes(s));
}

const scopeInfo = (scope: string, implies: string[]): ScopeInfo => ({
  scope,
  title: scope,
  sentence: scope,
  includes: [],
  access: 'read',
  sensitivity: 'basic',
  category: 'other',
  ...(implies.length > 0 ? { implies } : {}),
  source: 'https://example.test/scopes',
});

const base = sandboxProvider('http://127.0.0.1:1');

/** A catalog of up to 12 scopes implying one another at random (cycles included) and up to 15 actions over them (ids may repeat). */
const catalogs = fc
  .record({
    implies: fc.array(fc.array(fc.nat(11), { maxLength: 3 }), { minLength: 1, maxLength: 12 }),
    actions: fc.array(fc.record({ id: fc.nat(9), scopes: fc.array(fc.nat(13), { maxLength: 3 }) }), { minLength: 1, maxLength: 15 }),
  })
  .map(({ implies, actions }): ProviderInfo => {
    const name = (i: number) => `s${i}`;
    return {
      ...base,
      id: 'random',
      identityScopes: ['s0'],
      scopes: implies.map((targets, i) => scopeInfo(name(i), targets.map(name))),
      actions: actions.map((a) => ({ id: `a${a.id}`, title: `a${a.id}`, scopes: a.scopes.map(name) })),
    };
  });

const withAsked = catalogs.chain((p) =>
  fc.record({
    p: fc.constant(p),
    ids: fc.array(fc.constantFrom(...p.actions.map((a) => a.id)), { maxLength: 8 }),
    granted: fc.array(fc.constantFrom('s0', 's1', 's2', 's3', 's5', 's8', 's12', 'unknown'), { maxLength: 8 }),
  }),
);

describe('least privilege on random catalogs', () => {
  it('minimalCover answers as the pairwise definition', () => {
    fc.assert(fc.property(withAsked, ({ p, ids }) => {
        expect(minimalCover(p, ids)).toEqual(referenceCover(p, ids));
      }), { numRuns: 500 });
  });

  it('grantedScopesUsed names each need held, else the granted scopes covering it', () => {
    fc.assert(
      fc.property(withAsked, fc.array(fc.constantFrom('s1', 's2', 's4', 's7', 'x'), { maxLength: 4 }), ({ p, granted }, needs) => {
        const held = new Set<string>(granted);
        const expected = new Set(needs.flatMap((need) => (held.has(need) ? [need] : granted.filter((g) => covers(p, g, need)))));
        expect(grantedScopesUsed(p, granted)(needs)).toEqual([...expected]);
      }),
      { numRuns: 500 },
    );
  });

  it('broaderThanNeeded answers as the pairwise definition', () => {
    fc.assert(fc.property(withAsked, ({ p, ids, granted }) => {
        expect(broaderThanNeeded(p, granted, ids)).toEqual(referenceBroader(p, granted, ids));
      }), { numRuns: 500 });
  });
});

/** A provider whose action list counts every element read, to see how the work grows. */
function counted(n: number): { p: ProviderInfo; reads: () => number } {
  let reads = 0;
  const actions: ActionInfo[] = Array.from({ length: n }, (_, i) => ({ id: `a${i}`, title: `a${i}`, scopes: [`s${i % 50}`] }));
  const watched = new Proxy(actions, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const scopes = Array.from({ length: 50 }, (_, i) => scopeInfo(`s${i}`, i > 0 ? [`s${i - 1}`] : []));
  return { p: { ...base, id: 'counted', scopes, actions: watched }, reads: () => reads };
}

describe('work grows linearly with the actions asked about', () => {
  it.each([
    ['minimalCover', (p: ProviderInfo, ids: string[]) => minimalCover(p, ids)],
    ['broaderThanNeeded', (p: ProviderInfo, ids: string[]) => broaderThanNeeded(p, ['s1', 's2'], ids)],
  ])('%s reads each catalog action a bounded number of times', (_name, run) => {
    const { p, reads } = counted(4_000);
    run(p, p.actions.map((a) => a.id));
    run(p, p.actions.map((a) => a.id));
    // A search per action id would read about n²/2 = 8,000,000 entries.
    expect(reads()).toBeLessThanOrEqual(3 * 4_000);
  });
});
