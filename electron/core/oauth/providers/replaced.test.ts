import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { genericProvider, getProvider, type ProviderInfo } from '../../../../shared/catalog';
import type { OAuthClient } from '../../ports';
import { anotherAccountPrompt, generic } from './generic';
import { atlassian } from './atlassian';
import { github } from './github';
import { google } from './google';
import { microsoft } from './microsoft';
import { slack } from './slack';
import { documentedFetch, form, json, staticConfig } from '../../../testing/providerWire';
import type { ProviderProtocol } from './types';

/**
 * Tokens a newer sign-in replaced, per provider: revoked alone where the provider ends exactly the
 * token given, kept where revoking one ends the whole grant (Google) or apps have no way. And the
 * `prompt` "Add another account" sends: only what the server advertises, or what its docs name.
 */
const catalog = (id: string): ProviderInfo => getProvider(id)!;
const secretClient: OAuthClient = { clientId: 'Iv1.8a61f9b3a7aba766', clientSecret: 'ghsecret', source: 'built-in' };
const publicClient: OAuthClient = { clientId: 'public-client', source: 'own' };

function standardServer(revocation: boolean): { info: ProviderInfo; config: oidc.Configuration; sent: ReturnType<typeof documentedFetch>['sent'] } {
  const info = genericProvider({
    id: 'custom',
    name: 'Example',
    issuer: 'https://id.example.com',
    authorizationEndpoint: 'https://id.example.com/auth',
    tokenEndpoint: 'https://id.example.com/token',
    ...(revocation ? { revocationEndpoint: 'https://id.example.com/revoke' } : {}),
  });
  const { fetch, sent } = documentedFetch({ 'POST https://id.example.com/revoke': () => new Response(null, { status: 200 }) });
  const metadata: oidc.ServerMetadata = {
    issuer: 'https://id.example.com',
    authorization_endpoint: 'https://id.example.com/auth',
    token_endpoint: 'https://id.example.com/token',
    ...(revocation ? { revocation_endpoint: 'https://id.example.com/revoke' } : {}),
  };
  const config = new oidc.Configuration(metadata, publicClient.clientId, undefined, oidc.None());
  config[oidc.customFetch] = fetch;
  return { info, config, sent };
}

