import { TIME_BOX_LABELS, type TimeBox } from '../../../shared/timeBox';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ConnectionRecord, HistoryEntry } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { ChangeService } from './changes';
import { explainScopes } from './explain';
import { planChange, planDisconnect } from './plan';
import type { ConnectableProvider, ProviderRegistry } from './providers';
import { historyEntry, type ConnectionLocks } from './records';
import { keepBoxesFor } from './timeBoxes';
import { policyName, type PolicyBlock } from '../../../shared/policy/decide';

/** How long ending a session connection waits for the provider at quit. */
const SESSION_REVOKE_MS = 5_000;

/** Why access is taken back with nobody asking now: what the person chose, and whether its time came while the app was closed. */
export interface Expiry {
  chosen: TimeBox;
  missed: boolean;
}

/** What came of it, for the notification: done by Scopekeeper, or the person is asked to (`url`). */
export type TakeBackResult = { kind: 'done'; title: string; message: string } | { kind: 'asked'; title: string; message: string; url: string };

/**
 * Why access is taken back with nobody asking now: its time came (an Expiry), or the managed policy
 * blocks a scope a provider granted anyway (`policy`: whose rule).
 */
export type TakeBackWhy = Expiry | { policy: PolicyBlock['by'] } | { fixedList: true };

/** The lead of what the history and notification say: the expiry's words, or the policy's. */
function leadText(why: TakeBackWhy, takenBack: boolean): string {
  if ('policy' in why) return `Blocked by ${policyName(why.policy)}${takenBack ? '; taken back at once' : ''}.`;
  if ('fixedList' in why) return `Not on the fixed list${takenBack ? '; taken back at once' : ''}.`;
  return expiredText(why, takenBack);
}

/** "Expired (chosen for 1 day); taken back." or "Expired while Scopekeeper was closed (chosen for 1 day); taken back at start." */
export function expiredText(expiry: Expiry, takenBack: boolean): string {
  const chosen = `(chosen for ${TIME_BOX_LABELS[expiry.chosen]})`;
  const lead = expiry.missed ? `Expired while Scopekeeper was closed ${chosen}` : `Expired ${chosen}`;
  if (!takenBack) return `${lead}.`;
  return `${lead}; taken back${expiry.missed ? ' at start' : ''}.`;
}

export interface TakeBackDeps {
  vault: Vault;
  providers: Pick<ProviderRegistry, 'connectable' | 'get'>;
  changes: Pick<ChangeService, 'revoke' | 'narrowTo'>;
  locks: ConnectionLocks;
  clock: Clock;
  emit: Emit;
}

/**
 * Taking access back when its time is up, with nobody at the screen: the same plan as a manual
 * take-back (grants/plan.ts) carried as far as it goes without the person. Revoke and re-consent
 * revokes, and leaves the re-consent to the person (the connection waits, disconnected, with what
 * it would restore); a narrower refresh is done; where only the provider's page can do it, nothing
 * opens by itself: the connection says what to remove where, and the notification asks.
 */
export class TakeBack {
  constructor(private readonly deps: TakeBackDeps) {}

  /** The whole connection, as "Remove connection" does: revoked where the provider lets apps, removed here. */
  async connection(connectionId: string, expiry: Expiry): Promise<TakeBackResult | undefined> {
    return this.deps.locks.run(connectionId, async () => {
      const record = this.deps.vault.get(connectionId);
      if (record === undefined) return undefined;
      const provider = await this.deps.providers.connectable(record.providerId);
      const { info } = provider;
      const draft = planDisconnect(info, record.grantedScopes);
      const revoked = draft.strategy === 'revoke-all';
      if (revoked) await this.deps.changes.revoke(record, provider);
      const lead = expiredText(expiry, true);
      const message = revoked
        ? `${lead} ${info.name} revoked Scopekeeper’s access; the connection is removed.`
        : `${lead} Removed here; ${info.name} keeps the consent until you remove it at ${info.consoleUrl}.`;
      await this.deps.vault.remove(record.id, [this.entry(record, 'removed', record.grantedScopes, message)]);
      this.deps.emit('grants:changed', { connectionId });
      const title = `${info.name}: ${record.account}`;
      return revoked ? { kind: 'done', title, message } : { kind: 'asked', title, message, url: info.consoleUrl };
    });
  }

  /**
   * Ends a "just this session" connection: at quit, or at the next start when the app died first.
   * Revoked where the provider lets apps (bounded in time: the app is on its way out), removed here
   * either way; no refresh token was kept, so what is left at a provider expires by itself.
   */
  async session(connectionId: string, when: 'quit' | 'start'): Promise<void> {
    await this.deps.locks.run(connectionId, async () => {
      const record = this.deps.vault.get(connectionId);
      if (record === undefined || record.sessionOnly !== true) return;
      const name = this.deps.providers.get(record.providerId)?.info.name ?? record.providerId;
      const revoked = await this.revokeWithin(record, SESSION_REVOKE_MS);
      const lead =
        when === 'quit'
          ? 'Ended when Scopekeeper quit (just this session)'
          : 'Scopekeeper did not quit normally, so this session’s connection was removed at start';
      const how = revoked === true ? `${name} revoked Scopekeeper’s access.` : `Removed here; ${revoked} Its token expires by itself: no refresh token was kept.`;
      await this.deps.vault.remove(record.id, [this.entry(record, 'removed', record.grantedScopes, `${lead}. ${how}`)]);
      this.deps.emit('grants:changed', { connectionId });
    });
  }

