import type { ProviderInfo } from '../../../shared/catalog';
import type { ActionView } from '../../../shared/ipc/contract';
import type { ConnectionRecord, ScopeMode, VaultSettings } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { scopeModeFor } from './scopeMode';

/**
 * Actions an app update brought: the catalog has them and the connection never knew them (its
 * `knownActions`, recorded at connect and on each review). They are "New" until the person reviews
 * them; until then they are off (nothing asked for them, no tool may use them) when the
 * connection keeps a fixed list, or when Settings → "New actions enabled by default" is off (the
 * default). A connection whose known actions were never recorded has none.
 */

/** Settings → "New actions enabled by default" (off unless the person turned it on). */
export function newActionsSetting(vault: Pick<Vault, 'settings'>): { on: boolean } {
  return { on: vault.settings().newActionsOn === true };
}

export async function setNewActionsSetting(vault: Pick<Vault, 'updateSettings'>, on: boolean): Promise<{ on: boolean }> {
  await vault.updateSettings((current) => ({ ...current, newActionsOn: on }));
  return { on };
}

/** The ids of the provider's actions this connection did not know. */
export function newActionIds(info: ProviderInfo, record: ConnectionRecord): string[] {
  const known = record.knownActions;
  if (known === undefined) return [];
  return info.actions.map((action) => action.id).filter((id) => !known.includes(id));
}

/** Whether the new actions of this connection are off until reviewed. */
export function newActionsOff(record: ConnectionRecord, settings: Pick<VaultSettings, 'newActionsOn'>, required?: ScopeMode): boolean {
  return scopeModeFor(record, required).mode === 'fixed' || settings.newActionsOn !== true;
}

/** True when `actionId` is new on this connection and off: the broker treats it as not approved. */
export function isHeld(info: ProviderInfo, record: ConnectionRecord, actionId: string, settings: Pick<VaultSettings, 'newActionsOn'>, required?: ScopeMode): boolean {
  return newActionsOff(record, settings, required) && newActionIds(info, record).includes(actionId);
}

/** The view's actions with New marked, and off ones said as such (not available, whatever the grant). */
export function markNew(info: ProviderInfo, record: ConnectionRecord, actions: ActionView[], settings: Pick<VaultSettings, 'newActionsOn'>, required?: ScopeMode): ActionView[] {
  const fresh = new Set(newActionIds(info, record));
  if (fresh.size === 0) return actions;
  const off = newActionsOff(record, settings, required);
  // An action that is off needs nothing: it never stands in the way of turning another one off.
  const heldTitles = new Set(off ? actions.filter((a) => fresh.has(a.id)).map((a) => a.title) : []);
  return actions.map((action) => {
    if (fresh.has(action.id)) return { ...action, isNew: true as const, ...(off ? { held: true as const, available: false } : {}) };
    return action.turnOffBlocked && heldTitles.size > 0 ? unblocked(action, heldTitles) : action;
  });
}

/** The action without what off actions "needed" of it (no Turn off block left when nothing else stands in the way). */
function unblocked(action: ActionView, off: ReadonlySet<string>): ActionView {
  const { turnOffBlocked, ...rest } = action;
  const neededBy = turnOffBlocked?.neededBy.filter((title) => !off.has(title)) ?? [];
  const comesWith = turnOffBlocked?.comesWith ?? [];
  return neededBy.length > 0 || comesWith.length > 0 ? { ...rest, turnOffBlocked: { neededBy, comesWith } } : rest;
}
