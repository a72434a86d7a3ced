import { test as base, expect, type Page } from '@playwright/test';
import { startSandbox, type RunningAuthServer } from './sandbox/server';
import { launchElectron, launchHeadless, type AppHarness } from './harness';

export { expect };

interface Fixtures {
  app: AppHarness;
}
interface WorkerFixtures {
  sandbox: RunningAuthServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // One authorization server per worker: tests share it the way people share a provider.
  sandbox: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const sandbox = await startSandbox(0);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ context, sandbox }, use) => {
    const app =
      process.env.E2E_TARGET === 'electron'
        ? await launchElectron({ sandboxIssuer: sandbox.issuer })
        : await launchHeadless(context, { sandboxIssuer: sandbox.issuer });
    await use(app);
    await app.close();
  },
});

/** The sandbox's own pages, as a person uses them. */
export const sandboxPages = {
  async signIn(auth: Page, username = 'alex'): Promise<void> {
    await auth.getByLabel('Username').fill(username);
    await auth.getByRole('button', { name: 'Sign in' }).click();
  },
  async consent(auth: Page, { untick = [] as string[] } = {}): Promise<void> {
    for (const scope of untick) await auth.getByRole('checkbox', { name: scope, exact: true }).uncheck();
    await auth.getByRole('button', { name: 'Allow' }).click();
  },
  async deny(auth: Page): Promise<void> {
    await auth.getByRole('button', { name: 'Deny' }).click();
  },
};
