import type * as oidc from 'openid-client';
import type { TokenSet } from '../client';
import type { ProtocolContext, ProviderProtocol, TokenResponse } from './types';

export interface ProviderSession {
  protocol: ProviderProtocol;
  context: ProtocolContext;
}

/**
 * A token endpoint answer read the provider's way: the granted scope as the module reads it
 * (absent = as requested; GitHub's empty = nothing), and the account from the ID token or the
 * provider's account API, so every connection has a real label and a stable subject.
 */
export async function readTokens(
  response: TokenResponse,
  config: oidc.Configuration,
  session: ProviderSession,
  options: { account?: boolean } = {},
): Promise<TokenSet> {
  const { protocol, context } = session;
  const expiresIn = response.expiresIn();
  const scope = protocol.grantedScope(response);
  const idToken = protocol.idToken(response);
  // A plain renewal keeps the connection's account: no account API call per refresh.
  const account = options.account === false ? undefined : await protocol.account(response, config, context);
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
    ...(idToken ? { idToken } : {}),
    ...(expiresIn !== undefined ? { expiresAt: Math.floor(Date.now() / 1000) + expiresIn } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(account ? { subject: account.subject, account: account.label, ...(account.sites ? { sites: account.sites } : {}) } : {}),
  };
}
