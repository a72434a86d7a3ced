/**
 * The Microsoft identity platform (v2.0 endpoints) through the `common` tenant, as documented:
 * - learn.microsoft.com/entra/identity-platform/v2-protocols-oidc: the `common` discovery document
 *   (`/common/v2.0/.well-known/openid-configuration`) carries the templated issuer
 *   `https://login.microsoftonline.com/{tenantid}/v2.0`; the ID token's `iss` has the person's real
 *   tenant, also in its `tid` claim (consumer accounts: 9188040d-6c67-4c5b-b112-36a304b66dad).
 * - …/v2-oauth2-auth-code-flow: public desktop clients send no secret, PKCE; the token response's
 *   `scope` lists the Graph scopes (qualified, lower-cased in the docs' example) and never
 *   `offline_access`; a refresh may ask for a subset of the consented scopes and gets a new refresh
 *   token; after an incremental consent a token carries every scope consented so far. Errors carry
 *   `error_codes` and an `AADSTS…` description (…/reference-error-codes: AADSTS65001 consent
 *   required, AADSTS70008 expired code or refresh token, AADSTS9002313 invalid request).
 * - …/reply-url: for `http://localhost` / `http://127.0.0.1` redirects the port is not matched.
 * - No RFC 7009 revocation endpoint: people remove consent at myapps.microsoft.com.
 * - Graph access tokens are JWTs whose `scp` claim lists the delegated scopes.
 * - …/v2-oauth2-device-code: `POST /common/oauth2/v2.0/devicecode` (`client_id`, `scope`) answers
 *   `user_code`, `device_code`, `verification_uri` https://microsoft.com/devicelogin, `expires_in`
 *   900, `interval` 5 and a `message`; the app polls the token endpoint with
 *   `grant_type=urn:ietf:params:oauth:grant-type:device_code` and `device_code`, and gets HTTP 400
 *   `authorization_pending`, `authorization_declined`, `bad_verification_code` or `expired_token`
 *   until the person has signed in and consented; then the same answer as after a code.
 */
import { ConsentFlow, type AuthorizationRequest } from './consentFlow';
import { DeviceCodes } from './deviceCodes';
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
import { graphApi, type TokenGrant } from './resourceApis';

const LOGIN = 'https://login.microsoftonline.com';
const GRAPH = 'https://graph.microsoft.com/';
/** The work tenant the test accounts belong to. */
export const MICROSOFT_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OIDC = new Set(['openid', 'profile', 'email', 'offline_access']);

export interface MicrosoftOptions {
  clientId: string;
}

interface MicrosoftRequest extends AuthorizationRequest {
  nonce?: string;
}

interface RefreshRecord {
  user: string;
  /** Graph scopes (bare, as consented) this token family may ask for. */
  scopes: string[];
  openid: string[];
}

export interface MicrosoftServer extends RunningProvider {
  /** Graph scopes the account has consented to for our client. */
  consentedBy(user: string): string[];
}

/** `Mail.Read` and `https://graph.microsoft.com/Mail.Read` are the same Graph scope (any case). */
function graphScope(scope: string): string | undefined {
  if (OIDC.has(scope)) return undefined;
  return scope.toLowerCase().startsWith(GRAPH) ? scope.slice(GRAPH.length) : scope;
}

const username = (user: string): string => `${user}@contoso.example`;
const objectId = (user: string): string => {
  const hex = stableNumber(`microsoft:${user}`).toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}0000`;
};

function aadError(status: number, error: string, code: number, text: string): Reply {
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${text}\r\nTrace ID: 0000\r\nCorrelation ID: 0000\r\nTimestamp: 2026-01-01 00:00:00Z`,
    error_codes: [code],
    timestamp: '2026-01-01 00:00:00Z',
    trace_id: '0000',
    correlation_id: '0000',
  });
}

