import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../../shared/catalog';
import { providerFailure } from './errors';
import { slack } from './slack';
import { callback, documentedFetch, form, json, staticConfig } from '../../../testing/providerWire';

const info = getProvider('slack')!;
const client = { clientId: '2141029472.691202649728', source: 'built-in' as const };
const ACCESS = 'POST https://slack.com/api/oauth.v2.access';

/** docs.slack.dev/reference/methods/oauth.v2.access, a user-only install with token rotation. */
const userInstall = {
  ok: true,
  app_id: 'A0KRD7HC3',
  authed_user: { id: 'U1234', scope: 'channels:history,chat:write', access_token: 'xoxe.xoxp-1-user', token_type: 'user', refresh_token: 'xoxe-1-r', expires_in: 43200 },
  team: { id: 'T9TK3CUKW', name: 'Slack Softball Team' },
  enterprise: null,
  is_enterprise_install: false,
};

describe('slack protocol', () => {
  it('reads the user token under authed_user (no top-level access_token) and its comma-separated scope', async () => {
    const { fetch } = documentedFetch({ [ACCESS]: () => json(userInstall) });
    const config = staticConfig(slack, info, client, fetch);
    const response = await oidc.authorizationCodeGrant(config, callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });
    expect(response.access_token).toBe('xoxe.xoxp-1-user');
    expect(response.refresh_token).toBe('xoxe-1-r');
    expect(response.expires_in).toBe(43200);
    expect(slack.grantedScope(response)).toBe('channels:history,chat:write');
  });

  it('keeps Slack’s own error from an HTTP 200 {ok:false} answer, with what to do', async () => {
    const { fetch } = documentedFetch({ [ACCESS]: () => json({ ok: false, error: 'invalid_code' }) });
    const config = staticConfig(slack, info, client, fetch);
    const failure = await oidc
      .authorizationCodeGrant(config, callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) })
      .catch((error: unknown) => providerFailure(error, 'code exchange', slack, info));
    expect(failure).toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'invalid_code' } });
    expect((failure as Error).message).toContain('Slack answered the code exchange with “invalid_code”');
    expect((failure as Error).message).toContain('connect again');
  });

  it('is a public PKCE client without a secret, and uses HTTP Basic with one', async () => {
    const { fetch, sent } = documentedFetch({ [ACCESS]: () => json(userInstall) });
    await oidc.authorizationCodeGrant(staticConfig(slack, info, client, fetch), callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });
    expect(form(sent[0]!.body).get('client_id')).toBe(client.clientId);
    expect(form(sent[0]!.body).has('client_secret')).toBe(false);
    await oidc.authorizationCodeGrant(staticConfig(slack, info, { ...client, clientSecret: 'shh' }, fetch), callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });
    expect(sent[1]!.headers.get('authorization')).toMatch(/^Basic /);
  });

  it('names the account from auth.test: user in team, subject team:user', async () => {
    const { fetch, sent } = documentedFetch({
      [ACCESS]: () => json(userInstall),
      'POST https://slack.com/api/auth.test': () => json({ ok: true, url: 'https://subarachnoid.slack.com/', team: 'Subarachnoid Workspace', user: 'grace', team_id: 'T12345678', user_id: 'W12345678' }),
    });
    const config = staticConfig(slack, info, client, fetch);
    const response = await oidc.authorizationCodeGrant(config, callback('c', 's'), { expectedState: 's', pkceCodeVerifier: 'v'.repeat(43) });
    const account = await slack.account(response, config, { info, client, fetch });
    expect(account).toEqual({ subject: 'T12345678:W12345678', label: 'grace (Subarachnoid Workspace)' });
    expect(sent[1]!.headers.get('authorization')).toBe('Bearer xoxe.xoxp-1-user');
  });

  it('counts auth.revoke as done only when Slack says ok:true, revoked:true', async () => {
    const revokeWith = (answer: unknown) => {
      const { fetch } = documentedFetch({ 'POST https://slack.com/api/auth.revoke': () => json(answer) });
      return slack.revoke(staticConfig(slack, info, client, fetch), { accessToken: 'xoxp-1' }, { info, client, fetch });
    };
    await expect(revokeWith({ ok: true, revoked: true })).resolves.toEqual({ kind: 'done' });
    await expect(revokeWith({ ok: false, error: 'invalid_auth' })).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'invalid_auth' } });
    await expect(revokeWith({ ok: true, revoked: false })).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'not_revoked' } });
  });
});
