/** The DOM id of a provider's Connect button, so focus can return to it after a flow. */
export function connectButtonId(providerId: string): string {
  return `connect-${providerId}`;
}
