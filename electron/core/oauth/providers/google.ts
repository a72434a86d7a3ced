import { openid } from '../openidClient';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import type { JSONWebKeySet } from 'jose';
import { accountFromIdToken, generic, rfc7009Revoke, withPrompt } from './generic';
import type { ProviderProtocol, TokenResponse } from './types';

const TOKEN_ENDPOINT = 'https://oauth2.googleapis.com/token';
const JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
/** Both spellings Google documents for an ID token's `iss`. */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Where the Google module leaves ID token claims it verified itself (the bare `iss` spelling). */
const VERIFIED_CLAIMS = 'scopekeeper_verified_id_token_claims';
/** And the ID token itself, kept like any other (the intake check and the vault expect one). */
const VERIFIED_ID_TOKEN = 'scopekeeper_verified_id_token';

/**
 * openid-client compares an ID token's `iss` with the issuer exactly; Google documents that its
 * ID tokens may say `accounts.google.com` without the scheme. Such a token is verified here with
 * jose against Google's published keys (signature, both issuer spellings, audience, expiry) and
 * handed on beside the response instead of inside it; every other answer goes through untouched.
 * @see https://developers.google.com/identity/gsi/web/guides/verify-google-id-token
 */
async function acceptBareIssuer(base: typeof fetch, response: Response, clientId: string): Promise<Response> {
  const body = (await response.clone().json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const idToken = body?.id_token;
  if (typeof idToken !== 'string') return response;
  // jose with the answer that needs it, not when main starts (openid-client loads its own copy too).
  const { createLocalJWKSet, decodeJwt, jwtVerify } = await import('jose');
  if (decodeJwt(idToken).iss !== 'accounts.google.com') return response;
  const keys = (await (await base(JWKS_URL, { headers: { accept: 'application/json' } })).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(keys), { issuer: GOOGLE_ISSUERS, audience: clientId });
  const { id_token: _verified, ...rest } = body!;
  return new Response(JSON.stringify({ ...rest, [VERIFIED_CLAIMS]: payload, [VERIFIED_ID_TOKEN]: idToken }), {
    status: response.status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Google: discovery at accounts.google.com; desktop ("installed app") clients send their client
 * secret in the body, with the code and on refresh; refresh tokens need `access_type=offline`
 * (catalog); account chooser `prompt=select_account` (documented; Google's metadata lists no
 * prompt values); revoking any token ends the whole grant, so tokens a newer sign-in replaced are
 * left to expire: revoking them would end the new sign-in's tokens too.
 * @see https://developers.google.com/identity/protocols/oauth2/native-app
 * @see https://developers.google.com/identity/protocols/oauth2/web-server#httprest_1 (prompt)
 * @see https://developers.google.com/identity/protocols/oauth2/native-app#tokenrevoke
 */
export const google: ProviderProtocol = {
  ...generic,
  id: 'google',
  // Google's desktop clients authenticate with client_secret_post; without a secret Google answers
  // "client_secret is missing.", which `advice` turns into what to do.
  clientAuth: (client) => (client.clientSecret === undefined ? openid().None() : openid().ClientSecretPost(client.clientSecret)),
  // "Just this session": `access_type=online` (Google's default) asks for no refresh token.
  // @see https://developers.google.com/identity/protocols/oauth2/native-app#step-2:-send-a-request-to-googles-oauth-2.0-server
  authorizationParams: (info, { selectAccount, sessionOnly }) => ({
    ...withPrompt(info, selectAccount ? 'select_account' : undefined),
    ...(sessionOnly ? { access_type: 'online' } : {}),
  }),
  fetch: (base, client) => async (url, options) => {
    const response = await base(url, options);
    if (url !== TOKEN_ENDPOINT || !response.ok) return response;
    return acceptBareIssuer(base, response, client.clientId);
  },
  idToken: (response: TokenResponse) => {
    const verified = response[VERIFIED_ID_TOKEN];
    return response.id_token ?? (typeof verified === 'string' ? verified : undefined);
  },
  account: async (response: TokenResponse) => {
    const fromOpenIdClient = accountFromIdToken(response);
    if (fromOpenIdClient) return fromOpenIdClient;
    const claims = response[VERIFIED_CLAIMS] as { sub?: unknown; email?: unknown } | undefined;
    if (typeof claims?.sub !== 'string') return undefined;
    return { subject: claims.sub, label: typeof claims.email === 'string' ? claims.email : claims.sub };
  },
  revoke: async (config, tokens) => {
    try {
      await rfc7009Revoke(config, tokens);
    } catch (error) {
      // Google answers 400 invalid_token for a token it no longer knows: the grant is already gone.
      if (!(error instanceof ScopekeeperError && error.details?.error === 'invalid_token')) throw error;
    }
    return { kind: 'done' };
  },
  revokeReplaced: async () => 'kept',
  // An app whose publishing status is "Testing" (external audience) gets refresh tokens that end
  // after 7 days, unless it asks only for name, email and profile: a weekly "revoked" with no other cause.
  // @see https://developers.google.com/identity/protocols/oauth2#expiration
  grantGoneHint: (client) =>
    client.source === 'own'
      ? 'If your own OAuth app’s publishing status in the Google Cloud console is “Testing”, Google ends its sign-ins after 7 days: set it to “In production” (Publish app), then reconnect.'
      : undefined,
  advice: (error, description) => {
    if (error === 'invalid_request' && /client_secret is missing/i.test(description ?? '')) {
      return 'Google’s desktop clients must send their client secret: add the secret to the Google client (Settings, “Use your own OAuth app”, or the build’s oauth-clients.json).';
    }
    switch (error) {
      case 'invalid_client':
        return 'Google does not accept this client ID or secret: check the Google client in Settings.';
      case 'invalid_grant':
        return 'Google no longer accepts this sign-in (it expired or access was removed): connect again.';
      case 'redirect_uri_mismatch':
        return 'Google refused the sign-in address: the client must be of type “Desktop app” in the Google Cloud console.';
      case 'admin_policy_enforced':
        return 'Your Google Workspace administrator does not allow this app: ask them to trust it.';
      case 'org_internal':
        return 'This Google client is limited to accounts of its own organization: use one of those, or your own OAuth app.';
      default:
        return undefined;
    }
  },
};
