/**
 * Google's OAuth 2.0 for installed (desktop) apps, as documented:
 * - developers.google.com/identity/protocols/oauth2/native-app: loopback `http://127.0.0.1:{port}`,
 *   PKCE, the desktop client sends its (non-confidential) `client_secret` with the code and on
 *   refresh; without it the token endpoint answers 400 `invalid_request` "client_secret is missing.";
 *   `access_type=offline` for a refresh token, which comes only on first consent unless `prompt=consent`;
 *   `include_granted_scopes=true` (incremental authorization) adds the new scopes to what was granted.
 * - …/oauth2/resources/granular-permissions: the person may untick scopes; the token response's
 *   `scope` lists what was granted, with `userinfo.email`/`userinfo.profile` for `email`/`profile`.
 * - …/identity/gsi/web/guides/verify-google-id-token: the ID token's `iss` is
 *   `https://accounts.google.com` or `accounts.google.com`.
 * - …/native-app#tokenrevoke: `POST https://oauth2.googleapis.com/revoke` with `token`, form or
 *   query; it ends the whole grant; 400 `invalid_token` for a token it does not know.
 * - Discovery: https://accounts.google.com/.well-known/openid-configuration (issuer https://accounts.google.com);
 *   `GET https://oauth2.googleapis.com/tokeninfo?access_token=…` shows a token's scopes.
 */
import { ConsentFlow, type AuthorizationRequest } from './consentFlow';
import {
  clientCredentials,
  consentPage,
  createSigner,
  errorPage,
  isLoopbackRedirect,
  json,
  listenAs,
  notFound,
  pkceMatches,
  randomToken,
  stableNumber,
  type ProviderRequest,
  type Reply,
  type RunningProvider,
} from './kit';
import { gmailApi } from './resourceApis';

const ACCOUNTS = 'https://accounts.google.com';
const TOKEN_HOST = 'oauth2.googleapis.com';
const G = 'https://www.googleapis.com/auth/';
/** The sign-in scopes Google shows without a box, and how its token response spells them. */
const IDENTITY_SPELLING: Record<string, string> = { openid: 'openid', email: `${G}userinfo.email`, profile: `${G}userinfo.profile` };

export interface GoogleOptions {
  clientId: string;
  clientSecret: string;
  /** The ID token's `iss` spelling; both are documented. */
  idTokenIssuer?: 'https://accounts.google.com' | 'accounts.google.com';
}

interface GoogleRequest extends AuthorizationRequest {
  offline: boolean;
  forceConsent: boolean;
  includeGranted: boolean;
  nonce?: string;
}

interface TokenRecord {
  user: string;
  clientId: string;
  scopes: string[];
}

export interface GoogleServer extends RunningProvider {
  /** Scopes the account has granted this client, as Google remembers them (empty after revocation). */
  grantedTo(user: string): string[];
  setIdTokenIssuer(issuer: 'https://accounts.google.com' | 'accounts.google.com'): void;
}

const email = (user: string): string => `${user}@example.com`;
const subject = (user: string): string => String(100_000_000_000 + stableNumber(`google:${user}`));

