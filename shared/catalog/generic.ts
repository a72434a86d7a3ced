import { OIDC_STANDARD_SCOPES } from './oidc';
import type { ActionInfo, ProviderInfo } from './types';

export interface GenericProviderOptions {
  id: string;
  name: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** RFC 7009 endpoint, when the server has one. */
  revocationEndpoint?: string;
  userinfoEndpoint?: string;
}

const GENERIC_ACTIONS: readonly ActionInfo[] = [
  { id: 'know-you', title: 'Know who you are', scopes: ['openid'] },
  { id: 'see-profile', title: 'See your name and picture', scopes: ['profile'] },
  { id: 'see-email', title: 'See your email address', scopes: ['email'] },
  { id: 'see-address', title: 'See your postal address', scopes: ['address'] },
  { id: 'see-phone', title: 'See your phone number', scopes: ['phone'] },
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
];

/**
 * Any OAuth 2.0 / OpenID Connect server, described by its endpoints (from discovery or typed in).
 * Only the OIDC standard scopes are explained; anything else goes through `inferScope`.
 *
 * @see OpenID Connect Core 1.0 §5.4 (scopes), §11 (offline_access needs prompt=consent)
 * @see RFC 7009 (revocation), RFC 6749 §6 (a refresh may ask for a narrower scope)
 */
export function genericProvider(options: GenericProviderOptions): ProviderInfo {
  const { id, name, issuer, authorizationEndpoint, tokenEndpoint, revocationEndpoint, userinfoEndpoint } = options;
  const canRevoke = revocationEndpoint !== undefined;
  return {
    id,
    name,
    description: `An OAuth 2.0 / OpenID Connect server at ${issuer}.`,
    kind: 'oidc',
    issuer,
    endpoints: {
      authorization: authorizationEndpoint,
      token: tokenEndpoint,
      ...(canRevoke ? { revocation: revocationEndpoint } : {}),
      ...(userinfoEndpoint !== undefined ? { userinfo: userinfoEndpoint } : {}),
    },
    scopeFormat: { requestSeparator: ' ', responseSeparator: ' ', scopeParam: 'scope' },
    identityScopes: ['openid', 'profile', 'email', 'offline_access'],
    extraAuthorizationParams: { prompt: 'consent' },
    reduce: canRevoke ? ['revoke-and-reconsent', 'narrow-refresh'] : ['narrow-refresh'],
    // Standard (RFC 6749 §6); a server that answers with more than asked is refused at handout.
    narrowTokens: true,
    add: { strategy: 'union' },
    revokeAll: canRevoke ? 'rfc7009' : 'console-only',
    // No standard place for a person's own grants: the issuer's home page is the best guess.
    consoleUrl: issuer,
    docsUrl: 'https://openid.net/specs/openid-connect-core-1_0.html',
    scopes: OIDC_STANDARD_SCOPES.map((s) => ({ ...s })),
    actions: GENERIC_ACTIONS.map((a) => ({ ...a, scopes: [...a.scopes] })),
  };
}
