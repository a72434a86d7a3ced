import { test as base, expect, type Page } from '@playwright/test';
import { startSandbox, type RunningAuthServer } from '../electron/sandbox/server';
import { startProviders, type ProviderServers } from './providers';
import { ManualClock } from '../electron/testing/manualClock';
import { launchApp, type AppHarness } from './harness';

export { expect };

export interface Fixtures {
  /** Providers this build ships no OAuth client for (`test.use({ withoutClients: ['atlassian'] })`). */
  withoutClients: string[];
  /** The machine's policy file the app reads (`test.use({ machinePolicy: path })`), headless target only; none when absent. */
  machinePolicy: string | undefined;
  /** The app's clock (real time until the test moves it: `clock.advance(ms)`), headless target only. */
  clock: ManualClock;
  app: AppHarness;
  /** Google, Microsoft, Slack, GitHub and Atlassian as they answer, at their real host names. */
  providers: ProviderServers;
}
export interface WorkerFixtures {
  sandbox: RunningAuthServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // One sandbox per worker: tests share it the way people share a provider.
  sandbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const sandbox = await startSandbox(0);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  // Per test (a few milliseconds): each test starts with providers that have never seen it, and
  // Atlassian's one registered callback port is this test's own.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  providers: async ({}, use) => {
    const providers = await startProviders();
    await use(providers);
    await providers.close();
  },
  withoutClients: [[], { option: true }],
  machinePolicy: [undefined, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  clock: async ({}, use) => use(new ManualClock()),
  app: async ({ context, sandbox, providers, withoutClients, clock, machinePolicy }, use) => {
    const clients = Object.fromEntries(Object.entries(providers.clients).filter(([id]) => !withoutClients.includes(id)));
    const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, providers: { routes: providers.routes, clients }, clock, ...(machinePolicy ? { machinePolicy } : {}) });
    await use(app);
    await app.close();
  },
});

/** Consent buttons as each server words them: the sandbox, Google, Microsoft, Atlassian, GitHub, Slack. */
const APPROVE = /^(Allow|Continue|Accept|Authorize Scopekeeper)$/;
const DECLINE = /^(Deny|Cancel)$/;

/** The sign-in and consent pages (the sandbox's and the provider test servers'), as a person uses them. */
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
    const allow = auth.getByRole('button', { name: APPROVE });
    await expect(login.or(allow)).toBeVisible();
    if (await login.isVisible()) await sandboxPages.signIn(auth, username);
  },
  async consent(auth: Page, { untick = [] as string[] } = {}): Promise<void> {
    for (const scope of untick) await auth.getByRole('checkbox', { name: scope, exact: true }).uncheck();
    await auth.getByRole('button', { name: APPROVE }).click();
  },
  async deny(auth: Page): Promise<void> {
    await auth.getByRole('button', { name: DECLINE }).click();
  },
};
