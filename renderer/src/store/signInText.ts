import type { NamedScope, SignInOutcome } from '../../../shared/ipc/contract';

/** “Manage files and who sees them” (files:admin), …: permissions named as the person reads them. */
function named(scopes: readonly NamedScope[]): string {
  return scopes.map(({ scope, title }) => `“${title}” (${scope})`).join(', ');
}

/**
 * " Came back: “…” (files:admin)." after a sign-in that granted what the connection did not have,
 * and what a connection with a fixed list was granted beyond it (taken back at once); else nothing.
 */
export function cameBackText(outcome: SignInOutcome | undefined): string {
  if (outcome === undefined) return '';
  const came = outcome.cameBack.length > 0 ? ` Came back: ${named(outcome.cameBack)}.` : '';
  const off = outcome.takenBack?.length ? ` Granted beyond the fixed list: ${named(outcome.takenBack)}; Scopekeeper takes ${outcome.takenBack.length === 1 ? 'it' : 'them'} back now.` : '';
  return `${came}${off}`;
}

/**
 * Connect signed in an account that was already connected: the connection stays as it was (a
 * permission taken back stays taken back), and what it lacks is one Add permissions away.
 */
export function alreadyConnectedText(account: string, outcome: SignInOutcome): string {
  const unchanged = `Already connected: ${account} was connected already, so nothing was changed.`;
  const { notAdded } = outcome;
  if (notAdded.length === 0) return unchanged;
  return `${unchanged} It does not have ${named(notAdded)}: to add ${notAdded.length === 1 ? 'it' : 'them'}, use Add permissions.`;
}

/** "Add another account" signed in the same person again (the provider remembered who is signed in there). */
export function sameAccountText(providerName: string, account: string): string {
  return `You signed in as ${account} again. To add a different account, sign out of ${account} at ${providerName} in your browser, or use a private window, then try again.`;
}
