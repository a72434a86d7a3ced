import { generic, withPrompt } from './generic';
import type { ProviderProtocol } from './types';

/** The tenant segment of the catalog's endpoints: common, organizations, consumers or a tenant id. */
export function microsoftTenant(authorizationEndpoint: string): string {
  return new URL(authorizationEndpoint).pathname.split('/')[1] || 'common';
}

/** AADSTS codes that mean an administrator must approve the app for the person's organisation. */
const ADMIN_APPROVAL = new Set(['65001', '90094', '90008', '900941']);

function aadCode(description: string | undefined): string | undefined {
  return description?.match(/AADSTS(\d+)/)?.[1];
}

/**
 * Microsoft identity platform v2: discovery at `login.microsoftonline.com/{tenant}/v2.0`, whose
 * `common`/`organizations`/`consumers` documents publish the templated issuer
 * `https://login.microsoftonline.com/{tenantid}/v2.0`. openid-client resolves the template from the
 * ID token's `tid` itself, but only at that real origin, which is why the catalog URL is used as is.
 * Desktop clients are public (no secret, PKCE); the token's `scope` never lists `offline_access`;
 * account chooser `prompt=select_account` (documented; the metadata lists no prompt values); no
 * revocation endpoint, so tokens a newer sign-in replaced are left to expire.
 * @see https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
 * @see https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 */
export const microsoft: ProviderProtocol = {
  ...generic,
  id: 'microsoft',
  discoveryUrl: (info) => `https://login.microsoftonline.com/${microsoftTenant(info.endpoints.authorization)}/v2.0`,
  // The authorization response carries no `iss`, and the template is no issuer to compare with.
  callbackIssuer: () => undefined,
  authorizationParams: (info, { selectAccount }) => withPrompt(info, selectAccount ? 'select_account' : undefined),
  revokeReplaced: async () => 'kept',
  advice: (error, description, info) => {
    const code = aadCode(description);
    if (code && ADMIN_APPROVAL.has(code)) {
      return `Your organization needs admin approval for Scopekeeper at ${info.name} (AADSTS${code}): ask your administrator to grant consent, or use a personal account.`;
    }
    switch (code) {
      case '700016':
        return 'Microsoft does not know this client ID in your directory: check the Microsoft client in Settings.';
      case '50011':
        // Scopekeeper sends http://127.0.0.1:{port}/callback; Microsoft matches a loopback redirect URI without its port.
        // @see https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
        return 'Microsoft refused the sign-in address: register http://127.0.0.1/callback (any port) as a “Mobile and desktop applications” redirect URI of the app.';
      case '700025':
        return 'This Microsoft app is registered as public: remove the client secret from its settings in Scopekeeper.';
      case '70008':
        return 'Microsoft no longer accepts this sign-in (it expired): connect again.';
      case '50020':
        return 'This account does not belong to the app’s organization: use an account of that organization.';
      default:
        return error === 'invalid_grant' ? 'Microsoft no longer accepts this sign-in: connect again.' : undefined;
    }
  },
};
