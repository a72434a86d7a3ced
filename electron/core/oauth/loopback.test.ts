import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackReceiver, type LoopbackOptions, type LoopbackReceiver } from './loopback';

const STATE = 'expected-state-0123456789abcdefghijklmnopqrstuv';
const ISSUER = 'http://127.0.0.1:4890';
let receiver: LoopbackReceiver | undefined;

async function start(overrides: Partial<LoopbackOptions> = {}): Promise<LoopbackReceiver> {
  receiver = await startLoopbackReceiver({ expectedState: STATE, expectedIssuer: ISSUER, timeoutMs: 5_000, ...overrides });
  return receiver;
}

function get(r: LoopbackReceiver, pathAndQuery: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${r.port}${pathAndQuery}`);
}

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('loopback receiver', () => {
  it('listens on 127.0.0.1 with an OS-chosen port and a /callback redirect', async () => {
    const r = await start();
    expect(r.redirectUri).toBe(`http://127.0.0.1:${r.port}/callback`);
    expect(r.port).toBeGreaterThan(0);
  });

  it('listens on a client’s fixed port, and says so when another program holds it', async () => {
    const first = await start();
    const fixed = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 5_000, port: first.port }).catch((error: unknown) => error);
    expect(fixed).toMatchObject({ code: 'REDIRECT_PORT_IN_USE', details: { port: first.port } });
    const port = first.port;
    await first.close();
    receiver = await startLoopbackReceiver({ expectedState: STATE, timeoutMs: 5_000, port });
    expect(receiver.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
  });

  it('accepts the one valid response, answers a no-store page, and closes the port', async () => {
    const r = await start();
    const res = await get(r, `/callback?code=abc&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('You are signed in');
    const url = await r.callback;
    expect(url.searchParams.get('code')).toBe('abc');
    await r.close();
    await expect(get(r, '/callback')).rejects.toThrow();
  });

  it('answers 404 on a wrong path and keeps waiting', async () => {
    const r = await start();
    expect((await get(r, `/other?code=abc&state=${STATE}`)).status).toBe(404);
    expect((await get(r, `/callback?code=real&state=${STATE}`)).status).toBe(200);
    expect((await r.callback).searchParams.get('code')).toBe('real');
  });

  it('answers 400 on a wrong or missing state and keeps waiting for the real callback', async () => {
    const r = await start();
    expect((await get(r, '/callback?code=forged&state=wrong')).status).toBe(400);
    expect((await get(r, '/callback?code=forged')).status).toBe(400);
    expect((await get(r, `/callback?code=real&state=${STATE}`)).status).toBe(200);
    expect((await r.callback).searchParams.get('code')).toBe('real');
  });

  it('answers 400 when iss names another server, and keeps waiting', async () => {
    const r = await start();
    const res = await get(r, `/callback?code=x&state=${STATE}&iss=${encodeURIComponent('https://evil.example')}`);
    expect(res.status).toBe(400);
    expect((await get(r, `/callback?code=real&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`)).status).toBe(200);
    expect((await r.callback).searchParams.get('code')).toBe('real');
  });

  it('refuses a response without iss when the server advertises it', async () => {
    const r = await start({ requireIssuer: true });
    expect((await get(r, `/callback?code=x&state=${STATE}`)).status).toBe(400);
  });

  it('ends the flow with AUTH_DENIED on error=access_denied with the right state', async () => {
    const r = await start();
    const res = await get(r, `/callback?error=access_denied&error_description=nope&state=${STATE}`);
    expect(res.status).toBe(200);
    await expect(r.callback).rejects.toMatchObject({ code: 'AUTH_DENIED', details: { error: 'access_denied', error_description: 'nope' } });
  });

  it('keeps any other provider error intact as PROVIDER_ERROR', async () => {
    const r = await start();
    await get(r, `/callback?error=invalid_scope&state=${STATE}`);
    await expect(r.callback).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'invalid_scope' } });
  });

  it('ignores an error parameter that comes without the right state', async () => {
    const r = await start();
    expect((await get(r, '/callback?error=access_denied&state=forged')).status).toBe(400);
    expect((await get(r, `/callback?code=real&state=${STATE}`)).status).toBe(200);
    await expect(r.callback).resolves.toBeInstanceOf(URL);
  });

  it('fails with PROVIDER_ERROR when the valid response carries no code', async () => {
    const r = await start();
    expect((await get(r, `/callback?state=${STATE}`)).status).toBe(400);
    await expect(r.callback).rejects.toMatchObject({ code: 'PROVIDER_ERROR', details: { error: 'missing_code' } });
  });

  it('never reflects request input in its page', async () => {
    const r = await start();
    const res = await get(r, `/callback?error=%3Cscript%3E&state=${STATE}`);
    expect(await res.text()).not.toContain('<script>');
  });

  it('times out with AUTH_TIMEOUT and closes the port', async () => {
    const r = await start({ timeoutMs: 50 });
    await expect(r.callback).rejects.toMatchObject({ code: 'AUTH_TIMEOUT' });
    await r.close();
    await expect(get(r, '/callback')).rejects.toThrow();
  });

  it('cancels with AUTH_CANCELLED when aborted and closes the port', async () => {
    const controller = new AbortController();
    const r = await start({ signal: controller.signal });
    controller.abort();
    await expect(r.callback).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    await r.close();
    await expect(get(r, '/callback')).rejects.toThrow();
  });
});
