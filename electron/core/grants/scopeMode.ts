import type { ProviderInfo } from '../../../shared/catalog';
import type { ActionView, ConnectionView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import type { ConnectionRecord, HistoryEntry, ScopeMode } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { Connections } from './connections';
import { explainScopes } from './explain';
import { defaultScopes, type ProviderRegistry } from './providers';
import { historyEntry, type ConnectionLocks } from './records';
import { heldBefore, namedScopes, scopesBeyond } from './signInOutcome';
import { uniqueScopes } from './scopes';

/**
 * A connection's scope mode: 'follow' (its scopes follow the actions the person turns on, the
 * default) or 'fixed' (a list the person keeps is the source of truth: no action, tool step-up,
 * Add permissions or reconnect may add a scope outside it; the list is edited first).
 */

/** Most scopes a fixed list may hold, and the longest one (the IPC contract's limits). */
export const FIXED_LIST_MAX = 200;

/** The mode in force and its list. */
export interface ModeInForce {
  mode: ScopeMode;
  /** The fixed list ('fixed' only; empty in 'follow'). */
  scopes: readonly string[];
}

/**
 * The mode in force for a connection. `required` is a mode something above the person demands
 * (a managed policy's "required scope mode: Fixed"): a connection that follows its actions is then
 * held to what it has now, its list being its grant (or, disconnected, what it would restore).
 */
export function scopeModeFor(record: ConnectionRecord, required?: ScopeMode): ModeInForce {
  if (record.scopeMode === 'fixed') return { mode: 'fixed', scopes: record.fixedScopes ?? heldBefore(record) };
  if (required === 'fixed') return { mode: 'fixed', scopes: heldBefore(record) };
  return { mode: 'follow', scopes: [] };
}

/** The scopes among `adding` outside the connection's fixed list, as the provider spells them; none in Follow mode. */
export function outsideList(info: ProviderInfo, record: ConnectionRecord, adding: readonly string[], required?: ScopeMode): string[] {
  const inForce = scopeModeFor(record, required);
  return inForce.mode === 'fixed' ? scopesBeyond(info, inForce.scopes, adding) : [];
}

/** What a connection's view says of its mode, and which of its actions need a scope its fixed list lacks. */
export function modeView(info: ProviderInfo, record: ConnectionRecord, actions: ActionView[], required?: ScopeMode): Pick<ConnectionView, 'scopeMode' | 'actions'> {
  const inForce = scopeModeFor(record, required);
  const held = heldBefore(record);
  const recommended = uniqueScopes([...info.identityScopes.filter((scope) => held.includes(scope)), ...defaultScopes(info)]);
  const scopeMode = { mode: inForce.mode, list: explainScopes(info, inForce.scopes, record.grantedScopes), recommended, ...(required === inForce.mode && required === 'fixed' ? { required: true as const } : {}) };
  if (inForce.mode === 'follow') return { scopeMode, actions };
  return {
    scopeMode,
    actions: actions.map((action) => {
      const outside = scopesBeyond(info, inForce.scopes, action.missingScopes);
      return outside.length > 0 ? { ...action, outsideList: outside } : action;
    }),
  };
}

/** The typed refusal of a change that would widen a fixed list: nothing changes; `details.missing` names what the list lacks. */
export function outsideListError(missing: readonly string[]): ScopekeeperError {
  return new ScopekeeperError(
    'CHANGE_REFUSED',
    `This connection keeps a fixed list of permissions, and ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on it. Add ${missing.length === 1 ? 'it' : 'them'} to the list first.`,
    { reason: 'outside-fixed-list', missing: [...missing] },
  );
}

/** Throws `outsideListError` when `adding` has a scope outside the connection's fixed list. */
export function assertWithinList(info: ProviderInfo, record: ConnectionRecord, adding: readonly string[], required?: ScopeMode): void {
  const missing = outsideList(info, record, adding, required);
  if (missing.length > 0) throw outsideListError(missing);
}

/**
 * What a save newly grants (beyond `before`, identity scopes aside) outside the fixed list in
 * force: the provider granted more than the list (RFC 6749 §3.3 lets it). None in Follow mode. A
 * list the policy requires of a connection without its own is `before`: what it held.
 */
export function grantedOffList(info: ProviderInfo, record: ConnectionRecord, before: readonly string[], granted: readonly string[], required?: ScopeMode): string[] {
  const list = record.scopeMode === 'fixed' ? (record.fixedScopes ?? before) : required === 'fixed' ? before : undefined;
  if (list === undefined) return [];
  const fresh = scopesBeyond(info, before, granted).filter((scope) => !info.identityScopes.includes(scope));
  return scopesBeyond(info, list, fresh);
}

/** The record after a take-back of `removed`: a fixed list loses them too (narrowing keeps the list the truth). */
export function withListNarrowed(info: ProviderInfo, record: ConnectionRecord, removed: readonly string[]): ConnectionRecord {
  if (record.scopeMode !== 'fixed' || record.fixedScopes === undefined || removed.length === 0) return record;
  return { ...record, fixedScopes: scopesBeyond(info, removed, record.fixedScopes) };
}

/**
 * Switching a connection's mode and editing its fixed list. `required` is read on each call, so
 * whoever reads a managed policy can demand Fixed (see `scopeModeFor`).
 */
export class ScopeModes {
  constructor(
    private readonly vault: Vault,
    private readonly connections: Pick<Connections, 'record' | 'view'>,
    private readonly providers: Pick<ProviderRegistry, 'get'>,
    private readonly clock: Clock,
    private readonly emit: Emit,
    /** Shared with changes and refreshes: a change in flight never writes back the mode it read before this one. */
    private readonly locks: ConnectionLocks,
    readonly required: () => ScopeMode | undefined = () => undefined,
  ) {}

  /** The mode in force for a connection, with what is required of it now. */
  inForce(record: ConnectionRecord): ModeInForce {
    return scopeModeFor(record, this.required());
  }

  /** Refuses adding a scope outside the connection's fixed list (see `assertWithinList`). */
  assertWithin(info: ProviderInfo, record: ConnectionRecord, adding: readonly string[]): void {
    assertWithinList(info, record, adding, this.required());
  }

  /** Follow → Fixed takes what the connection has now as its list; Fixed → Follow drops the list. */
  async setMode(connectionId: string, mode: ScopeMode): Promise<ConnectionView> {
    if (mode === 'follow' && this.required() === 'fixed') {
      throw new ScopekeeperError('CHANGE_REFUSED', 'A policy on this computer requires a fixed list for every connection.', { reason: 'fixed-required' });
    }
    return this.update(connectionId, (record) => {
      if ((record.scopeMode ?? 'follow') === mode) return undefined;
      const { fixedScopes: _list, ...rest } = record;
      return mode === 'fixed' ? { ...rest, scopeMode: 'fixed', fixedScopes: [...heldBefore(record)] } : { ...rest, scopeMode: 'follow' };
    });
  }

  /**
   * Saves the person's edited list (and with it Fixed mode). The identity scopes the connection
   * holds stay on it: they keep the person signed in and are taken back only with the connection.
   * Saving grants nothing: what the list has and the grant lacks is added by the usual plan.
   */
  async saveList(connectionId: string, scopes: readonly string[]): Promise<ConnectionView> {
    const cleaned = uniqueScopes(scopes.map((scope) => scope.trim()).filter((scope) => scope !== ''));
    if (cleaned.length > FIXED_LIST_MAX || cleaned.some((scope) => scope.length > 500 || /\s/.test(scope))) {
      throw new ScopekeeperError('INVALID_REQUEST', `A list holds at most ${FIXED_LIST_MAX} permissions, each one word of at most 500 characters.`);
    }
    return this.update(connectionId, (record) => {
      const info = this.providers.get(record.providerId)?.info;
      const identity = (info?.identityScopes ?? []).filter((scope) => heldBefore(record).includes(scope) && !cleaned.includes(scope));
      return { ...record, scopeMode: 'fixed', fixedScopes: uniqueScopes([...identity, ...cleaned]) };
    });
  }

  /** The person reviewed these actions (Mark as reviewed, or turned one on or off): they join what the connection knows. */
  async markReviewed(connectionId: string, actionIds: readonly string[]): Promise<ConnectionView> {
    return this.update(connectionId, (record) => {
      const info = this.providers.get(record.providerId)?.info;
      const unknown = actionIds.filter((id) => !info?.actions.some((action) => action.id === id));
      if (unknown.length > 0) throw new ScopekeeperError('INVALID_REQUEST', `There is no action “${unknown[0]}” for this connection.`);
      const known = record.knownActions ?? [];
      return { ...record, knownActions: [...known, ...actionIds.filter((id) => !known.includes(id))] };
    });
  }

  /** "Scope mode: Fixed list." and "Fixed list edited: added …; removed …." for what changed between `before` and `after`. */
  private notes(before: ConnectionRecord, after: ConnectionRecord): HistoryEntry[] {
    const info = this.providers.get(after.providerId)?.info;
    const was = before.scopeMode ?? 'follow';
    const now = after.scopeMode ?? 'follow';
    const listOf = (record: ConnectionRecord): readonly string[] => (record.scopeMode === 'fixed' ? (record.fixedScopes ?? heldBefore(record)) : heldBefore(record));
    const added = now === 'fixed' && info ? scopesBeyond(info, listOf(before), listOf(after)) : [];
    const removed = now === 'fixed' && info ? scopesBeyond(info, listOf(after), listOf(before)) : [];
    const at = this.clock.now().toISOString();
    const name = info?.name ?? after.providerId;
    const named = (scopes: readonly string[]): string => (info ? namedScopes(info, scopes).map(({ scope, title }) => `${title} (${scope})`) : scopes).join(', ');
    const notes: HistoryEntry[] = [];
    if (was !== now) {
      const message = now === 'fixed' ? `Scope mode: Fixed list.${added.length + removed.length === 0 ? ' What is granted now is the list.' : ''}` : 'Scope mode: Follow my actions.';
      notes.push(historyEntry(after, name, at, 'scope-mode', [], message));
    }
    if (added.length + removed.length > 0) {
      const parts = [...(added.length > 0 ? [`added ${named(added)}`] : []), ...(removed.length > 0 ? [`removed ${named(removed)}`] : [])];
      notes.push(historyEntry(after, name, at, 'fixed-list-edited', [...added, ...removed], `Fixed list edited: ${parts.join('; ')}.`));
    }
    return notes;
  }

  /** Changes the record as it is once no change or refresh of it runs; `change` answers undefined for nothing to do. */
  private async update(connectionId: string, change: (record: ConnectionRecord) => ConnectionRecord | undefined): Promise<ConnectionView> {
    this.connections.record(connectionId);
    return this.locks.run(connectionId, async () => {
      const record = this.connections.record(connectionId);
      const next = change(record);
      if (next === undefined) return this.connections.view(record);
      const saved: ConnectionRecord = { ...next, updatedAt: this.clock.now().toISOString() };
      // Only the mode and the list change: the tokens stay as they are sealed. The history says what changed.
      await this.vault.save(saved, 'keep', this.notes(record, saved));
      this.emit('grants:changed', { connectionId });
      return this.connections.view(saved);
    });
  }
}
