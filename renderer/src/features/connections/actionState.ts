import type { ActionView } from '../../../../shared/ipc/contract';

/**
 * Where an action stands, as its row says it: 'missing' only when the provider was asked for a
 * permission it needs and did not grant it (a partial grant, worth the warning colour);
 * 'not-requested' when this connection never asked for what it needs (nothing went wrong).
 */
export type ActionState = 'available' | 'missing' | 'not-requested';

export function actionState(action: ActionView, notGranted: ReadonlySet<string>): ActionState {
  if (action.available) return 'available';
  return action.missingScopes.some((scope) => notGranted.has(scope)) ? 'missing' : 'not-requested';
}

/** "A", "A and B", "A, B and C". */
function joined(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Why an enabled action has no Turn off, said before anyone clicks: the other enabled actions that
 * still need its permissions, else the broader permission it comes with. Null when Turn off works.
 */
export function turnOffLine(action: ActionView): string | null {
  const blocked = action.turnOffBlocked;
  if (!action.available || blocked === undefined) return null;
  if (blocked.neededBy.length > 0) return `Needed by ${joined(blocked.neededBy)}: turn ${blocked.neededBy.length === 1 ? 'that' : 'those'} off first`;
  if (blocked.comesWith.length > 0) {
    return `Comes with ${joined(blocked.comesWith.map((t) => `“${t}”`))}: take ${blocked.comesWith.length === 1 ? 'that' : 'those'} back under Permissions`;
  }
  return 'Its permissions are needed by other things this connection does';
}
