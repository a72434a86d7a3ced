// The review advisor's least-privilege functions on a large synthetic catalog, next to a
// Set-based floor measured in the same run: the unavoidable work of reading what each used
// action needs (one Map lookup per action, its scopes into one Set). Each sample is one call.
// Target (issue 20): at most 2× the floor at 8,000 actions, so the work grows linearly.
import type { ActionInfo, ProviderInfo, ScopeInfo } from '../../shared/catalog';
import { sandboxProvider } from '../../shared/catalog';
import { broaderThanNeeded, minimalCover } from '../../shared/scopes/algebra';
import { compare, time } from './report';

/**
 * `actions` actions over `actions / 4` resources, each resource with a read scope and a write
 * scope that implies it; an action needs one or two of them.
 */
export function syntheticProvider(actions: number): ProviderInfo {
  const resources = Math.max(1, Math.floor(actions / 4));
  const scope = (name: string, implies?: string[]): ScopeInfo => ({
    scope: name,
    title: name,
    sentence: name,
    includes: [],
    access: 'read',
    sensitivity: 'basic',
    category: 'other',
    ...(implies ? { implies } : {}),
    source: 'https://example.test/scopes',
  });
  const scopes = Array.from({ length: resources }, (_, r) => [scope(`r${r}:read`), scope(`r${r}:write`, [`r${r}:read`])]).flat();
  const list: ActionInfo[] = Array.from({ length: actions }, (_, i) => {
    const r = i % resources;
    const needs = i % 3 === 0 ? [`r${r}:write`] : i % 3 === 1 ? [`r${r}:read`] : [`r${r}:read`, `r${(r + 1) % resources}:read`];
    return { id: `action-${i}`, title: `Action ${i}`, scopes: needs };
  });
  return { ...sandboxProvider('http://127.0.0.1:1'), id: 'synthetic', scopes, actions: list };
}

/** What any answer must at least do: find each used action and collect the scopes it needs. */
function floor(index: ReadonlyMap<string, ActionInfo>, ids: readonly string[]): string[] {
  const needed = new Set<string>();
  for (const id of ids) for (const s of index.get(id)!.scopes) needed.add(s);
  return [...needed];
}

/** Five calls per sample, so one sample is long enough for the timer and a stray pause weighs less. */
const CALLS = 5;
const repeated = (work: () => unknown) => () => {
  for (let i = 0; i < CALLS; i++) work();
};

export async function benchAdvisor(runs = 41): Promise<void> {
  console.log(`\nReview advisor (least privilege over every action of a synthetic catalog; ${CALLS} calls per sample)`);
  for (const n of [1_000, 8_000]) {
    const provider = syntheticProvider(n);
    const ids = provider.actions.map((a) => a.id);
    const granted = provider.scopes.map((s) => s.scope);
    const index = new Map(provider.actions.map((a) => [a.id, a]));
    minimalCover(provider, ids); // warm the catalog's indexes
    const samples = { cover: [] as number[], broader: [] as number[], reference: [] as number[] };
    for (let i = 0; i < runs; i++) {
      // The floor goes first in half the runs: neither side always pays for what the other left behind.
      if (i % 2 === 0) samples.reference.push(await time(repeated(() => floor(index, ids))));
      samples.cover.push(await time(repeated(() => minimalCover(provider, ids))));
      samples.broader.push(await time(repeated(() => broaderThanNeeded(provider, granted, ids))));
      if (i % 2 === 1) samples.reference.push(await time(repeated(() => floor(index, ids))));
    }
    compare(`minimalCover ${n.toLocaleString('en')} actions`, samples.cover, samples.reference, 'Set-based floor');
    compare(`broaderThanNeeded ${n.toLocaleString('en')} actions`, samples.broader, samples.reference, 'Set-based floor');
  }
}
