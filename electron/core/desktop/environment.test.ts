import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopEnvironment } from './environment';

const dir = mkdtempSync(join(tmpdir(), 'scopekeeper-env-'));
const shipped = join(dir, 'oauth-clients.json');
writeFileSync(shipped, JSON.stringify({ github: { clientId: 'shipped-github' } }));
const named = join(dir, 'builder-clients.json');
writeFileSync(named, JSON.stringify({ google: { clientId: 'builder-google', clientSecret: 'GOCSPX-builder' } }));
const missing = join(dir, 'no-such-file.json');


const everything = {
  SCOPEKEEPER_DATA_DIR: '/tmp/sk-data',
  SCOPEKEEPER_SANDBOX_ISSUER: 'http://127.0.0.1:4890',
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
  SCOPEKEEPER_E2E_AUTH_WINDOW: '1',
};

describe('desktopEnvironment', () => {
  it('in development honours the dev server and the test switches', () => {
    expect(desktopEnvironment(everything, false, missing)).toEqual({
      dataDir: '/tmp/sk-data',
      devServerUrl: 'http://localhost:5173',
      testAuthWindow: true,
      config: { sandboxIssuer: 'http://127.0.0.1:4890', builtInClients: new Map() },
    });
  });

  it('a packaged app ignores the dev server and the test sign-in window', () => {
    expect(desktopEnvironment(everything, true, missing)).toEqual({
      dataDir: '/tmp/sk-data',
      testAuthWindow: false,
      config: { sandboxIssuer: 'http://127.0.0.1:4890', builtInClients: new Map() },
    });
  });

  it('with nothing set, nothing is configured', () => {
    expect(desktopEnvironment({}, false, missing)).toEqual({ testAuthWindow: false, config: { builtInClients: new Map() } });
  });

  it('the test window needs exactly "1"', () => {
    expect(desktopEnvironment({ SCOPEKEEPER_E2E_AUTH_WINDOW: 'true' }, false, missing).testAuthWindow).toBe(false);
  });

  it('reads the shipped clients file, or the one SCOPEKEEPER_OAUTH_CLIENTS names instead', () => {
    expect(desktopEnvironment({}, true, shipped).config.builtInClients?.get('github')).toEqual({ clientId: 'shipped-github', source: 'built-in' });
    const builder = desktopEnvironment({ SCOPEKEEPER_OAUTH_CLIENTS: named }, true, shipped).config.builtInClients;
    expect(builder?.get('github')).toBeUndefined();
    expect(builder?.get('google')).toEqual({ clientId: 'builder-google', clientSecret: 'GOCSPX-builder', source: 'built-in' });
  });

  it('a named clients file that cannot be read stops start-up with the reason, never a value', () => {
    expect(() => desktopEnvironment({ SCOPEKEEPER_OAUTH_CLIENTS: missing }, false, shipped)).toThrow(/cannot be read \(ENOENT\)/);
  });
});
