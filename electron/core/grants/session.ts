import type { ProviderInfo } from '../../../shared/catalog';
import type { ProviderView } from '../../../shared/ipc/contract';

/** OpenID Connect Core 1.0 §11: the scope that asks for a refresh token. */
const OFFLINE_ACCESS = 'offline_access';

/**
 * Whether a provider can be connected "just this session" (no refresh token asked, ended when
 * Scopekeeper quits), and what the person should know. `info` is the entry as this client can use
 * it (GitHub revokes by API only with a secret). A provider whose tokens never expire and that
 * offers apps no way to revoke them cannot end such access, so it is not offered.
 */
export function sessionOffer(info: ProviderInfo): ProviderView['sessionOnly'] {
  const canRevoke = info.revokeAll === 'provider-api' || (info.revokeAll === 'rfc7009' && info.endpoints.revocation !== undefined);
  if (info.tokensOutliveSession !== undefined) {
    return canRevoke
      ? { offered: true, note: `${info.name}’s token does not expire by itself: Scopekeeper revokes it when you quit (or when it next starts, if it could not).` }
      : { offered: false, note: `${info.name}’s token does not expire and Scopekeeper cannot revoke it, so it cannot end this access when it quits.` };
  }
  if (!canRevoke) return { offered: true, note: `No refresh token is asked; ${info.name}’s token expires within hours, and the consent stays until you remove it at ${info.consoleUrl}.` };
  return { offered: true };
}

/** What a session-only sign-in asks for: the same, without offline_access (no refresh token). */
export function sessionScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => scope !== OFFLINE_ACCESS);
}
