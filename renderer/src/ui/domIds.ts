/**
 * DOM ids more than one feature needs: a feature renders the element, another moves focus to it
 * or links to it. One home, so the id a focus call or a link names is the id on the page.
 */

/** The "Connected accounts" heading, a focus target once a card is removed. */
export const CONNECTIONS_HEADING_ID = 'connections-heading';

/** The "Permissions" heading in Settings, a focus target once the row that had focus is gone. */
export const PERMISSIONS_HEADING_ID = 'permissions-heading';

/** The "Change in progress" panel, where focus goes back when a change's sign-in panel closes. */
export const CHANGE_PROGRESS_ID = 'change-progress';

/** The DOM id of a provider's Connect button, so focus can return to it after a flow. */
export function connectButtonId(providerId: string): string {
  return `connect-${providerId}`;
}

/** The id of a provider's "Use your own OAuth app" form in Settings; links point at `#${id}`. */
export function ownClientAnchor(providerId: string): string {
  return `own-client-${providerId}`;
}

const OWN_CLIENT_HASH_PREFIX = '#own-client-';

/** The provider a location hash points at, when it is one of these links. */
export function providerFromHash(hash: string): string | undefined {
  return hash.startsWith(OWN_CLIENT_HASH_PREFIX) && hash.length > OWN_CLIENT_HASH_PREFIX.length
    ? decodeURIComponent(hash.slice(OWN_CLIENT_HASH_PREFIX.length))
    : undefined;
}
