import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { Clock } from '../ports';
import { assertProviderAllowed, assertScopesAllowed } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { PlanDraft } from './plan';
import type { ConnectableProvider } from './providers';
import { historyEntry } from './records';

/**
 * The managed policy at a change plan: what a plan adds must be allowed (its provider, each scope),
 * checked when the plan is made, so no browser opens for it. A refusal is also a line in the
 * connection's history ("Blocked by policy: Manage your files"). Taking back is always allowed.
 */
export class ChangePolicy {
  constructor(
    private readonly policy: PolicyReader,
    private readonly vault: Pick<Vault, 'appendHistory'>,
    private readonly clock: Clock,
  ) {}

  /** `draft` when the policy allows what it adds; else POLICY_BLOCKED, recorded first. */
  async allowed(record: ConnectionRecord, provider: ConnectableProvider, draft: PlanDraft): Promise<PlanDraft> {
    if (draft.add.length === 0) return draft;
    const policy = this.policy.current();
    try {
      assertProviderAllowed(policy, provider);
      assertScopesAllowed(policy, provider.info, draft.add);
      return draft;
    } catch (error) {
      if (error instanceof ScopekeeperError && error.code === 'POLICY_BLOCKED') {
        const blocked = Array.isArray(error.details?.scopes) ? (error.details.scopes as string[]) : draft.add;
        await this.vault.appendHistory([historyEntry(record, provider.info.name, this.clock.now().toISOString(), 'blocked-by-policy', blocked, error.message)]);
      }
      throw error;
    }
  }
}