export async function startGoogle(options: GoogleOptions): Promise<GoogleServer> {
  const signer = await createSigner();
  let idTokenIssuer = options.idTokenIssuer ?? ACCOUNTS;
  /** user → scopes granted to our client (Google remembers consent until revoked). */
  const grants = new Map<string, Set<string>>();
  const refreshTokens = new Map<string, TokenRecord>();
  const accessTokens = new Map<string, TokenRecord & { expiresAt: number }>();

  const flow = new ConsentFlow<GoogleRequest>({
    provider: 'Google',
    origin: ACCOUNTS,
    cookie: 'SID',
    consentPage: (request, user, pendingId, action) => {
      const granted = grants.get(user) ?? new Set<string>();
      const fresh = request.scopes.filter((s) => !granted.has(s));
      // Google asks only about what is new; with nothing new and no prompt=consent it skips the page.
      if (fresh.length === 0 && !request.forceConsent) return 'approve';
      const shown = request.includeGranted ? fresh : request.scopes;
      return consentPage({
        provider: 'Google',
        action,
        pendingId,
        account: email(user),
        heading: 'Scopekeeper wants access to your Google Account',
        scopes: shown.length ? shown : request.scopes,
        granular: true,
        locked: Object.keys(IDENTITY_SPELLING),
        allowLabel: 'Continue',
        denyLabel: 'Cancel',
      });
    },
  });

  function authorize(http: ProviderRequest): Reply {
    const q = http.url.searchParams;
    if (q.get('client_id') !== options.clientId) return errorPage('Google', 'Error 401: invalid_client. The OAuth client was not found.', 401);
    if (!isLoopbackRedirect(q.get('redirect_uri'))) return errorPage('Google', 'Error 400: redirect_uri_mismatch');
    if (q.get('response_type') !== 'code') return errorPage('Google', 'Error 400: invalid_request. Required parameter is missing: response_type');
    return flow.start(
      {
        clientId: options.clientId,
        redirectUri: q.get('redirect_uri')!,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
        scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
        ...(q.get('code_challenge') ? { codeChallenge: q.get('code_challenge')! } : {}),
        params: q,
        offline: q.get('access_type') === 'offline',
        forceConsent: q.get('prompt')?.split(' ').includes('consent') ?? false,
        includeGranted: q.get('include_granted_scopes') === 'true',
        ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
      },
      http,
    );
  }

  async function tokenResponse(record: TokenRecord, extra: Record<string, unknown>, nonce?: string): Promise<Reply> {
    const accessToken = randomToken('ya29.');
    accessTokens.set(accessToken, { ...record, expiresAt: Date.now() + 3599_000 });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: 3599,
      scope: record.scopes.map((s) => IDENTITY_SPELLING[s] ?? s).join(' '),
      token_type: 'Bearer',
      ...extra,
    };
    if (record.scopes.includes('openid')) {
      body.id_token = await signer.sign({
        iss: idTokenIssuer,
        azp: record.clientId,
        aud: record.clientId,
        sub: subject(record.user),
        ...(record.scopes.includes('email') ? { email: email(record.user), email_verified: true } : {}),
        ...(record.scopes.includes('profile') ? { name: record.user } : {}),
        ...(nonce ? { nonce } : {}),
      });
    }
    return json(200, body);
  }

  async function token(http: ProviderRequest): Promise<Reply> {
    const client = clientCredentials(http);
    if (client.id !== options.clientId) return json(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    if (client.secret === undefined) return json(400, { error: 'invalid_request', error_description: 'client_secret is missing.' });
    if (client.secret !== options.clientSecret) return json(401, { error: 'invalid_client', error_description: 'Unauthorized' });
    if (http.body.grant_type === 'authorization_code') {
      const approval = flow.redeem(http.body.code);
      if (!approval) return json(400, { error: 'invalid_grant', error_description: 'Bad Request' });
      if (approval.request.redirectUri !== http.body.redirect_uri) return json(400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      if (!pkceMatches(approval.request.codeChallenge, http.body.code_verifier)) return json(400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
      const { request, user } = approval;
      const before = grants.get(user) ?? new Set<string>();
      const wasGranted = before.size > 0;
      const grant = new Set([...before, ...approval.consented]);
      grants.set(user, grant);
      // Incremental authorization: the token covers everything granted so far; otherwise what was asked and approved.
      const scopes = request.includeGranted ? [...grant] : request.scopes.filter((s) => grant.has(s));
      const record = { user, clientId: options.clientId, scopes };
      const extra: Record<string, unknown> = {};
      if (request.offline && (request.forceConsent || !wasGranted)) {
        const refreshToken = randomToken('1//');
        refreshTokens.set(refreshToken, record);
        extra.refresh_token = refreshToken;
      }
      return tokenResponse(record, extra, request.nonce);
    }
    if (http.body.grant_type === 'refresh_token') {
      const record = refreshTokens.get(http.body.refresh_token ?? '');
      if (!record || !grants.has(record.user)) return json(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      const asked = http.body.scope?.split(' ').filter(Boolean);
      const scopes = asked ?? record.scopes;
      if (scopes.some((s) => !record.scopes.includes(s))) return json(400, { error: 'invalid_scope', error_description: 'Some requested scopes were invalid.' });
      return tokenResponse({ ...record, scopes }, {});
    }
    return json(400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (http.body.grant_type ?? '') });
  }

  /** Revoking any token of the grant ends the whole grant and every token issued under it. */
  function revoke(http: ProviderRequest): Reply {
    const value = http.body.token ?? http.url.searchParams.get('token') ?? '';
    const record = refreshTokens.get(value) ?? accessTokens.get(value);
    if (!record) return json(400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
    grants.delete(record.user);
    for (const map of [refreshTokens, accessTokens] as Map<string, TokenRecord>[]) {
      for (const [key, other] of map) if (other.user === record.user) map.delete(key);
    }
    return json(200, {});
  }

  function tokeninfo(http: ProviderRequest): Reply {
    const record = accessTokens.get(http.url.searchParams.get('access_token') ?? '');
    if (!record || record.expiresAt < Date.now()) return json(400, { error: 'invalid_token', error_description: 'Invalid Value' });
    return json(200, {
      azp: record.clientId,
      aud: record.clientId,
      sub: subject(record.user),
      scope: record.scopes.map((s) => IDENTITY_SPELLING[s] ?? s).join(' '),
      expires_in: String(Math.floor((record.expiresAt - Date.now()) / 1000)),
      email: email(record.user),
    });
  }

  function discovery(): Reply {
    return json(200, {
      issuer: ACCOUNTS,
      authorization_endpoint: `${ACCOUNTS}/o/oauth2/v2/auth`,
      device_authorization_endpoint: 'https://oauth2.googleapis.com/device/code',
      token_endpoint: 'https://oauth2.googleapis.com/token',
      userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
      revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
      jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
      response_types_supported: ['code', 'token', 'id_token', 'code token', 'code id_token', 'token id_token', 'code token id_token', 'none'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    });
  }

  const running = await listenAs(['accounts.google.com', TOKEN_HOST, 'openidconnect.googleapis.com', 'www.googleapis.com', 'gmail.googleapis.com'], async (http) => {
    const path = `${http.host}${http.url.pathname}`;
    const page = flow.handle(http);
    if (page) return page;
    switch (`${http.method} ${path}`) {
      case 'GET accounts.google.com/.well-known/openid-configuration':
        return discovery();
      case 'GET accounts.google.com/o/oauth2/v2/auth':
        return authorize(http);
      case 'POST oauth2.googleapis.com/token':
        return token(http);
      case 'POST oauth2.googleapis.com/revoke':
        return revoke(http);
      case 'GET oauth2.googleapis.com/tokeninfo':
        return tokeninfo(http);
      case 'GET www.googleapis.com/oauth2/v3/certs':
        return json(200, signer.jwks);
      case 'GET openidconnect.googleapis.com/v1/userinfo': {
        const record = accessTokens.get(http.headers.authorization?.replace(/^Bearer /, '') ?? '');
        if (!record) return json(401, { error: 'invalid_request', error_description: 'Invalid Credentials' });
        return json(200, { sub: subject(record.user), name: record.user, email: email(record.user), email_verified: true });
      }
      default: {
        // An expired access token is refused like an unknown one.
        const live = (token: string) => {
          const record = accessTokens.get(token);
          return record && record.expiresAt > Date.now() ? record : undefined;
        };
        return gmailApi(http, live) ?? notFound();
      }
    }
  });

  return {
    ...running,
    grantedTo: (user) => [...(grants.get(user) ?? [])],
    setIdTokenIssuer: (issuer) => {
      idTokenIssuer = issuer;
    },
  };
}
