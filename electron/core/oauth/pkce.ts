import { loadOpenIdClient } from './openidClient';

export interface AuthorizationChecks {
  /** 43 characters of base64url from 32 random bytes; never leaves the main process except to the token endpoint. */
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
  /** A fresh CSRF token for this attempt only. */
  state: string;
}

/**
 * A fresh PKCE pair and state for one authorization attempt.
 * @see RFC 7636 §4.1–4.2 (S256 only, never `plain`), RFC 8252 §8.9 (state)
 */
export async function createAuthorizationChecks(): Promise<AuthorizationChecks> {
  const oidc = await loadOpenIdClient();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    codeChallengeMethod: 'S256',
    state: oidc.randomState(),
  };
}
