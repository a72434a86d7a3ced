import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BrokerClient } from '../electron/cli/client';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import type { CallResult, RequestResult } from '../electron/core/broker/protocol';
import { connection, connectWith, openSettings, openView } from './appPages';
import { refusal } from './brokerHarness';
import { approvalDialog } from './brokerTools';
import { expect, test } from './fixtures';
import { launchApp } from './harness';

/**
 * Running in the background, as far as the headless host shows it (it has no tray and no login
 * items, so it keeps the settings and ignores them): Settings → General's two switches and Pause
 * tools from the window, which the broker enforces on a tool's call.
 */
const general = (page: Page) => page.getByRole('region', { name: 'General' });
const switchNamed = (page: Page, name: string) => general(page).getByRole('switch', { name });

test('Settings → General: Start at login off and Keep running on by default; both changes kept across a restart', { tag: '@background' }, async ({ context, sandbox }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scopekeeper-background-'));
  const before = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await openSettings(before.page, 'General');
    await expect(switchNamed(before.page, 'Start at login')).not.toBeChecked();
    await expect(switchNamed(before.page, 'Keep running when the window is closed')).toBeChecked();
    await expect(general(before.page)).toContainText('Applies to the installed app');
    await switchNamed(before.page, 'Start at login').click();
    await expect(switchNamed(before.page, 'Start at login')).toBeChecked();
    await switchNamed(before.page, 'Keep running when the window is closed').click();
    await expect(switchNamed(before.page, 'Keep running when the window is closed')).not.toBeChecked();
  } finally {
    await before.close();
  }
  const app = await launchApp(context, { sandboxIssuer: sandbox.issuer, dataDir });
  try {
    await openSettings(app.page, 'General');
    await expect(switchNamed(app.page, 'Start at login')).toBeChecked();
    await expect(switchNamed(app.page, 'Keep running when the window is closed')).not.toBeChecked();
  } finally {
    await app.close();
  }
});

test('Pause tools in the window: a tool’s call is refused as paused and logged so, until Resume tools', { tag: '@background' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const agent = await BrokerClient.connect(brokerEndpoint(app.dataDir));
  try {
    await agent.send('hello', { tool: 'pause-agent' });
    const asked = agent.send<RequestResult>('request', { providerId: 'sandbox', actions: ['read-files'] });
    await approvalDialog(app.page).getByRole('button', { name: 'Always allow' }).click();
    const { connectionId } = await asked;
    const readFiles = () => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path: '/api/files' });

    await openView(app.page, 'Tools');
    await app.page.getByRole('button', { name: 'Pause tools' }).click();
    const banner = app.page.getByRole('region', { name: 'Tools paused' });
    await expect(banner).toContainText('Tools are paused');
    const refused = await refusal(readFiles());
    expect([refused.code, refused.message]).toEqual(['paused', expect.stringContaining('Scopekeeper has paused tools')]);
    // Nothing new reaches the person either.
    expect((await refusal(agent.send('request', { providerId: 'sandbox', actions: ['read-tasks'] }))).code).toBe('paused');
    await expect(approvalDialog(app.page)).toHaveCount(0);

    await banner.getByRole('button', { name: 'Resume tools' }).click();
    await expect(banner).toBeHidden();
    expect((await readFiles()).status).toBe(200);
    await openView(app.page, 'Connections');
    const calls = connection(app.page, 'Sandbox: alex@sandbox.test').getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
    await expect(calls.filter({ hasText: 'refused: tools paused' })).toHaveCount(1);
    await expect(calls.filter({ hasText: 'answered 200' })).toHaveCount(1);
  } finally {
    agent.close();
  }
});
