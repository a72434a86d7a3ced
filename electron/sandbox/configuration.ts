import { errors, type Account, type Configuration, type ProviderContext } from 'oidc-provider';
import { createStateAdapter } from './stateAdapter';
import type { SandboxState } from './state';
import { deviceCodeConfirmPage, deviceCodeInputPage, deviceDonePage, problemPage } from './pages';

/** The OpenID Connect scopes oidc-provider itself knows; every other scope belongs to the API. */
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

export const INTERACTION_PATH = '/interaction';
export const TOKEN_PATH = '/token';
export const INTROSPECTION_PATH = '/token/introspection';
/** Google's incremental authorization parameter (see AuthServerOptions.incremental). */
export const INCLUDE_GRANTED_SCOPES = 'include_granted_scopes';
/**
 * The `prompt` values this server accepts: oidc-provider's own (`none`, and the login and consent
 * steps of its default interaction policy); it refuses any other, `select_account` included, with
 * "unsupported prompt value requested". oidc-provider does not publish them itself.
 */
export const PROMPT_VALUES: readonly string[] = ['none', 'login', 'consent'];

export interface SandboxSettings {
  issuer: string;
  /** The public native client the app signs in as. */
  clientId: string;
  /** The confidential client only the test helpers use, to call the introspection endpoint. */
  testClient: { id: string; secret: string };
  /**
   * A second native client, registered WITH a secret (client_secret_basic): the app a person can
   * practise "Use your own OAuth app" with, and what the tests bring as their own client.
   */
  ownApp: { id: string; secret: string };
  /** The API scopes this server knows, besides the OpenID Connect ones. */
  apiScopes: readonly string[];
  /** The resource indicator (RFC 8707) of the one API all access tokens are for. */
  apiResource: string;
  /** Publish an RFC 7009 revocation endpoint. */
  revocation: boolean;
  /** Accept `include_granted_scopes` on authorization requests. */
  incremental: boolean;
  /** Records, keys and workspace data: in memory, or in the sandbox's state file. */
  state: SandboxState;
  /** Offer the device authorization grant (RFC 8628): `device_authorization_endpoint` in discovery. */
  deviceFlow: boolean;
  /** Shown on the device pages. */
  serverName: string;
}

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Any username signs in; its claims are made up from it. */
async function findAccount(_ctx: unknown, sub: string): Promise<Account> {
  return {
    accountId: sub,
    claims: async () => ({ sub, name: sub, email: `${sub}@sandbox.test`, email_verified: true }),
  };
}

/** The person unticked `offline_access` on the consent page of the grant being exchanged. */
function refusedOfflineAccess(ctx: ProviderContext): boolean {
  return ctx.oidc.entities.Grant?.getRejectedOIDCScope().split(' ').includes('offline_access') ?? false;
}

/**
 * API scopes go through resource indicators in oidc-provider 9: a scope that is neither an OpenID
 * Connect scope nor a scope of the token's resource server is silently dropped.
 *
 * The resource server also lists the OpenID Connect scopes, and consent grants them on the
 * resource too, because an access token carries only its resource server's scopes and the token
 * response's `scope` is the access token's. This way `scope` reads like Google's or Microsoft's
 * (`openid email files:read`) instead of leaving out the OpenID Connect part of the grant.
 */
function resourceIndicators(settings: SandboxSettings): NonNullable<Configuration['features']>['resourceIndicators'] {
  return {
    enabled: true,
    // The app never sends `resource`; without a default its API scopes would be dropped.
    defaultResource: () => settings.apiResource,
    // A token request without `resource` gets the resource its code or refresh token was issued
    // for. Said here rather than left to oidc-provider's fallback, which also depends on whether
    // `openid` was asked for and the userinfo endpoint is on.
    useGrantedResource: () => true,
    getResourceServerInfo: (_ctx, indicator) => {
      if (indicator !== settings.apiResource) throw new errors.InvalidTarget();
      // Opaque, not JWT: oidc-provider can only introspect the tokens it stores.
      return { scope: [...OIDC_SCOPES, ...settings.apiScopes].join(' '), accessTokenFormat: 'opaque' };
    },
  };
}

