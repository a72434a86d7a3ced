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

/**
 * Actions whose API calls a sibling action owns, as `provider/action` → the owner: the provider
 * has one method for several kinds of resource and picks the scope by the resource, which the
 * URL does not name (Slack's conversations.history reads public channels, private channels and
 * direct messages alike; see slack.ts). An operation belongs to one action, so these have none.
 */
const CALLS_OWNED_BY: Readonly<Record<string, string>> = {
  'slack/read-private-channels': 'read-channels',
  'slack/read-direct-messages': 'read-channels',
};

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
      const owner = CALLS_OWNED_BY[`${provider.id}/${action.id}`];
      if (owner !== undefined) {
        expect(action.operations ?? [], `${action.id}'s calls belong to ${owner}`).toEqual([]);
        expect(provider.actions.find((a) => a.id === owner)?.operations?.length ?? 0, owner).toBeGreaterThan(0);
        continue;
      }
      expect(action.operations?.length ?? 0, `${action.id} has no operation`).toBeGreaterThan(0);
      for (const op of action.operations ?? []) expect(op.source, `${action.id} ${op.method} ${op.url}`).toMatch(/^https:\/\//);
    }
  });

  it('every documented example is covered by its action, and by no other', () => {
    for (const example of examples) {
      const url = new URL(example.url);
      expect(actionCovering([provider.actions.find((a) => a.id === example.action)!], example.method, url)?.id, `${example.method} ${example.url}`).toBe(example.action);
      const claimants = provider.actions.filter((a) => matchOperation(a.operations ?? [], example.method, url));
      const scopeSets = new Set(claimants.map((a) => [...a.scopes].sort().join(' ')));
      expect(scopeSets.size, `${example.method} ${example.url} is claimed with different scopes`).toBe(1);
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
