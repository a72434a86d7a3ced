import type { ConfigurationCache } from '../oauth/configurations';
import type { ReplacedTokens, RevokeInput } from '../oauth/providers/types';
import { configure, providerSession } from './connect';
import type { ConnectableProvider } from './providers';

/** What became of tokens nobody keeps: see `retireTokens`. */
export type Retired = ReplacedTokens | 'still-held' | 'failed';

/**
 * Ends tokens nobody keeps any more: those a sign-in replaced in a connection, or those of a
 * sign-in that was not saved (the account was already connected). Only where the provider ends
 * exactly those tokens (its module's `revokeReplaced`: Slack's auth.revoke, GitHub's token API,
 * RFC 7009 servers), never where revoking one ends the grant that the tokens kept share (Google).
 * A token `kept` still holds is never revoked: a provider may hand the same token out again.
 * Best effort: a refusal leaves them as they were and is not the sign-in's failure.
 */
export async function retireTokens(
  provider: ConnectableProvider,
  configurations: ConfigurationCache,
  fetchImpl: typeof fetch,
  retired: RevokeInput,
  kept: RevokeInput | undefined,
): Promise<Retired> {
  const held = new Set([kept?.accessToken, kept?.refreshToken].filter((token): token is string => token !== undefined));
  if (held.has(retired.accessToken) || (retired.refreshToken !== undefined && held.has(retired.refreshToken))) return 'still-held';
  try {
    const config = await configure(provider, configurations);
    const { context } = providerSession(provider, fetchImpl);
    return await provider.protocol.revokeReplaced(config, retired, context);
  } catch {
    return 'failed';
  }
}
