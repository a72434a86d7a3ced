import type { ProviderInfo } from '../../../shared/catalog';
import { policyName, requiredScopeMode } from '../../../shared/policy/decide';
import type { Clock } from '../ports';
import { blockedScopesOf, scopeTitles } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { ProviderRegistry } from './providers';
import { historyEntry } from './records';
import { grantedOffList } from './scopeMode';
import { scopesBeyond } from './signInOutcome';
import type { TakeBack, TakeBackWhy } from './takeBack';

export interface PolicyGuardDeps {
  vault: Vault;
  policy: PolicyReader;
  providers: Pick<ProviderRegistry, 'get'>;
  takeBack: Pick<TakeBack, 'scopes'>;
  clock: Clock;
}

/**
 * The last guard of the managed policy: a provider may grant more than was asked (RFC 6749 §3.3
 * lets it), or the policy may change while a sign-in waits in the browser. Whatever a save newly
 * grants that the policy blocks is taken back at once, by the usual take-back plan (TakeBack), and
 * the history says so. Only what is new: a permission held before the rule came is left to the
 * person (the policy blocks new grants; it does not end access by itself). The same for a
 * connection that keeps a fixed list: what a save newly grants beyond the list goes at once.
 */
export class PolicyGuard {
  /** Each connection's scopes as last saved: granted, or kept to restore while disconnected. */
  private readonly held = new Map<string, ReadonlySet<string>>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly deps: PolicyGuardDeps) {}

  start(): void {
    for (const record of this.deps.vault.list()) this.held.set(record.id, heldBy(record));
    this.deps.vault.onSaved((record) => this.saved(record));
    this.deps.vault.onRemoved((connectionId) => this.held.delete(connectionId));
  }

  /** Resolves when every take-back started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private saved(record: ConnectionRecord): void {
    const known = this.held.get(record.id);
    const before = known ?? new Set<string>();
    this.held.set(record.id, heldBy(record));
    if (record.state !== 'connected') return;
    const info = this.deps.providers.get(record.providerId)?.info;
    if (info === undefined) return;
    // Only the files' own rules: a refused file stops new sign-ins before they start, and must not
    // take back what a take-back's own re-consent restores.
    const policy = this.deps.policy.current();
    const explicit = { ...policy, lockedDown: false };
    const fresh = record.grantedScopes.filter((scope) => !before.has(scope) && !info.identityScopes.includes(scope));
    const blocked = blockedScopesOf(explicit, info, fresh);
    if (blocked.length > 0) {
      const scopes = blocked.map((b) => b.scope);
      const by = blocked[0]!.block.by;
      this.takeBack(record, info, scopes, { policy: by }, 'blocked-by-policy', `Blocked by ${policyName(by)}: ${scopeTitles(info, scopes)}.`);
    }
    // A connection that keeps a fixed list never holds more than it (a new connection has no list yet).
    const offList = known === undefined ? [] : scopesBeyond(info, blocked.map((b) => b.scope), grantedOffList(info, record, [...before], record.grantedScopes, requiredScopeMode(policy)));
    if (offList.length > 0) this.takeBack(record, info, offList, { fixedList: true }, 'outside-fixed-list', `Not on this connection’s fixed list: ${scopeTitles(info, offList)}.`);
  }

  /** Says why in the history, then takes `scopes` back by the usual plan. */
  private takeBack(record: ConnectionRecord, info: ProviderInfo, scopes: string[], why: TakeBackWhy, kind: 'blocked-by-policy' | 'outside-fixed-list', lead: string): void {
    const note = historyEntry(record, info.name, this.deps.clock.now().toISOString(), kind, scopes, `${lead} ${info.name} granted it anyway; Scopekeeper takes it back now.`);
    const work = this.deps.vault
      .appendHistory([note])
      .then(() => this.deps.takeBack.scopes(record.id, scopes, why))
      .catch((error: unknown) => console.error('Scopekeeper could not take back a permission granted beyond what is allowed:', error))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }
}

function heldBy(record: ConnectionRecord): ReadonlySet<string> {
  return new Set([...record.grantedScopes, ...(record.restoreScopes ?? [])]);
}