describe('tokens a newer sign-in replaced', () => {
  it('a standard server with an RFC 7009 endpoint revokes both replaced tokens; without one they are kept', async () => {
    const withEndpoint = standardServer(true);
    const outcome = await generic.revokeReplaced(withEndpoint.config, { accessToken: 'old-at', refreshToken: 'old-rt' }, { info: withEndpoint.info, client: publicClient, fetch });
    expect(outcome).toBe('revoked');
    expect(withEndpoint.sent.map((r) => form(r.body).get('token')).sort()).toEqual(['old-at', 'old-rt']);

    const without = standardServer(false);
    await expect(generic.revokeReplaced(without.config, { accessToken: 'old-at' }, { info: without.info, client: publicClient, fetch })).resolves.toBe('kept');
    expect(without.sent).toHaveLength(0);
  });

  it('Slack revokes the replaced token with auth.revoke, called with that token', async () => {
    const info = catalog('slack');
    const { fetch, sent } = documentedFetch({ 'POST https://slack.com/api/auth.revoke': () => json({ ok: true, revoked: true }) });
    const config = staticConfig(slack, info, publicClient, fetch);
    await expect(slack.revokeReplaced(config, { accessToken: 'xoxe.xoxp-1-old', refreshToken: 'xoxe-1-old' }, { info, client: publicClient, fetch })).resolves.toBe('revoked');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer xoxe.xoxp-1-old');
  });

  it('Slack’s ok:false means nothing was revoked: an error, never “revoked”', async () => {
    const info = catalog('slack');
    const { fetch } = documentedFetch({ 'POST https://slack.com/api/auth.revoke': () => json({ ok: false, error: 'invalid_auth' }) });
    const config = staticConfig(slack, info, publicClient, fetch);
    await expect(slack.revokeReplaced(config, { accessToken: 'xoxp-old' }, { info, client: publicClient, fetch })).rejects.toMatchObject({ details: { error: 'invalid_auth' } });
  });

  it('GitHub revokes only that token (DELETE /applications/{client_id}/token, Basic auth), never the whole authorization', async () => {
    const info = catalog('github');
    const { fetch, sent } = documentedFetch({ 'DELETE https://api.github.com/applications/Iv1.8a61f9b3a7aba766/token': () => new Response(null, { status: 204 }) });
    const config = staticConfig(github, info, secretClient, fetch);
    await expect(github.revokeReplaced(config, { accessToken: 'gho_old' }, { info, client: secretClient, fetch })).resolves.toBe('revoked');
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE https://api.github.com/applications/Iv1.8a61f9b3a7aba766/token']);
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('Iv1.8a61f9b3a7aba766:ghsecret').toString('base64')}`);
    expect(JSON.parse(sent[0]!.body)).toEqual({ access_token: 'gho_old' });
  });

  it('GitHub without a client secret keeps it (its API needs the secret), and a refused call is an error', async () => {
    const info = catalog('github');
    const none = documentedFetch({});
    await expect(github.revokeReplaced(staticConfig(github, info, publicClient, none.fetch), { accessToken: 'gho_old' }, { info, client: publicClient, fetch: none.fetch })).resolves.toBe('kept');
    expect(none.sent).toHaveLength(0);
    const refused = documentedFetch({ 'DELETE https://api.github.com/applications/Iv1.8a61f9b3a7aba766/token': () => json({ message: 'Validation Failed' }, 422) });
    await expect(
      github.revokeReplaced(staticConfig(github, info, secretClient, refused.fetch), { accessToken: 'gho_old' }, { info, client: secretClient, fetch: refused.fetch }),
    ).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { status: 422 } });
  });

  it.each<[string, ProviderProtocol]>([
    ['google', google],
    ['microsoft', microsoft],
    ['atlassian', atlassian],
  ])('%s keeps replaced tokens and sends nothing (revoking would end the new grant, or there is no way)', async (id, protocol) => {
    const info = catalog(id);
    const { fetch, sent } = documentedFetch({});
    const config = staticConfig(protocol, info, secretClient, fetch);
    await expect(protocol.revokeReplaced(config, { accessToken: 'old', refreshToken: 'old-r' }, { info, client: secretClient, fetch })).resolves.toBe('kept');
    expect(sent).toHaveLength(0);
  });
});

describe('the prompt of “Add another account”', () => {
  it('prefers select_account, else login, among the values a server advertises; none when it lists neither or nothing', () => {
    expect(anotherAccountPrompt(['none', 'login', 'consent', 'select_account'])).toBe('select_account');
    expect(anotherAccountPrompt(['none', 'login', 'consent'])).toBe('login');
    expect(anotherAccountPrompt(['none', 'consent'])).toBeUndefined();
    expect(anotherAccountPrompt(undefined)).toBeUndefined();
  });

  it('a standard server (the Sandbox) gets an advertised value added to its consent prompt, never one it does not list', () => {
    // Added servers and the Sandbox are asked with prompt=consent (their catalog entries).
    const sandboxLike = standardServer(true).info;
    expect(generic.authorizationParams(sandboxLike, { selectAccount: true, promptValues: ['none', 'login', 'consent'] })).toEqual({ prompt: 'consent login' });
    expect(generic.authorizationParams(sandboxLike, { selectAccount: true })).toEqual({ prompt: 'consent' });
    expect(generic.authorizationParams(sandboxLike, { selectAccount: false, promptValues: ['select_account'] })).toEqual({ prompt: 'consent' });
  });

  it('Google and Microsoft use the account chooser their docs name; their metadata lists no prompt values', () => {
    expect(google.authorizationParams(catalog('google'), { selectAccount: true })).toMatchObject({ prompt: 'consent select_account' });
    expect(microsoft.authorizationParams(catalog('microsoft'), { selectAccount: true })).toEqual({ prompt: 'select_account' });
    expect(microsoft.authorizationParams(catalog('microsoft'), { selectAccount: false })).toEqual({});
  });
});
