import * as oidc from 'openid-client';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../../shared/catalog';
import { effectiveGranted } from '../../../../shared/scopes/format';
import { providerFailure } from './errors';
import { microsoft } from './microsoft';
import { callback, documentedFetch, form, json } from '../../../testing/providerWire';

const info = getProvider('microsoft')!;
const client = { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e', source: 'built-in' as const };
const LOGIN = 'https://login.microsoftonline.com';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] };

/** learn.microsoft.com/entra/identity-platform/v2-protocols-oidc: the `common` document, issuer templated. */
const commonDocument = {
  issuer: `${LOGIN}/{tenantid}/v2.0`,
  authorization_endpoint: `${LOGIN}/common/oauth2/v2.0/authorize`,
  token_endpoint: `${LOGIN}/common/oauth2/v2.0/token`,
  jwks_uri: `${LOGIN}/common/discovery/v2.0/keys`,
  userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
  token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
  subject_types_supported: ['pairwise'],
  id_token_signing_alg_values_supported: ['RS256'],
};

async function tokenAnswer(scope: string) {
  const idToken = await new SignJWT({ ver: '2.0', iss: `${LOGIN}/${TENANT}/v2.0`, aud: client.clientId, tid: TENANT, sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', preferred_username: 'alex@contoso.example' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  return json({ token_type: 'Bearer', scope, expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ0eXAi', refresh_token: '0.AXkA', id_token: idToken });
}

async function discovered(token: () => Promise<Response> | Response) {
  const { fetch, sent } = documentedFetch({
    [`GET ${LOGIN}/common/v2.0/.well-known/openid-configuration`]: () => json(commonDocument),
    [`GET ${LOGIN}/common/discovery/v2.0/keys`]: () => json(jwks),
    [`POST ${LOGIN}/common/oauth2/v2.0/token`]: token,
  });
  const server = new URL(microsoft.discoveryUrl(info)!);
  const configuration = await oidc.discovery(server, client.clientId, undefined, microsoft.clientAuth(client, commonDocument), {
    [oidc.customFetch]: microsoft.fetch(fetch, client),
  });
  return { configuration, fetch, sent };
}
const exchange = (configuration: oidc.Configuration) =>
  oidc.authorizationCodeGrant(configuration, callback('M.R3_BAY', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });

describe('microsoft protocol', () => {
  it('discovers the common tenant at its real origin and accepts the real tenant’s issuer in the ID token', async () => {
    const { configuration, fetch } = await discovered(() => tokenAnswer('https://graph.microsoft.com/mail.read openid profile email'));
    expect(configuration.serverMetadata().issuer).toBe(`${LOGIN}/{tenantid}/v2.0`);
    const response = await exchange(configuration);
    expect(await microsoft.account(response, configuration, { info, client, fetch })).toEqual({
      subject: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      label: 'alex@contoso.example',
    });
    expect(microsoft.callbackIssuer(configuration.serverMetadata())).toBeUndefined();
  });

  it('is a public client: no secret in the exchange', async () => {
    const { configuration, sent } = await discovered(() => tokenAnswer('openid'));
    await exchange(configuration);
    const body = form(sent.at(-1)!.body);
    expect(body.get('client_id')).toBe(client.clientId);
    expect(body.has('client_secret')).toBe(false);
  });

  it('reads lower-cased qualified Graph scopes, and offline_access from the refresh token though it is never echoed', async () => {
    const { configuration } = await discovered(() => tokenAnswer('https://graph.microsoft.com/mail.read https://graph.microsoft.com/user.read openid profile email'));
    const response = await exchange(configuration);
    const asked = ['openid', 'profile', 'email', 'offline_access', 'Mail.Read'];
    expect(effectiveGranted(info, asked, microsoft.grantedScope(response), response.refresh_token !== undefined)).toEqual([
      'Mail.Read',
      'User.Read',
      'openid',
      'profile',
      'email',
      'offline_access',
    ]);
  });

  it('says an organization needs admin approval for AADSTS65001, keeping Microsoft’s own error', async () => {
    const description = "AADSTS65001: The user or administrator has not consented to use the application with ID '6731de76' named 'Scopekeeper'. Send an interactive authorization request for this user and resource.";
    const { configuration } = await discovered(() => json({ error: 'invalid_grant', error_description: description, error_codes: [65001], suberror: 'consent_required' }, 400));
    const failure = await exchange(configuration).catch((e: unknown) => providerFailure(e, 'code exchange', microsoft, info));
    expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'invalid_grant', error_description: description } });
    expect((failure as Error).message).toContain('needs admin approval');
  });

  it('for AADSTS50011 names the redirect URI to register: the loopback address Scopekeeper sends, whose port Microsoft ignores', () => {
    const advice = microsoft.advice('invalid_request', 'AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.', info);
    expect(advice).toContain('http://127.0.0.1/callback');
    expect(advice).not.toContain('localhost');
  });

  it('has no revocation endpoint: says where the person removes the app', async () => {
    const { configuration, fetch } = await discovered(() => tokenAnswer('openid'));
    const outcome = await microsoft.revoke(configuration, { accessToken: 'eyJ' }, { info, client, fetch });
    expect(outcome).toMatchObject({ kind: 'console', url: 'https://myapps.microsoft.com' });
  });
});
