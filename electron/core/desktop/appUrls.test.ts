import { describe, expect, it } from 'vitest';
import { createIpcBinding, type Handlers } from '../ipc/binding';
import { isOwnSender, isOwnUrl, navigationVerdict, newWindowVerdict, ownLocations, redirectVerdict, senderFromFrame } from './appUrls';

const packaged = ownLocations(undefined);
const development = ownLocations('http://localhost:5173');

describe('isOwnUrl', () => {
  it('compares scheme and host, so the packaged window is ours although its URL.origin is "null"', () => {
    expect(new URL('scopekeeper://app/index.html').origin).toBe('null');
    expect(isOwnUrl('scopekeeper://app/index.html', packaged)).toBe(true);
    expect(isOwnUrl('scopekeeper://app/assets/x.js', packaged)).toBe(true);
    expect(isOwnUrl('scopekeeper://app/', packaged)).toBe(true);
  });

  it.each([
    ['another host on our scheme', 'scopekeeper://evil/'],
    ['a look-alike host', 'scopekeeper://app.evil/index.html'],
    ['a port on our host', 'scopekeeper://app:8080/index.html'],
    ['credentials', 'scopekeeper://user@app/index.html'],
    ['our scheme without an authority', 'scopekeeper:app'],
    ['https to a host named app', 'https://app'],
    ['http to a host named app', 'http://app/index.html'],
    ['a file', 'file:///usr/lib/scopekeeper/resources/app.asar/out/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['an empty string', ''],
    ['garbage', '::not a url::'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('refuses %s', (_what, url) => {
    expect(isOwnUrl(url, packaged)).toBe(false);
    expect(isOwnUrl(url, development)).toBe(false);
  });

  it('in development also accepts the dev server, port included, and nothing near it', () => {
    expect(isOwnUrl('http://localhost:5173/', development)).toBe(true);
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', development)).toBe(true);
    expect(isOwnUrl('scopekeeper://app/index.html', development)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', development)).toBe(false);
    expect(isOwnUrl('https://localhost:5173/', development)).toBe(false);
    expect(isOwnUrl('http://localhost:5173/', packaged)).toBe(false);
  });

  it('a dev server URL that is not http(s) or does not parse adds nothing', () => {
    expect(ownLocations('not a url')).toEqual(packaged);
    expect(ownLocations('file:///tmp/index.html')).toEqual(packaged);
    expect(ownLocations('')).toEqual(packaged);
  });
});

describe('isOwnSender', () => {
  it('wants the main frame as well as our own page', () => {
    expect(isOwnSender({ url: 'scopekeeper://app/index.html', isMainFrame: true }, packaged)).toBe(true);
    expect(isOwnSender({ url: 'scopekeeper://app/index.html', isMainFrame: false }, packaged)).toBe(false);
    expect(isOwnSender({ url: 'https://app/', isMainFrame: true }, packaged)).toBe(false);
    expect(isOwnSender({ url: undefined, isMainFrame: true }, packaged)).toBe(false);
  });
});

describe('senderFromFrame', () => {
  const main = { url: 'scopekeeper://app/index.html' };

  it('marks only the window’s own main frame as the main frame', () => {
    expect(senderFromFrame(main, () => main)).toEqual({ url: 'scopekeeper://app/index.html', isMainFrame: true });
    expect(senderFromFrame({ url: main.url }, () => main)).toEqual({ url: main.url, isMainFrame: false });
    expect(senderFromFrame(main, () => undefined)).toEqual({ url: main.url, isMainFrame: false });
  });

  it('turns a missing or disposed frame, or a closed window, into an untrusted sender instead of throwing', () => {
    expect(senderFromFrame(null, () => main)).toEqual({ url: undefined, isMainFrame: false });
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(senderFromFrame(disposed, () => main)).toEqual({ url: undefined, isMainFrame: false });
    const closed = (): never => {
      throw new TypeError('Object has been destroyed');
    };
    expect(senderFromFrame(main, closed)).toEqual({ url: undefined, isMainFrame: false });
  });
});

describe('through the IPC binding', () => {
  const handlers = { 'app:status': () => ({ vault: { state: 'ready' }, sandbox: { source: 'none' } }) } as unknown as Handlers;
  const invoke = createIpcBinding(handlers, (sender) => isOwnSender(sender, packaged));

  it('answers our packaged main frame', async () => {
    expect(await invoke('app:status', undefined, { url: 'scopekeeper://app/index.html', isMainFrame: true })).toMatchObject({ ok: true });
  });

  it.each(['', 'garbage', 'scopekeeper:app', 'scopekeeper://evil/', 'https://app', 'file:///index.html', undefined])(
    'gives FORBIDDEN_SENDER as a Result for %j, never a throw',
    async (url) => {
      expect(await invoke('app:status', undefined, { url, isMainFrame: true })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      });
    },
  );

  it('gives FORBIDDEN_SENDER to a subframe on our own page', async () => {
    expect(await invoke('app:status', undefined, { url: 'scopekeeper://app/index.html', isMainFrame: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });
});

describe('navigation verdicts', () => {
  it('lets our own pages load, hands https clicks to the browser, blocks the rest', () => {
    expect(navigationVerdict('scopekeeper://app/index.html', packaged)).toBe('allow');
    expect(navigationVerdict('https://example.com/', packaged)).toBe('open-in-browser');
    for (const url of ['http://example.com/', 'http://127.0.0.1:4890/', 'file:///etc/passwd', 'javascript:alert(1)', 'scopekeeper://evil/', 'https://u:p@example.com/', '']) {
      expect(navigationVerdict(url, packaged), url).toBe('block');
    }
  });

  it('never hands a redirect to the browser', () => {
    expect(redirectVerdict('scopekeeper://app/index.html', packaged)).toBe('allow');
    expect(redirectVerdict('https://example.com/', packaged)).toBe('block');
  });

  it('lets a test sign-in window follow the provider', () => {
    expect(navigationVerdict('http://127.0.0.1:4890/interaction/1', packaged, true)).toBe('allow');
    expect(redirectVerdict('http://127.0.0.1:50000/callback', packaged, true)).toBe('allow');
  });

  it('opens no window of the app’s own; https goes to the browser', () => {
    expect(newWindowVerdict('https://example.com/')).toBe('open-in-browser');
    expect(newWindowVerdict('scopekeeper://app/index.html')).toBe('block');
    expect(newWindowVerdict('http://127.0.0.1:4890/')).toBe('block');
    expect(newWindowVerdict('')).toBe('block');
  });
});
