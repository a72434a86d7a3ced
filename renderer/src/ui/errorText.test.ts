import { describe, expect, it } from 'vitest';
import { CHANGE_REFUSAL_REASONS, ERROR_CODES } from '../../../shared/ipc/errors';
import type { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { errorText } from './errorText';

const error = (code: ErrorCode, details?: Record<string, unknown>): AppError =>
  details === undefined ? { code, message: `internal message for ${code}` } : { code, message: 'x', details };

describe('errorText', () => {
  it.each(ERROR_CODES)('%s: a sentence of its own that hides the internal message', (code) => {
    const text = errorText(error(code), { providerName: 'Sandbox' });
    expect(text).toMatch(/^[A-Z].*\.$/);
    expect(text).not.toContain('internal message');
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('null');
  });

  it('gives every code a different sentence', () => {
    const texts = new Set(ERROR_CODES.map((code) => errorText(error(code))));
    expect(texts.size).toBe(ERROR_CODES.length);
  });

  it.each([
    ['AUTH_STATE_MISMATCH', /did not belong to the sign-in Scopekeeper started.*Connect again/],
    ['AUTH_TIMEOUT', /Signing in to Sandbox took too long.*Connect again/],
    ['AUTH_DENIED', /^You declined access on Sandbox's sign-in page, so nothing was connected\. Connect again if that was a mistake\.$/],
    ['AUTH_CANCELLED', /^Sign-in cancelled\. Nothing was connected\.$/],
    ['AUTH_FLOW_IN_PROGRESS', /Another sign-in is still waiting.*Finish it there or cancel it/],
    ['PROVIDER_ERROR', /^Sandbox returned an error, so nothing was changed\. Try again/],
    ['PROVIDER_UNREACHABLE', /^The Sandbox is not running: start it with npm run sandbox/],
    ['PROVIDER_UNKNOWN', /does not know this provider.*Providers list/],
    ['DEVICE_FLOW_UNSUPPORTED', /^Sandbox does not offer connecting with a code.*through your browser instead\.$/],
    ['REDIRECT_PORT_IN_USE', /Another program is using port on this computer.*Settings → Providers and clients/],
    ['VAULT_LOCKED', /secure storage.*restart Scopekeeper/],
    ['VAULT_CORRUPT', /damaged.*Restart Scopekeeper/],
    ['CONNECTION_NOT_FOUND', /no longer saved on this computer/],
    ['INVALID_REQUEST', /bug in Scopekeeper/],
    ['FORBIDDEN_SENDER', /not allowed to manage your connections/],
    ['INTERNAL', /went wrong inside Scopekeeper.*restart Scopekeeper/],
  ] satisfies [ErrorCode, RegExp][])('%s says what happened and what to do', (code, expected) => {
    expect(errorText(error(code), { providerName: 'Sandbox' })).toMatch(expected);
  });

  it('PROVIDER_UNKNOWN for a provider without a client leads to Settings → Providers and clients', () => {
    expect(errorText(error('PROVIDER_UNKNOWN', { reason: 'no-client' }), { providerName: 'Slack' })).toBe(
      'This build of Scopekeeper has no OAuth client for Slack, so nothing was connected. Use your own OAuth app: Settings → Providers and clients.',
    );
  });

  it('REDIRECT_PORT_IN_USE names the port', () => {
    expect(errorText(error('REDIRECT_PORT_IN_USE', { port: 47123 }), { providerName: 'Atlassian' })).toMatch(/using port 47123 on this computer.*with Atlassian/);
  });

  it('AUTH_DENIED uses the word "declined"', () => {
    expect(errorText(error('AUTH_DENIED'))).toContain('declined');
  });

  it('falls back to "the provider" when the name is unknown', () => {
    expect(errorText(error('AUTH_DENIED'))).toBe(
      "You declined access on the provider's sign-in page, so nothing was connected. Connect again if that was a mistake.",
    );
    expect(errorText(error('PROVIDER_ERROR'))).toMatch(/^The provider returned an error/);
  });

  it('takes the provider name from details when the caller does not know it', () => {
    expect(errorText(error('PROVIDER_UNREACHABLE', { providerName: 'GitHub' }))).toContain('could not reach GitHub');
  });

  it("PROVIDER_ERROR keeps the provider's error and error_description intact", () => {
    const text = errorText(
      error('PROVIDER_ERROR', { error: 'invalid_client', error_description: 'Client authentication failed.' }),
      { providerName: 'Sandbox' },
    );
    expect(text).toBe(
      'Sandbox returned an error, so nothing was changed. It said: invalid_client (Client authentication failed.). ' +
        "Try again; if it keeps happening, check this app's settings at Sandbox.",
    );
  });

  it('PROVIDER_ERROR advises checking the app’s settings only where they can help', () => {
    const said = (code: string, description?: string) =>
      errorText(error('PROVIDER_ERROR', { error: code, ...(description ? { error_description: description } : {}) }), { providerName: 'Sandbox' });
    const prompt = said('invalid_request', 'unsupported prompt value requested');
    expect(prompt).toBe(
      'Sandbox returned an error, so nothing was changed. It said: invalid_request (unsupported prompt value requested). ' +
        'Sandbox refused how Scopekeeper asked, which nothing in your settings can change: try again, and if it keeps happening, connect with a code where Sandbox offers it.',
    );
    expect(said('invalid_scope')).toContain('asked for a permission Sandbox does not know: untick or remove added scopes, then try again.');
    expect(said('temporarily_unavailable')).toContain('Sandbox is busy or having trouble: try again in a moment.');
    expect(said('server_error')).toContain('try again in a moment');
    for (const code of ['invalid_request', 'invalid_scope', 'server_error', 'temporarily_unavailable', 'unsupported_response_type']) {
      expect(said(code)).not.toContain('settings at');
    }
    expect(said('unauthorized_client')).toContain("check this app's settings at Sandbox");
  });

  it('PROVIDER_ERROR with only one of error / error_description', () => {
    expect(errorText(error('PROVIDER_ERROR', { error: 'server_error' }))).toContain('It said: server_error.');
    expect(errorText(error('PROVIDER_ERROR', { error_description: 'Try later' }))).toContain('It said: Try later.');
    expect(errorText(error('PROVIDER_ERROR', { error: 42 }))).not.toContain('It said');
  });

  it('shortens a very long provider description', () => {
    const text = errorText(error('PROVIDER_ERROR', { error: 'x', error_description: 'a'.repeat(1000) }));
    expect(text).toContain(`${'a'.repeat(300)}…`);
    expect(text).not.toContain('a'.repeat(301));
  });
});

describe('errorText while changing scopes', () => {
  const change = { providerName: 'Sandbox', during: 'change' as const };

  it('a refused change says why, and that nothing changed', () => {
    expect(errorText(error('CHANGE_REFUSED', { reason: 'nothing-to-change' }), change)).toMatch(/^There is nothing to change/);
    expect(errorText(error('CHANGE_REFUSED', { reason: 'one-at-a-time', providerName: 'Microsoft' }), change)).toMatch(
      /^Microsoft cannot add and remove permissions in one step, so nothing was changed\./,
    );
    expect(errorText(error('CHANGE_REFUSED', { reason: 'disconnected' }), change)).toMatch(/Reconnect it first/);
    expect(errorText(error('CHANGE_REFUSED', { reason: 'action-unchanged', action: 'Sign you in', enable: false }), change)).toMatch(
      /^“Sign you in” uses only permissions/,
    );
    expect(errorText(error('PLAN_STALE'), change)).toMatch(/out of date.*nothing was changed/);
  });

  it('a sandbox address fixed by the environment cannot be changed here', () => {
    expect(errorText(error('CHANGE_REFUSED', { reason: 'sandbox-from-environment' }), { providerName: 'Sandbox', during: 'sandbox' })).toBe(
      'The sandbox address is set for this run by the environment Scopekeeper was started in (for example by npm start), so it cannot be changed here; nothing was changed.',
    );
    expect(errorText(error('CHANGE_REFUSED', { reason: 'sandbox-from-environment' }))).toMatch(/^The sandbox address is set for this run/);
  });

  it('names the identity scopes that cannot be taken back on their own', () => {
    expect(errorText(error('CHANGE_REFUSED', { reason: 'identity-scope', scopes: ['openid'] }), change)).toBe(
      'openid keeps you signed in, so it cannot be taken back on its own and nothing was changed. To end the whole connection, use Remove connection.',
    );
    expect(errorText(error('CHANGE_REFUSED', { reason: 'identity-scope', scopes: ['openid', 'profile'] }), change)).toMatch(
      /^openid, profile keep you signed in, so they cannot be taken back on their own/,
    );
  });

  it('a declined or timed-out sign-in step says the change did not finish', () => {
    expect(errorText(error('AUTH_DENIED'), change)).toBe(
      "You declined access on Sandbox's sign-in page, so the change did not finish. The connection shows where it stands now.",
    );
    expect(errorText(error('AUTH_TIMEOUT'), change)).toMatch(/^Signing in to Sandbox took too long.*the change did not finish/);
  });

  it('an unreachable server during a change says nothing was changed', () => {
    expect(errorText(error('PROVIDER_UNREACHABLE'), change)).toMatch(/^The Sandbox is not running.*\(nothing was changed\)\.$/);
  });
});

describe('errorText names the real cause of an unreachable server', () => {
  it('a stopped Sandbox on this computer: start it with npm run sandbox, never the internet connection', () => {
    const text = errorText(error('PROVIDER_UNREACHABLE', { issuer: 'http://127.0.0.1:4890', cause: 'not-listening' }), { providerName: 'Sandbox' });
    expect(text).toBe('The Sandbox at http://127.0.0.1:4890 is not running: start it with npm run sandbox, then try again (nothing was connected).');
  });

  it('a server on this computer that is not running: never the internet connection', () => {
    const text = errorText(error('PROVIDER_UNREACHABLE', { issuer: 'http://localhost:9000/auth', cause: 'not-listening' }), { providerName: 'Acme' });
    expect(text).toBe('Nothing is running at http://localhost:9000/auth on this computer, so nothing was connected. Start the server or check the address, then try again.');
    expect(text).not.toContain('internet');
  });

  it('a server that answered without metadata: names the address it looked at', () => {
    const text = errorText(
      error('PROVIDER_UNREACHABLE', {
        issuer: 'http://127.0.0.1:4890/wrong',
        cause: 'no-metadata',
        metadataUrl: 'http://127.0.0.1:4890/wrong/.well-known/openid-configuration',
      }),
      { providerName: 'Acme', during: 'add-server' },
    );
    expect(text).toBe(
      'http://127.0.0.1:4890/wrong answered, but it is not an OpenID or OAuth server (no metadata at http://127.0.0.1:4890/wrong/.well-known/openid-configuration), so nothing was added. Check the issuer URL.',
    );
  });

  it('a server elsewhere that cannot be reached: the internet connection is a fair guess', () => {
    const text = errorText(error('PROVIDER_UNREACHABLE', { issuer: 'https://login.example.com', cause: 'unreachable' }), { providerName: 'Acme' });
    expect(text).toBe('Scopekeeper could not reach login.example.com, so nothing was connected. Check your internet connection and try again.');
    expect(errorText(error('PROVIDER_UNREACHABLE', { issuer: 'https://login.example.com', cause: 'timeout' }), { providerName: 'Acme' })).toMatch(
      /^login\.example\.com did not answer in time/,
    );
  });

  it('a plain-http issuer elsewhere is the person’s input, not a bug', () => {
    const text = errorText(error('INVALID_REQUEST', { reason: 'insecure-issuer' }), { providerName: 'Acme', during: 'add-server' });
    expect(text).toBe('Scopekeeper only accepts https issuers, or http on this computer (127.0.0.1 or localhost), so nothing was added. Check the issuer URL.');
    expect(errorText(error('INVALID_REQUEST'), { during: 'add-server' })).not.toMatch(/bug/);
  });
});

describe('errorText while setting the sandbox address', () => {
  const sandbox = { providerName: 'Sandbox', during: 'sandbox' as const };

  it('an unreachable sandbox points at npm run sandbox, not the internet connection', () => {
    const text = errorText(error('PROVIDER_UNREACHABLE'), sandbox);
    expect(text).toBe('The Sandbox is not running: start it with npm run sandbox, then try again (nothing was changed).');
    expect(text).not.toContain('internet');
  });

  it('an address not on this computer says what the address looks like', () => {
    expect(errorText(error('INVALID_REQUEST'), sandbox)).toMatch(/^The sandbox runs on this computer.*http:\/\/127\.0\.0\.1:4890.*nothing was changed\.$/);
  });

  it('other codes read as they always do', () => {
    for (const code of ['VAULT_LOCKED', 'INTERNAL', 'PROVIDER_ERROR'] as const) {
      expect(errorText(error(code), sandbox)).toBe(errorText(error(code), { providerName: 'Sandbox' }));
    }
  });
});

describe('errorText for a provider’s own error', () => {
  it('names the provider’s error and says what to do, from the protocol module’s advice', () => {
    const text = errorText(
      error('PROVIDER_ERROR', {
        error: 'invalid_grant',
        error_description: 'AADSTS65001: The user or administrator has not consented to use the application.',
        advice: 'Your organization needs admin approval for Scopekeeper at Microsoft (AADSTS65001): ask your administrator to grant consent, or use a personal account.',
      }),
      { providerName: 'Microsoft' },
    );
    expect(text).toContain('It said: invalid_grant (AADSTS65001');
    expect(text).toContain('needs admin approval');
    expect(text).not.toContain('Try again');
  });
});

describe('errorText for a server whose discovery failed with its own answer', () => {
  it('names what the server answered instead of calling it a server without metadata', () => {
    const text = errorText(
      error('PROVIDER_UNREACHABLE', {
        issuer: 'https://login.acme.example',
        cause: 'no-metadata',
        status: 500,
        error_description: 'HTTP 500 Internal Server Error at https://login.acme.example/.well-known/openid-configuration',
      }),
      { providerName: 'Acme', during: 'add-server' },
    );
    expect(text).toContain('HTTP 500 Internal Server Error at https://login.acme.example/.well-known/openid-configuration');
    expect(text).not.toContain('not an OpenID or OAuth server');
  });
});

describe('errorText for an endpoint typed in over plain http', () => {
  it('names the field and says it is the person’s input', () => {
    const text = errorText(error('INVALID_REQUEST', { reason: 'insecure-url', field: 'token endpoint' }), { providerName: 'Legacy', during: 'add-server' });
    expect(text).toBe('Scopekeeper only accepts https addresses, or http on this computer (127.0.0.1 or localhost), so nothing was saved. Check the token endpoint.');
  });
});

describe('no internal codes in sentences', () => {
  /** An internal code as it looks: ALL_CAPS words joined by underscores (CHANGE_REFUSED, SOME_ENV_NAME). */
  const CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;
  const contexts = [undefined, 'change', 'sandbox', 'add-server'] as const;
  const details: (Record<string, unknown> | undefined)[] = [
    undefined,
    ...CHANGE_REFUSAL_REASONS.map((reason) => ({ reason, scopes: ['openid'], action: 'Read your files', providerName: 'Sandbox' })),
    { reason: 'action-unchanged', action: 'Read your files', enable: true },
    { reason: 'no-client' },
    { reason: 'insecure-issuer' },
    { reason: 'insecure-url', field: 'token endpoint' },
    { cause: 'no-metadata', issuer: 'http://127.0.0.1:9' },
    { cause: 'timeout', issuer: 'https://auth.example' },
    { timedOut: true },
    { port: 53682 },
    { advice: 'Ask your administrator.' },
  ];

  it('no mapped message, for any code, context or reason, contains an ALL_CAPS_CODE', () => {
    const found: string[] = [];
    for (const code of ERROR_CODES) {
      for (const during of contexts) {
        for (const detail of details) {
          const text = errorText(error(code, detail), { providerName: 'Sandbox', during });
          if (CODE.test(text)) found.push(`${code} ${during ?? '-'} ${JSON.stringify(detail)}: ${text}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('a code nobody mapped yet still reads as words, never the code', () => {
    const text = errorText({ code: 'SOMETHING_NEW' as ErrorCode, message: 'x' });
    expect(text).not.toMatch(CODE);
    expect(text).toMatch(/^Something went wrong/);
  });
});

describe('POLICY_BLOCKED', () => {
  it('says whose policy refused what, from the details, never the internal message', () => {
    const text = errorText({ code: 'POLICY_BLOCKED', message: 'internal', details: { by: 'organisation', what: 'Manage files and who sees them' } });
    expect(text).toBe("Blocked by your organisation's policy: Manage files and who sees them. Nothing was changed; Settings › Policy shows what the policy allows.");
  });
});
