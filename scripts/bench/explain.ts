// Explaining a connection's scopes, next to a Set-based reference that does only the unavoidable
// per-scope work (the catalog lookup or inference for each scope, one Set membership test). Each
// sample is one call on its own: samples never overlap.
import { getProvider } from '../../shared/catalog';
import { explainScope } from '../../shared/scopes/infer';
import { explainScopes } from '../../electron/core/grants/explain';
import { compare, time } from './report';

const google = getProvider('google')!;

/** `n` scopes, a third of them from the catalog (whose implications make some redundant), the rest unknown. */
function scopes(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    i % 3 === 0 ? google.scopes[i % google.scopes.length]!.scope : `https://www.googleapis.com/auth/unknown${i}.readonly`,
  );
}

function reference(list: readonly string[], granted: readonly string[]): unknown[] {
  const held = new Set(granted);
  return list.map((scope) => ({ ...explainScope(google.id, scope), granted: held.has(scope) }));
}

export async function benchExplain(): Promise<void> {
  console.log('\nExplain (all scopes granted: redundancy is checked for every one)');
  for (const [n, runs] of [
    [5_000, 9],
    [50_000, 5],
  ] as const) {
    const list = scopes(n);
    explainScopes(google, list, list); // warm the catalog indexes
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      app.push(await time(() => explainScopes(google, list, list)));
      floor.push(await time(() => reference(list, list)));
    }
    compare(`explain ${n.toLocaleString('en')} scopes`, app, floor, 'Set-based reference');
  }
}
