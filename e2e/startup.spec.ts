import { launchApp } from './harness';
import { expect, test } from './fixtures';

/** What the page records of its own start (set by the init script below). */
interface PageScope {
  cspViolations: string[];
  document: { addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void };
}

test('the window starts its locale worker from its own files, within its content security policy', { tag: '@start' }, async ({ context, sandbox }) => {
  // Both are watched from before the window's first byte: the worker starts as its HTML is read.
  await context.addInitScript(() => {
    const scope = globalThis as unknown as PageScope;
    scope.cspViolations = [];
    scope.document.addEventListener('securitypolicyviolation', (event) => scope.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const workers: string[] = [];
  context.on('page', (page) => page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname)));

  const app = await launchApp(context, { sandboxIssuer: sandbox.issuer });
  try {
    await expect(app.page.getByRole('button', { name: 'Connect Sandbox' })).toBeVisible();
    await expect.poll(() => workers).toEqual(['/warm-intl.js']);
    expect(await app.page.evaluate(() => (globalThis as unknown as PageScope).cspViolations)).toEqual([]);
  } finally {
    await app.close();
  }
});