export async function startMicrosoft(options: MicrosoftOptions): Promise<MicrosoftServer> {
  const signer = await createSigner();
  const consent = new Map<string, Set<string>>();
  const refreshTokens = new Map<string, RefreshRecord>();
  /** Graph's view of each access token it was given: whose, and the `scp` it carries. */
  const accessTokens = new Map<string, TokenGrant>();

  const flow = new ConsentFlow<MicrosoftRequest>({
    provider: 'Microsoft',
    origin: LOGIN,
    cookie: 'ESTSAUTH',
    denial: { error_description: 'AADSTS65004: User declined to consent to access the app.' },
    consentPage: (request, user, pendingId, action) => {
      const granted = consent.get(user) ?? new Set<string>();
      const fresh = request.scopes.filter((s) => {
        const graph = graphScope(s);
        return graph !== undefined && !granted.has(graph.toLowerCase());
      });
      if (fresh.length === 0 && request.params.get('prompt') !== 'consent' && granted.size > 0) return 'approve';
      // Microsoft's page lists the permissions; the person accepts them all or cancels.
      return consentPage({
        provider: 'Microsoft',
        action,
        pendingId,
        account: username(user),
        heading: 'Permissions requested: Scopekeeper',
        scopes: request.scopes,
        granular: false,
        allowLabel: 'Accept',
        denyLabel: 'Cancel',
      });
    },
  });

  function authorize(http: ProviderRequest): Reply {
    const q = http.url.searchParams;
    if (q.get('client_id') !== options.clientId) {
      return errorPage('Microsoft', `AADSTS700016: Application with identifier '${q.get('client_id') ?? ''}' was not found in the directory.`);
    }
    if (!isLoopbackRedirect(q.get('redirect_uri'))) {
      return errorPage('Microsoft', 'AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.');
    }
    return flow.start(
      {
        clientId: options.clientId,
        redirectUri: q.get('redirect_uri')!,
        ...(q.get('state') ? { state: q.get('state')! } : {}),
        scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
        ...(q.get('code_challenge') ? { codeChallenge: q.get('code_challenge')! } : {}),
        params: q,
        ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}),
      },
      http,
    );
  }

  async function issue(user: string, graph: string[], openid: string[], withRefresh: boolean, nonce?: string): Promise<Reply> {
    const accessToken = await signer.sign({
      aud: '00000003-0000-0000-c000-000000000000',
      iss: `https://sts.windows.net/${MICROSOFT_TENANT_ID}/`,
      tid: MICROSOFT_TENANT_ID,
      oid: objectId(user),
      upn: username(user),
      scp: graph.join(' '),
      appid: options.clientId,
    });
    accessTokens.set(accessToken, { user, scopes: graph });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      // Qualified and lower-cased like the docs' example; offline_access is never echoed.
      scope: [...graph.map((s) => `${GRAPH}${s.toLowerCase()}`), ...openid.filter((s) => s !== 'offline_access')].join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
    };
    if (withRefresh) {
      const refreshToken = randomToken('0.A');
      refreshTokens.set(refreshToken, { user, scopes: [...(consent.get(user) ?? [])], openid });
      body.refresh_token = refreshToken;
    }
    if (openid.includes('openid')) {
      body.id_token = await signer.sign({
        ver: '2.0',
        iss: `${LOGIN}/${MICROSOFT_TENANT_ID}/v2.0`,
        aud: options.clientId,
        tid: MICROSOFT_TENANT_ID,
        oid: objectId(user),
        sub: `sub-${objectId(user)}`,
        ...(openid.includes('profile') ? { name: user, preferred_username: username(user) } : {}),
        ...(openid.includes('email') ? { email: username(user) } : {}),
        ...(nonce ? { nonce } : {}),
      });
    }
    return json(200, body);
  }

  const devices = new DeviceCodes<MicrosoftRequest>({
    provider: 'Microsoft',
    origin: LOGIN,
    verificationUri: 'https://microsoft.com/devicelogin',
    flow,
    interval: 5,
    expiresIn: 900,
  });

  function deviceCode(http: ProviderRequest): Reply {
    if (http.body.client_id !== options.clientId) {
      return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${http.body.client_id ?? ''}' was not found in the directory.`);
    }
    const scopes = (http.body.scope ?? '').split(' ').filter(Boolean);
    const issued = devices.issue({ clientId: options.clientId, scopes, params: new URLSearchParams() });
    return json(200, {
      user_code: issued.userCode,
      device_code: issued.deviceCode,
      verification_uri: devices.verificationUri,
      expires_in: issued.expiresIn,
      interval: issued.interval,
      message: `To sign in, use a web browser to open the page ${devices.verificationUri} and enter the code ${issued.userCode} to authenticate.`,
    });
  }

  /** Graph scopes the person consented to, remembered per user like Microsoft's consent record. */
  function remember(user: string, consented: readonly string[]): Set<string> {
    const known = consent.get(user) ?? new Set<string>();
    for (const scope of consented) {
      const graph = graphScope(scope);
      if (graph) known.add(graph.toLowerCase());
    }
    consent.set(user, known);
    return known;
  }

  async function deviceToken(http: ProviderRequest): Promise<Reply> {
    const poll = devices.poll(http.body.device_code);
    switch (poll.state) {
      case 'unknown':
        return aadError(400, 'bad_verification_code', 70019, 'Verification code is invalid or has expired.');
      case 'pending':
      case 'slow-down':
        return aadError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      case 'expired':
        return aadError(400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. Device codes are valid for 15 minutes.');
      case 'denied':
        return aadError(400, 'authorization_declined', 70000, 'The user declined to authorize the request.');
      case 'approved': {
        const known = remember(poll.user, poll.consented);
        const openid = poll.request.scopes.filter((s) => OIDC.has(s));
        return issue(poll.user, [...known], openid, openid.includes('offline_access'));
      }
    }
  }

  async function token(http: ProviderRequest): Promise<Reply> {
    const client = clientCredentials(http);
    if (client.id !== options.clientId) return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${client.id ?? ''}' was not found in the directory.`);
    if (client.secret !== undefined) return aadError(401, 'invalid_client', 700025, 'Client is public so neither \'client_assertion\' nor \'client_secret\' should be presented.');
    const asked = (http.body.scope ?? '').split(' ').filter(Boolean);
    if (http.body.grant_type === 'urn:ietf:params:oauth:grant-type:device_code') return deviceToken(http);
    if (http.body.grant_type === 'authorization_code') {
      const approval = flow.redeem(http.body.code);
      if (!approval) return aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.');
      if (approval.request.redirectUri !== http.body.redirect_uri) return aadError(400, 'invalid_grant', 50011, 'The redirect URI does not match the one used in the authorization request.');
      if (!pkceMatches(approval.request.codeChallenge, http.body.code_verifier)) return aadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      const known = remember(approval.user, approval.consented);
      const openid = approval.request.scopes.filter((s) => OIDC.has(s));
      // Every Graph scope consented so far comes back, not only the ones just asked.
      return issue(approval.user, [...known], openid, openid.includes('offline_access'), approval.request.nonce);
    }
    if (http.body.grant_type === 'refresh_token') {
      const record = refreshTokens.get(http.body.refresh_token ?? '');
      if (!record) return aadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.');
      const graphAsked = asked.map(graphScope).filter((s): s is string => s !== undefined).map((s) => s.toLowerCase());
      const consented = consent.get(record.user) ?? new Set<string>();
      const missing = graphAsked.find((s) => !consented.has(s));
      if (missing) {
        return aadError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${options.clientId}' named 'Scopekeeper'. Send an interactive authorization request for this user and resource.`);
      }
      const openid = asked.length ? asked.filter((s) => OIDC.has(s)) : record.openid;
      return issue(record.user, graphAsked.length ? graphAsked : [...consented], openid.includes('offline_access') ? openid : [...openid, 'offline_access'], true);
    }
    return aadError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  }

  const running = await listenAs(['login.microsoftonline.com', 'graph.microsoft.com', 'microsoft.com'], async (http) => {
    const page = flow.handle(http) ?? devices.handle(http);
    if (page) return page;
    switch (`${http.method} ${http.host}${http.url.pathname}`) {
      case 'GET login.microsoftonline.com/common/v2.0/.well-known/openid-configuration':
        return json(200, {
          token_endpoint: `${LOGIN}/common/oauth2/v2.0/token`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          jwks_uri: `${LOGIN}/common/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          issuer: `${LOGIN}/{tenantid}/v2.0`,
          request_uri_parameter_supported: false,
          userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
          authorization_endpoint: `${LOGIN}/common/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${LOGIN}/common/oauth2/v2.0/devicecode`,
          http_logout_supported: true,
          frontchannel_logout_supported: true,
          end_session_endpoint: `${LOGIN}/common/oauth2/v2.0/logout`,
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'email'],
          kerberos_endpoint: `${LOGIN}/common/kerberos`,
          tenant_region_scope: null,
          cloud_instance_name: 'microsoftonline.com',
          cloud_graph_host_name: 'graph.windows.net',
          msgraph_host: 'graph.microsoft.com',
          rbac_url: 'https://pas.windows.net',
        });
      case 'GET login.microsoftonline.com/common/discovery/v2.0/keys':
        return json(200, signer.jwks);
      case 'GET login.microsoftonline.com/common/oauth2/v2.0/authorize':
        return authorize(http);
      case 'POST login.microsoftonline.com/common/oauth2/v2.0/token':
        return token(http);
      case 'POST login.microsoftonline.com/common/oauth2/v2.0/devicecode':
        return deviceCode(http);
      default:
        return graphApi(http, (token) => accessTokens.get(token)) ?? notFound();
    }
  });

  return { ...running, consentedBy: (user) => [...(consent.get(user) ?? [])] };
}
