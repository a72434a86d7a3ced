import { test as base, expect, type Page } from '@playwright/test';
import type { ProviderOverride } from '../electron/core/ports';
import { startSandbox, type RunningAuthServer } from './sandbox/server';
import { PERSONA_IDS, startPersona, type PersonaId } from './sandbox/personas';
import { launchApp, type AppHarness } from './harness';

export { expect };

interface Fixtures {
  app: AppHarness;
}
interface WorkerFixtures {
  sandbox: RunningAuthServer;
  personas: Record<PersonaId, RunningAuthServer>;
}

/** Catalog providers signing in at the personas; GitHub publishes no metadata, so its endpoints are static. */
async function personaOverrides(personas: Record<PersonaId, RunningAuthServer>): Promise<Record<string, ProviderOverride>> {
  const overrides: Record<string, ProviderOverride> = {};
  for (const id of PERSONA_IDS) {
    const { issuer, clientId } = personas[id];
    overrides[id] = { issuer, clientId };
  }
  const github = personas.github;
  const metadata = (await (await fetch(`${github.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  overrides.github = {
    issuer: github.issuer,
    clientId: github.clientId,
    endpoints: { authorization: metadata.authorization_endpoint!, token: metadata.token_endpoint! },
  };
  return overrides;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // One authorization server of each kind per worker: tests share them the way people share a provider.
  sandbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const sandbox = await startSandbox(0);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  personas: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      // GitHub offers OAuth apps no RFC 7009 endpoint: its persona has none either (provider-console path).
      const started = await Promise.all(PERSONA_IDS.map((id) => startPersona(id, { revocation: id !== 'github' })));
      await use(Object.fromEntries(PERSONA_IDS.map((id, i) => [id, started[i]!])) as Record<PersonaId, RunningAuthServer>);
      await Promise.all(started.map((server) => server.close()));
    },
    { scope: 'worker' },
  ],
  app: async ({ context, sandbox, personas }, use) => {
    const options = { sandboxIssuer: sandbox.issuer, providerOverrides: await personaOverrides(personas) };
    const app = await launchApp(context, options);
    await use(app);
    await app.close();
  },
});

/** The sandbox's own pages (and the personas', which share them), as a person uses them. */
export const sandboxPages: {
  signIn(auth: Page, username?: string): Promise<void>;
  signInIfAsked(auth: Page, username?: string): Promise<void>;
  consent(auth: Page, options?: { untick?: string[] }): Promise<void>;
  deny(auth: Page): Promise<void>;
} = {
  async signIn(auth: Page, username = 'alex'): Promise<void> {
    await auth.getByLabel('Username').fill(username);
    await auth.getByRole('button', { name: 'Sign in' }).click();
  },
  /** A second sign-in in the same browser: the server remembers the session and goes straight to consent. */
  async signInIfAsked(auth: Page, username = 'alex'): Promise<void> {
    const login = auth.getByRole('button', { name: 'Sign in' });
    const allow = auth.getByRole('button', { name: 'Allow' });
    await expect(login.or(allow)).toBeVisible();
    if (await login.isVisible()) await sandboxPages.signIn(auth, username);
  },
  async consent(auth: Page, { untick = [] as string[] } = {}): Promise<void> {
    for (const scope of untick) await auth.getByRole('checkbox', { name: scope, exact: true }).uncheck();
    await auth.getByRole('button', { name: 'Allow' }).click();
  },
  async deny(auth: Page): Promise<void> {
    await auth.getByRole('button', { name: 'Deny' }).click();
  },
};
