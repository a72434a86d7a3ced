import * as oidc from 'openid-client';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../../shared/catalog';
import { effectiveGranted } from '../../../../shared/scopes/format';
import { providerFailure } from './errors';
import type { OAuthClient } from '../../ports';
import { google } from './google';
import { callback, documentedFetch, form, json, type Answer } from '../../../testing/providerWire';

const info = getProvider('google')!;
const client: OAuthClient = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-desktop', source: 'built-in' };
const TOKEN = 'POST https://oauth2.googleapis.com/token';
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };

function idToken(iss: string, key = privateKey): Promise<string> {
  return new SignJWT({ iss, azp: client.clientId, aud: client.clientId, sub: '110169484474386276334', email: 'alex@example.com', email_verified: true })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

/** Google's issuer and endpoints as its discovery document lists them. */
function config(tokenAnswer: Answer, withClient = client) {
  const { fetch, sent } = documentedFetch({ [TOKEN]: tokenAnswer, 'GET https://www.googleapis.com/oauth2/v3/certs': () => json(jwks) });
  const metadata = {
    issuer: 'https://accounts.google.com',
    authorization_endpoint: info.endpoints.authorization,
    token_endpoint: info.endpoints.token,
    revocation_endpoint: info.endpoints.revocation!,
    jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  };
  const configuration = new oidc.Configuration(metadata, withClient.clientId, undefined, google.clientAuth(withClient, metadata));
  configuration[oidc.customFetch] = google.fetch(fetch, withClient);
  return { configuration, fetch, sent };
}
const exchange = (configuration: oidc.Configuration) =>
  oidc.authorizationCodeGrant(configuration, callback('4/0AX4', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });
const granted = async (iss: string) =>
  json({ access_token: 'ya29.a0', expires_in: 3599, scope: 'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/gmail.readonly', token_type: 'Bearer', id_token: await idToken(iss) });

describe('google protocol', () => {
  it('sends the desktop client’s secret in the body with the code', async () => {
    const { configuration, sent } = config(() => granted('https://accounts.google.com'));
    await exchange(configuration);
    expect(form(sent[0]!.body).get('client_secret')).toBe('GOCSPX-desktop');
    expect(sent[0]!.headers.get('authorization')).toBeNull();
  });

  it('without a secret, keeps Google’s “client_secret is missing.” and says to add the secret', async () => {
    const noSecret = { clientId: client.clientId, source: 'own' as const };
    const { configuration } = config(() => json({ error: 'invalid_request', error_description: 'client_secret is missing.' }, 400), noSecret);
    const failure = await exchange(configuration).catch((e: unknown) => providerFailure(e, 'code exchange', google, info));
    expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'invalid_request', error_description: 'client_secret is missing.' } });
    expect((failure as Error).message).toContain('must send their client secret');
  });

  it.each(['https://accounts.google.com', 'accounts.google.com'])('accepts an ID token whose iss is %s', async (iss) => {
    const { configuration, fetch } = config(() => granted(iss));
    const response = await exchange(configuration);
    expect(await google.account(response, configuration, { info, client, fetch })).toEqual({ subject: '110169484474386276334', label: 'alex@example.com' });
    // The ID token is kept either way: the intake check requires one whenever openid was asked.
    expect(google.idToken(response)).toMatch(/^ey/);
  });

  it('still refuses a bare-issuer ID token that Google did not sign', async () => {
    const { privateKey: other } = await generateKeyPair('RS256');
    const forged = await idToken('accounts.google.com', other);
    const { configuration } = config(() => json({ access_token: 'ya29', expires_in: 3599, scope: 'openid', token_type: 'Bearer', id_token: forged }));
    const failure = await exchange(configuration).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure.cause as Error | undefined)?.message)).toMatch(/signature verification failed/);
  });

  it('reads userinfo.email as the email scope it was asked as', async () => {
    const { configuration } = config(() => granted('https://accounts.google.com'));
    const response = await exchange(configuration);
    const asked = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.send'];
    expect(effectiveGranted(info, asked, google.grantedScope(response), false)).toEqual(['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly']);
  });

  it('revokes at oauth2.googleapis.com/revoke, and counts Google’s invalid_token (already gone) as done', async () => {
    const { fetch, sent } = documentedFetch({
      'POST https://oauth2.googleapis.com/revoke': (request) =>
        form(request.body).get('token') === '1//refresh' ? json({}) : json({ error: 'invalid_token', error_description: 'Token expired or revoked' }, 400),
    });
    const metadata = { issuer: 'https://accounts.google.com', token_endpoint: info.endpoints.token, revocation_endpoint: info.endpoints.revocation! };
    const configuration = new oidc.Configuration(metadata, client.clientId, undefined, google.clientAuth(client, metadata));
    configuration[oidc.customFetch] = google.fetch(fetch, client);
    await expect(google.revoke(configuration, { accessToken: 'ya29', refreshToken: '1//refresh' }, { info, client, fetch })).resolves.toEqual({ kind: 'done' });
    await expect(google.revoke(configuration, { accessToken: 'gone' }, { info, client, fetch })).resolves.toEqual({ kind: 'done' });
    expect(sent.map((r) => form(r.body).get('token'))).toEqual(['1//refresh', 'ya29', 'gone']);
  });
});

describe('Google: just this session', () => {
  it('asks access_type=online (no refresh token) instead of the catalog’s offline, and keeps the rest', () => {
    expect(google.authorizationParams(info, { selectAccount: false })).toEqual({ access_type: 'offline', prompt: 'consent' });
    expect(google.authorizationParams(info, { selectAccount: false, sessionOnly: true })).toEqual({ access_type: 'online', prompt: 'consent' });
    expect(google.authorizationParams(info, { selectAccount: true, sessionOnly: true })).toMatchObject({ access_type: 'online', prompt: 'consent select_account' });
  });
});