function clients(settings: SandboxSettings): NonNullable<Configuration['clients']> {
  return [
    {
      client_id: settings.clientId,
      client_name: 'Scopekeeper',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      // Any port on this loopback address matches, as RFC 8252 §7.3 asks for native clients.
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token', ...(settings.deviceFlow ? [DEVICE_CODE_GRANT] : [])],
      response_types: ['code'],
    },
    {
      client_id: settings.ownApp.id,
      client_secret: settings.ownApp.secret,
      client_name: 'Your own app',
      application_type: 'native',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token', ...(settings.deviceFlow ? [DEVICE_CODE_GRANT] : [])],
      response_types: ['code'],
    },
    {
      client_id: settings.testClient.id,
      client_secret: settings.testClient.secret,
      grant_types: [],
      response_types: [],
      redirect_uris: [],
    },
  ];
}

/** oidc-provider's own error page, as the Sandbox's problem page (the MCP test authorization server uses it too). */
export const renderProblem: NonNullable<Configuration['renderError']> = (ctx, out) => {
  ctx.type = 'html';
  ctx.body = problemPage('Something went wrong', [out.error, out.error_description].filter(Boolean).join(': '));
};

export function buildConfiguration(settings: SandboxSettings): Configuration {
  return {
    adapter: createStateAdapter(settings.state),
    clients: clients(settings),
    // The only signing key is an EC key; oidc-provider's default would be RS256.
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    // One P-256 key, kept with the state: ID tokens from before a restart of `npm run sandbox` still verify.
    jwks: { keys: [settings.state.signingKey] },
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    // Cookies are signed with the state's key. They are not marked Secure because Koa sees plain
    // http (no `proxy` trust is configured), so they work on http://127.0.0.1.
    cookies: { keys: [...settings.state.cookieKeys] },
    findAccount,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    // oidc-provider drops parameters it does not know; the consent step reads this one.
    extraParams: settings.incremental ? [INCLUDE_GRANTED_SCOPES] : [],
    pkce: { required: () => true },
    // oidc-provider drops `offline_access` unless the request also says `prompt=consent`, and a
    // desktop app needs its refresh token either way; only a person who unticks it goes without.
    issueRefreshToken: (ctx, client) => client.grantTypeAllowed('refresh_token') && !refusedOfflineAccess(ctx),
    // Tokens outlive the browser sign-in session, like a desktop app's connection does.
    expiresWithSession: () => false,
    rotateRefreshToken: true,
    routes: { token: TOKEN_PATH, introspection: INTROSPECTION_PATH },
    // Advertised as OpenID Connect Prompt Create 1.0 §4.1 defines it, so a client asks only for these.
    discovery: { prompt_values_supported: [...PROMPT_VALUES] },
    // Every artifact's lifetime is set, which also keeps oidc-provider from logging a notice
    // the first time it falls back to a default.
    ttl: {
      AccessToken: HOUR,
      AuthorizationCode: MINUTE,
      IdToken: HOUR,
      RefreshToken: 14 * DAY,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
    renderError: renderProblem,
    features: {
      devInteractions: { enabled: false },
      // Every access token is for the API resource, and oidc-provider's userinfo endpoint refuses
      // tokens with an audience; the ID token carries the profile and email claims instead.
      userinfo: { enabled: false },
      introspection: {
        enabled: true,
        allowedPolicy: (_ctx, client) => client.clientId === settings.testClient.id,
      },
      // Off, discovery has no revocation_endpoint, as with providers that only offer a console.
      revocation: {
        enabled: settings.revocation,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      resourceIndicators: resourceIndicators(settings),
      deviceFlow: {
        enabled: settings.deviceFlow,
        userCodeInputSource: async (ctx, form, _out, err) => {
          const problem = err ? (err.name === 'NoCodeError' || 'userCode' in err ? 'That code is not right. Check it and try again.' : 'That did not work. Start again from Scopekeeper.') : undefined;
          ctx.body = deviceCodeInputPage(settings.serverName, form, problem);
        },
        userCodeConfirmSource: async (ctx, form, client, _deviceInfo, userCode) => {
          ctx.body = deviceCodeConfirmPage(settings.serverName, form, client.clientName ?? client.clientId, userCode);
        },
        successSource: async (ctx) => {
          ctx.body = deviceDonePage(settings.serverName);
        },
      },
    },
  };
}