  /** True once the provider revoked it; else a sentence saying why not. */
  private async revokeWithin(record: ConnectionRecord, ms: number): Promise<true | string> {
    if (record.state !== 'connected' || !this.deps.vault.hasSecret(record.id)) return 'nothing was left to revoke.';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('the provider did not answer in time.'), ms);
    });
    try {
      const provider = await this.deps.providers.connectable(record.providerId);
      const attempt = this.deps.changes.revoke(record, provider).then(
        () => true as const,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      return await Promise.race([attempt, late]);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Some permissions of a connection (those still held), by the plan a manual take-back would use. */
  async scopes(connectionId: string, scopes: readonly string[], expiry: TakeBackWhy): Promise<TakeBackResult | undefined> {
    return this.deps.locks.run(connectionId, async () => {
      const record = this.deps.vault.get(connectionId);
      if (record === undefined) return undefined;
      const result = record.state === 'connected' ? await this.fromGrant(record, scopes, expiry) : await this.fromRestore(record, scopes, expiry);
      if (result !== undefined) this.deps.emit('grants:changed', { connectionId });
      return result;
    });
  }

  private async fromGrant(record: ConnectionRecord, scopes: readonly string[], expiry: TakeBackWhy): Promise<TakeBackResult | undefined> {
    const held = scopes.filter((scope) => record.grantedScopes.includes(scope));
    if (held.length === 0) return undefined;
    const provider = await this.deps.providers.connectable(record.providerId);
    const draft = planChange({ info: provider.info, granted: record.grantedScopes, add: [], remove: held });
    const titles = this.titles(provider, draft.remove);
    const title = `${provider.info.name}: ${record.account}`;
    const now = this.deps.clock.now();
    switch (draft.strategy) {
      case 'narrow-refresh': {
        const message = `${leadText(expiry, true)} `;
        await this.deps.changes.narrowTo(record, provider, draft.target, draft.remove, message);
        return { kind: 'done', title, message: `${message}Scopekeeper no longer has ${titles}; ${provider.info.name} still remembers the consent.` };
      }
      case 'revoke-and-reconsent': {
        await this.deps.changes.revoke(record, provider);
        const message = `${leadText(expiry, true)} ${provider.info.name} forgot the whole grant to take back ${titles}; reconnect to approve the other ${draft.target.length} permissions again.`;
        const disconnected: ConnectionRecord = {
          ...keepBoxesFor(record, draft.target),
          state: 'disconnected',
          restoreScopes: draft.target,
          grantedScopes: [],
          grantedAt: {},
          updatedAt: now.toISOString(),
        };
        await this.deps.vault.save(disconnected, null, [this.entry(record, 'revoked', draft.remove, message)]);
        return { kind: 'done', title, message };
      }
      default: {
        const url = provider.info.consoleUrl;
        const message = `${leadText(expiry, false)} Scopekeeper could not take back ${titles} by itself: ${provider.info.name} lets only you remove it, at ${url}.`;
        const kept = record.grantedScopes.filter((scope) => !draft.remove.includes(scope));
        const asked: ConnectionRecord = {
          ...keepBoxesFor(record, kept),
          takeBackAsked: { at: now.toISOString(), scopes: draft.remove, url, reason: message },
          updatedAt: now.toISOString(),
        };
        await this.deps.vault.save(asked, await this.deps.vault.readSecret(record.id), [this.entry(record, 'policy' in expiry ? 'blocked-by-policy' : 'fixedList' in expiry ? 'outside-fixed-list' : 'expired', draft.remove, message)]);
        return { kind: 'asked', title, message, url };
      }
    }
  }

  /** A disconnected connection does not ask for them again when it is reconnected. */
  private async fromRestore(record: ConnectionRecord, scopes: readonly string[], expiry: TakeBackWhy): Promise<TakeBackResult | undefined> {
    const restore = record.restoreScopes ?? [];
    const dropped = scopes.filter((scope) => restore.includes(scope));
    if (dropped.length === 0) return undefined;
    const kept = restore.filter((scope) => !dropped.includes(scope));
    const now = this.deps.clock.now();
    const name = this.deps.providers.get(record.providerId)?.info.name ?? record.providerId;
    const message = `${leadText(expiry, true)} Reconnecting will not ask for it again.`;
    const next: ConnectionRecord = { ...keepBoxesFor(record, kept), restoreScopes: kept, updatedAt: now.toISOString() };
    await this.deps.vault.save(next, null, [this.entry(record, 'revoked', dropped, message)]);
    return { kind: 'done', title: `${name}: ${record.account}`, message };
  }

  private entry(record: ConnectionRecord, kind: HistoryEntry['kind'], scopes: readonly string[], message: string): HistoryEntry {
    const name = this.deps.providers.get(record.providerId)?.info.name ?? record.providerId;
    return historyEntry(record, name, this.deps.clock.now().toISOString(), kind, scopes, message);
  }

  private titles(provider: ConnectableProvider, scopes: readonly string[]): string {
    return explainScopes(provider.info, scopes, []).map((e) => `“${e.title}”`).join(', ');
  }
}
