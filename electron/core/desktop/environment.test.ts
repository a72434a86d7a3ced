import { describe, expect, it } from 'vitest';
import { desktopEnvironment } from './environment';

const overrides = JSON.stringify({ google: { issuer: 'http://127.0.0.1:4901', clientId: 'test-client' } });
const everything = {
  SCOPEKEEPER_DATA_DIR: '/tmp/sk-data',
  SCOPEKEEPER_SANDBOX_ISSUER: 'http://127.0.0.1:4890',
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
  SCOPEKEEPER_E2E_AUTH_WINDOW: '1',
  SCOPEKEEPER_E2E_PROVIDER_OVERRIDES: overrides,
};

describe('desktopEnvironment', () => {
  it('in development honours the dev server and the test switches', () => {
    expect(desktopEnvironment(everything, false)).toEqual({
      dataDir: '/tmp/sk-data',
      devServerUrl: 'http://localhost:5173',
      testAuthWindow: true,
      config: {
        sandboxIssuer: 'http://127.0.0.1:4890',
        providerOverrides: { google: { issuer: 'http://127.0.0.1:4901', clientId: 'test-client' } },
      },
    });
  });

  it('a packaged app ignores the dev server, the test sign-in window and provider personas', () => {
    expect(desktopEnvironment(everything, true)).toEqual({
      dataDir: '/tmp/sk-data',
      testAuthWindow: false,
      config: { sandboxIssuer: 'http://127.0.0.1:4890' },
    });
  });

  it('with nothing set, nothing is configured', () => {
    expect(desktopEnvironment({}, false)).toEqual({ testAuthWindow: false, config: {} });
  });

  it('the test window needs exactly "1"', () => {
    expect(desktopEnvironment({ SCOPEKEEPER_E2E_AUTH_WINDOW: 'true' }, false).testAuthWindow).toBe(false);
  });

  it('malformed personas stop start-up with the reason', () => {
    expect(() => desktopEnvironment({ SCOPEKEEPER_E2E_PROVIDER_OVERRIDES: '{' }, false)).toThrow(/is not JSON/);
  });
});
