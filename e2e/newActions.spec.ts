import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectWith, openConnection, openView } from './appPages';
import { expect, test } from './fixtures';
import { launchApp } from './harness';

/**
 * An app update brings a catalog action a connection did not have: after the restart it is "New",
 * off until the person reviews it (even though the grant covers it), and the Review lists it.
 * The headless host loads the Sandbox's catalog "as updated" only when the test asks for it.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

test('a catalog with one more action, loaded as an update, leaves it off and listed in Review', { tag: '@new-actions' }, async ({ context, sandbox }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-update-'));
  const before = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await connectWith(before, 'Sandbox', { only: ['files:read'] });
    const detail = await openConnection(before.page, SANDBOX);
    await expect(detail.getByRole('list', { name: 'What this connection can do' })).toContainText('Read your files');
    await expect(detail.getByRole('list', { name: 'What this connection can do' })).not.toContainText('See a file’s details');
  } finally {
    await before.close();
  }
  const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir, sandboxCatalogUpdate: true });
  try {
    const detail = await openConnection(app.page, SANDBOX);
    const row = detail.getByRole('list', { name: 'What this connection can do' }).getByRole('listitem').filter({ has: app.page.getByRole('button', { name: 'Turn on See a file’s details' }) });
    await expect(row).toContainText('New');
    await expect(row).toContainText('Off until you review it');
    await expect(row.getByRole('button', { name: 'Mark See a file’s details as reviewed' })).toBeVisible();
    // What the connection had before the update is as it was.
    await expect(detail.getByRole('list', { name: 'What this connection can do' }).getByRole('listitem').filter({ hasText: 'Read your files' })).toContainText('Available');

    // The nav's Review count includes it.
    await expect(app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Review \((\d+ suggestions?, )?1 new action\)$/ })).toBeVisible();
    await openView(app.page, 'Review');
    const listed = app.page.getByRole('list', { name: 'New actions' }).getByRole('listitem');
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText('See a file’s details: off until you review it');
    await expect(listed).toContainText('Sandbox alex@sandbox.test');
  } finally {
    await app.close();
  }
});
