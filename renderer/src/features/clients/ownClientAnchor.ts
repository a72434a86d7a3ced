/** The id of a provider's "Use your own OAuth app" form in Settings; links point at `#${id}`. */
export function ownClientAnchor(providerId: string): string {
  return `own-client-${providerId}`;
}

const PREFIX = '#own-client-';

/** The provider a location hash points at, when it is one of these links. */
export function providerFromHash(hash: string): string | undefined {
  return hash.startsWith(PREFIX) && hash.length > PREFIX.length ? decodeURIComponent(hash.slice(PREFIX.length)) : undefined;
}
