import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preloadInliner, startHeadlessHost, type HeadlessHost } from './host';

/** The built page's CSP, as renderer/index.html declares it. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

/** A built renderer and preload of a few bytes: the host serves whatever the build put there. */
function fakeBuild(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'sk-host-out-'));
  mkdirSync(join(outDir, 'renderer'));
  mkdirSync(join(outDir, 'preload'));
  writeFileSync(
    join(outDir, 'renderer', 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" /><title>Scopekeeper</title></head><body></body></html>`,
  );
  writeFileSync(join(outDir, 'preload', 'index.cjs'), '/* preload */');
  return outDir;
}

describe('the preview host’s IPC: only the page opened from the launch address', () => {
  let host: HeadlessHost;
  let origin: string;
  let launchToken: string;
  beforeAll(async () => {
    host = await startHeadlessHost({ outDir: fakeBuild(), dataDir: mkdtempSync(join(tmpdir(), 'sk-host-data-')), browser: { open: async () => undefined } });
    const url = new URL(host.url);
    origin = url.origin;
    launchToken = new URLSearchParams(url.hash.slice(1)).get('launch') ?? '';
  });
  afterAll(() => host.close());

  const invoke = (headers: Record<string, string>) =>
    fetch(`${origin}/__ipc/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ channel: 'broker:tools', payload: undefined }),
    });
  const openSession = (token: string, from = origin) =>
    fetch(`${origin}/__ipc/session`, { method: 'POST', headers: { Origin: from, 'X-Scopekeeper-Launch': token } });

  it('refuses an invoke with our Origin but no secret, and one with a forged Origin', async () => {
    expect(launchToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await invoke({ Origin: origin })).status).toBe(403);
    expect((await invoke({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({})).status).toBe(403);
    // The event stream too: the window's events name tools and connections.
    const events = await fetch(`${origin}/__ipc/events`, { headers: { Origin: origin } });
    expect(events.status).toBe(403);
    expect((await fetch(`${origin}/__ipc/events?session=${'A'.repeat(43)}`)).status).toBe(403);
  });

  it('never puts the launch token or a session secret in what any GET can read', async () => {
    const page = await (await fetch(`${origin}/`)).text();
    expect(page).toContain('/* preload */');
    expect(page).not.toContain(launchToken);
    // The token travels in the fragment, which a browser never sends.
    expect(new URL(host.url).search).toBe('');
  });

  it('runs the shim and the preload inline before the page’s own scripts, admitted by their hash and nothing else', async () => {
    const page = await (await fetch(`${origin}/`)).text();
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('__scopekeeperElectronShim');
    const hash = createHash('sha256').update(inline[0]!, 'utf8').digest('base64');
    expect(page).toContain(`script-src 'self' 'sha256-${hash}';`);
    // Last in the head: the page's own files are asked for first.
    expect(page.indexOf('<script>')).toBeLessThan(page.indexOf('</head>'));
    expect(page.indexOf('</script></head>')).toBeGreaterThan(0);
  });

  it('exchanges the launch token once for a session secret that opens the IPC and the event stream', async () => {
    expect((await openSession('A'.repeat(43))).status).toBe(403);
    // The right token from another page (a link the person follows elsewhere) does not use it up.
    expect((await openSession(launchToken, 'http://127.0.0.1:1')).status).toBe(403);
    const opened = await openSession(launchToken);
    expect(opened.status).toBe(200);
    const { session } = (await opened.json()) as { session: string };
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).not.toBe(launchToken);
    // Once: whoever comes second (a copied address, a replayed request) gets nothing.
    expect((await openSession(launchToken)).status).toBe(403);

    const answer = await invoke({ Origin: origin, 'X-Scopekeeper-Session': session });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true });
    // The secret alone is not enough from another origin (a page the person's browser shows).
    expect((await invoke({ Origin: 'http://127.0.0.1:1', 'X-Scopekeeper-Session': session })).status).toBe(403);
    // One character off (never the same one: a secret ending in "A" would otherwise be itself).
    const forged = `${session.slice(0, -1)}${session.endsWith('A') ? 'B' : 'A'}`;
    expect((await invoke({ Origin: origin, 'X-Scopekeeper-Session': forged })).status).toBe(403);

    const stream = new AbortController();
    const events = await fetch(`${origin}/__ipc/events?session=${session}`, { signal: stream.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    stream.abort();
  });

  it('answers only for its own host name (no DNS rebinding)', async () => {
    const port = new URL(origin).port;
    expect((await fetch(`${origin}/`)).status).toBe(200);
    // fetch sets Host itself; a rebound name is what a browser would send.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/', headers: { Host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(rebound).toBe(403);
  });
});

describe('the preload inlined into the page', () => {
  const page = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" /></head><body></body></html>`;

  it('is refused when the parser would cut it short, and on a page whose CSP has no script-src to add its hash to', () => {
    expect(() => preloadInliner('const x = "</script>";')).toThrow(/cannot be inlined/);
    expect(() => preloadInliner('const x = "<!--";')).toThrow(/cannot be inlined/);
    expect(() => preloadInliner('run();')('<html><head></head><body></body></html>')).toThrow(/no script-src/);
  });

  it('is put in as written, "$&" and "$\'" included (they are not replacement patterns here)', () => {
    const script = "const a = '$&', b = \"$'\", c = `$$`;";
    const injected = preloadInliner(script)(page);
    expect(injected).toContain(`<script>${script}</script></head>`);
    expect(injected).toContain(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  });

  it('admits exactly its own text: another script’s hash is not the one in the policy', () => {
    const injected = preloadInliner('run();')(page);
    const other = createHash('sha256').update('run(); ', 'utf8').digest('base64');
    expect(injected).not.toContain(other);
    expect(injected).toContain(`'sha256-${createHash('sha256').update('run();', 'utf8').digest('base64')}'`);
  });
});

describe('the preload’s first asks, carried by the session exchange', () => {
  async function launched(): Promise<{ host: HeadlessHost; origin: string; launchToken: string }> {
    const host = await startHeadlessHost({ outDir: fakeBuild(), dataDir: mkdtempSync(join(tmpdir(), 'sk-host-data-')), browser: { open: async () => undefined } });
    const url = new URL(host.url);
    return { host, origin: url.origin, launchToken: new URLSearchParams(url.hash.slice(1)).get('launch') ?? '' };
  }
  const exchange = (origin: string, token: string, body: string, from = origin) =>
    fetch(`${origin}/__ipc/session`, { method: 'POST', headers: { Origin: from, 'X-Scopekeeper-Launch': token, 'Content-Type': 'application/json' }, body });
  const asks = (...list: { channel: string; payload?: unknown }[]) => JSON.stringify({ invokes: list });

  it('answers them with the session, in order, at most four, each checked as any invoke', async () => {
    const { host, origin, launchToken } = await launched();
    try {
      const opened = await exchange(
        origin,
        launchToken,
        asks(
          { channel: 'grants:list', payload: { withFirstDetail: true } },
          { channel: 'settings:new-actions' },
          { channel: 'grants:list', payload: { withFirstDetail: 'yes' } },
          { channel: 'fs:read', payload: '/etc/passwd' },
          { channel: 'settings:set-new-actions', payload: { on: true } },
        ),
      );
      expect(opened.status).toBe(200);
      const { session, answers } = (await opened.json()) as { session: string; answers: unknown[] };
      expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(answers).toEqual([
        { ok: true, value: { connections: [], meanings: [] } },
        { ok: true, value: { on: false } },
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_REQUEST' }) }),
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_REQUEST' }) }),
      ]);
      // The fifth was never run.
      expect(await host.core.handlers['settings:new-actions'](undefined)).toEqual({ on: false });
    } finally {
      await host.close();
    }
  });

  it('runs none of them when the exchange is refused (a wrong token, another page)', async () => {
    const { host, origin, launchToken } = await launched();
    try {
      const change = asks({ channel: 'settings:set-new-actions', payload: { on: true } });
      for (const refused of [await exchange(origin, 'A'.repeat(43), change), await exchange(origin, launchToken, change, 'http://127.0.0.1:1')]) {
        expect(refused.status).toBe(403);
        expect(await refused.text()).toBe('');
      }
      expect(await host.core.handlers['settings:new-actions'](undefined)).toEqual({ on: false });
      // Nor once the token is used up: the second exchange is a replay.
      expect((await exchange(origin, launchToken, '')).status).toBe(200);
      expect((await exchange(origin, launchToken, change)).status).toBe(403);
      expect(await host.core.handlers['settings:new-actions'](undefined)).toEqual({ on: false });
    } finally {
      await host.close();
    }
  });

  it('opens the session with no answers for a body that is not a list of asks', async () => {
    for (const body of ['', 'not json', '{"invokes":"grants:list"}', '[1,2]', '{"invokes":[null,7]}']) {
      const { host, origin, launchToken } = await launched();
      try {
        const opened = await exchange(origin, launchToken, body);
        expect(opened.status).toBe(200);
        const { answers } = (await opened.json()) as { answers: { ok: boolean }[] };
        expect(answers.every((answer) => !answer.ok)).toBe(true);
      } finally {
        await host.close();
      }
    }
  });
});

