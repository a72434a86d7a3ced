import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../../shared/catalog';
import { effectiveGranted } from '../../../../shared/scopes/format';
import { providerFailure } from './errors';
import { github } from './github';
import { callback, documentedFetch, form, json, staticConfig } from '../../../testing/providerWire';

const info = getProvider('github')!;
const client = { clientId: 'Iv1.8a61f9b3a7aba766', clientSecret: 'ghsecret', source: 'built-in' as const };
const TOKEN = 'POST https://github.com/login/oauth/access_token';
const exchange = (config: oidc.Configuration) =>
  oidc.authorizationCodeGrant(config, callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });

describe('github protocol', () => {
  it('asks for JSON, sends the client secret with the code, and reads a comma-separated scope', async () => {
    const { fetch, sent } = documentedFetch({ [TOKEN]: () => json({ access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', scope: 'repo,gist', token_type: 'bearer' }) });
    const response = await exchange(staticConfig(github, info, client, fetch));
    expect(sent[0]!.headers.get('accept')).toBe('application/json');
    expect(form(sent[0]!.body).get('client_secret')).toBe('ghsecret');
    expect(effectiveGranted(info, ['repo', 'gist', 'read:org'], github.grantedScope(response), false)).toEqual(['repo', 'gist']);
  });

  it('reads a form-encoded answer too (GitHub’s default without Accept: application/json)', async () => {
    const { fetch } = documentedFetch({
      [TOKEN]: () => new Response('access_token=gho_16C7e42F&scope=repo%2Cgist&token_type=bearer', { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }),
    });
    const response = await exchange(staticConfig(github, info, client, fetch));
    expect(response.access_token).toBe('gho_16C7e42F');
    expect(github.grantedScope(response)).toBe('repo,gist');
  });

  it('reads an EMPTY scope as nothing granted, not as everything asked', async () => {
    const { fetch } = documentedFetch({ [TOKEN]: () => json({ access_token: 'gho_x', scope: '', token_type: 'bearer' }) });
    const response = await exchange(staticConfig(github, info, client, fetch));
    expect(effectiveGranted(info, ['repo', 'read:org'], github.grantedScope(response), false)).toEqual([]);
  });

  it.each([
    ['bad_verification_code', 'The code passed is incorrect or expired.', 'connect again'],
    ['incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.', 'check the GitHub client'],
    ['redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.', 'callback URL'],
  ])('keeps %s from an HTTP 200 error answer, with what to do', async (error, description, advice) => {
    const { fetch } = documentedFetch({ [TOKEN]: () => json({ error, error_description: description, error_uri: 'https://docs.github.com/…' }) });
    const failure = await exchange(staticConfig(github, info, client, fetch)).catch((e: unknown) => providerFailure(e, 'code exchange', github, info));
    expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', details: { error, error_description: description } });
    expect((failure as Error).message).toContain(`GitHub answered the code exchange with “${error}”`);
    expect((failure as Error).message).toContain(advice);
  });

  it('names the account from GET /user (login, numeric id), without OpenID', async () => {
    const { fetch } = documentedFetch({
      [TOKEN]: () => json({ access_token: 'gho_x', scope: 'repo', token_type: 'bearer' }),
      'GET https://api.github.com/user': () => json({ login: 'octocat', id: 1, type: 'User' }),
    });
    const config = staticConfig(github, info, client, fetch);
    expect(await github.account(await exchange(config), config, { info, client, fetch })).toEqual({ subject: '1', label: 'octocat' });
  });

  it('revokes through DELETE /applications/{client_id}/grant with Basic auth when it has a secret', async () => {
    const { fetch, sent } = documentedFetch({ 'DELETE https://api.github.com/applications/Iv1.8a61f9b3a7aba766/grant': () => new Response(null, { status: 204 }) });
    const config = staticConfig(github, info, client, fetch);
    await expect(github.revoke(config, { accessToken: 'gho_x' }, { info, client, fetch })).resolves.toEqual({ kind: 'done' });
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('Iv1.8a61f9b3a7aba766:ghsecret').toString('base64')}`);
    expect(JSON.parse(sent[0]!.body)).toEqual({ access_token: 'gho_x' });
    expect(github.adjust(info, client).revokeAll).toBe('provider-api');
  });

  it('says plainly that only the person can revoke when the client has no secret', async () => {
    const publicClient = { clientId: 'Iv1.public', source: 'own' as const };
    const { fetch, sent } = documentedFetch({});
    const outcome = await github.revoke(staticConfig(github, info, publicClient, fetch), { accessToken: 'gho_x' }, { info, client: publicClient, fetch });
    expect(outcome).toMatchObject({ kind: 'console', url: 'https://github.com/settings/applications' });
    expect(sent).toHaveLength(0);
    expect(github.adjust(info, publicClient).revokeAll).toBe('console-only');
  });

  it('refuses to call a failed grant deletion a success', async () => {
    const { fetch } = documentedFetch({ 'DELETE https://api.github.com/applications/Iv1.8a61f9b3a7aba766/grant': () => json({ message: 'Validation Failed' }, 422) });
    await expect(github.revoke(staticConfig(github, info, client, fetch), { accessToken: 'gho_x' }, { info, client, fetch })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { error: 'Validation Failed', status: 422 },
    });
  });
});
