import { loadBuiltInClients } from '../clients/registry';
import type { CoreConfig } from '../ports';

/** What the Electron entry takes from its environment, decided in one place. */
export interface DesktopEnvironment {
  /** Where the vault lives instead of Electron's userData. */
  dataDir?: string;
  /** `npm start`'s Vite dev server, which the window loads instead of the app scheme. */
  devServerUrl?: string;
  /** E2E_TARGET=electron: sign-in pages open in a test window Playwright can drive. */
  testAuthWindow: boolean;
  config: CoreConfig;
}

/**
 * Development and test switches (dev server, test sign-in window) are honoured only by an unpackaged
 * app: a packaged Scopekeeper ignores them, whatever its environment says. The build's OAuth clients
 * come from `shippedClientsPath` (resources/oauth-clients.json) or the file SCOPEKEEPER_OAUTH_CLIENTS
 * names (builders); a bad file stops start-up with the reason (ClientsFileError).
 */
export function desktopEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
  shippedClientsPath: string,
): DesktopEnvironment {
  const dev = !isPackaged;
  return {
    ...(env.SCOPEKEEPER_DATA_DIR ? { dataDir: env.SCOPEKEEPER_DATA_DIR } : {}),
    ...(dev && env.ELECTRON_RENDERER_URL ? { devServerUrl: env.ELECTRON_RENDERER_URL } : {}),
    testAuthWindow: dev && env.SCOPEKEEPER_E2E_AUTH_WINDOW === '1',
    config: {
      ...(env.SCOPEKEEPER_SANDBOX_ISSUER ? { sandboxIssuer: env.SCOPEKEEPER_SANDBOX_ISSUER } : {}),
      builtInClients: loadBuiltInClients(env, shippedClientsPath),
    },
  };
}
