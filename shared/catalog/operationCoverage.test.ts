import { describe, expect, it } from 'vitest';
import { OPERATION_EXAMPLES } from './examples';
import { actionCovering, CATALOG, matchOperation } from './index';
import type { ActionInfo, ProviderInfo } from './index';

/**
 * Every real provider's actions are callable through the broker: each declares the HTTP operations
 * it is made of, cited from the provider's API reference, and each operation is checked against a
 * request copied from that reference.
 */

/** Actions that are no request a tool makes: a refresh token is kept, nothing is called. */
const NOT_API_CALLS = new Set(['stay-connected']);


const REAL = CATALOG.filter((p) => p.id in OPERATION_EXAMPLES);

function callable(p: ProviderInfo): ActionInfo[] {
  return p.actions.filter((a) => !NOT_API_CALLS.has(a.id));
}

it('the five real providers each have a table of documented examples', () => {
  expect(REAL.map((p) => p.id).sort()).toEqual(['atlassian', 'github', 'google', 'microsoft', 'slack']);
});

describe.each(REAL.map((p) => [p.id, p] as const))('%s', (_id, provider) => {
  const examples = OPERATION_EXAMPLES[provider.id] ?? [];

  it('every action that is an API call declares its operations, each citing the reference', () => {
    for (const action of callable(provider)) {
      expect(action.operations?.length ?? 0, `${action.id} has no operation`).toBeGreaterThan(0);
      for (const op of action.operations ?? []) expect(op.source, `${action.id} ${op.method} ${op.url}`).toMatch(/^https:\/\//);
    }
  });

  it('every documented example is covered by its action; by others with different scopes only where each names the kind of resource it covers', () => {
    for (const example of examples) {
      const url = new URL(example.url);
      expect(actionCovering([provider.actions.find((a) => a.id === example.action)!], example.method, url)?.id, `${example.method} ${example.url}`).toBe(example.action);
      const claimants = provider.actions.filter((a) => matchOperation(a.operations ?? [], example.method, url));
      const scopeSets = new Set(claimants.map((a) => [...a.scopes].sort().join(' ')));
      if (scopeSets.size === 1) continue;
      // The provider's reference lists one scope per kind of resource (Slack's conversations.history:
      // channels:, groups:, im: or mpim:history): each claimant covers one kind, and cites that page.
      for (const action of claimants) expect(action.resourceKind?.source, `${action.id} claims ${example.method} ${example.url} with its own scopes`).toMatch(/^https:\/\//);
      expect(new Set(claimants.map((a) => a.resourceKind?.kind)).size, `${example.method} ${example.url}: one kind per claimant`).toBe(claimants.length);
    }
  });

  it('every declared operation has a documented example', () => {
    for (const action of provider.actions) {
      for (const op of action.operations ?? []) {
        const seen = examples.some((e) => e.action === action.id && matchOperation([op], e.method, new URL(e.url)));
        expect(seen, `${action.id}: ${op.method} ${op.url} has no example from the reference`).toBe(true);
      }
    }
  });
});
