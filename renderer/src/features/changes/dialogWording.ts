import type { ChangePlan } from '../../../../shared/ipc/contract';

/** A dialog named for what it does, and the button that does it. */
export interface DialogWording {
  title: string;
  confirm: string;
}

function quoted(titles: readonly string[]): string {
  return titles.map((t) => `“${t}”`).join(', ');
}

/**
 * "Take back “Create and change your tasks”?" / "Take back", "Remove the Sandbox connection for
 * alex@…?" / "Remove connection": never a bare "Confirm change".
 */
export function dialogWording(plan: ChangePlan): DialogWording {
  if (plan.kind === 'disconnect') {
    return { title: `Remove the ${plan.providerName} connection for ${plan.account}?`, confirm: 'Remove connection' };
  }
  // An implied take-back is named for what the person asked; the dialog says what goes with it.
  const remove = (plan.implied?.asked ?? plan.remove).map((s) => s.title);
  const add = plan.add.map((s) => s.title);
  const console = plan.strategy === 'provider-console' || plan.strategy === 'console-only';
  if (remove.length > 0 && add.length === 0) {
    const what = remove.length <= 2 ? quoted(remove) : `${remove.length} permissions`;
    if (console) return { title: `Take back ${what} on ${plan.providerName}’s page?`, confirm: `Open ${plan.providerName}’s page` };
    return { title: `Take back ${what}?`, confirm: 'Take back' };
  }
  if (add.length > 0 && remove.length === 0) {
    const what = add.length <= 2 ? quoted(add) : `${add.length} permissions`;
    return { title: `Ask ${plan.providerName} for ${what}?`, confirm: 'Ask for it' };
  }
  return { title: `Change what ${plan.account} allows on ${plan.providerName}?`, confirm: 'Make the change' };
}
