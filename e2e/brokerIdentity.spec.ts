import { realpathSync } from 'node:fs';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import type { RequestResult } from '../electron/core/broker/protocol';
import { BrokerClient } from '../electron/cli/client';
import { connection, connectWith, openTool } from './appPages';
import { refusal } from './brokerHarness';
import { expect, test } from './fixtures';
import type { AppHarness } from './harness';

/**
 * Who is calling, as the person sees it: two tools that both call themselves "my-agent" (each with
 * its own secret) are two tools in the dialog, the Tools view and the audit, each with the program
 * the system shows at the other end of the socket; revoking one leaves the other.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';
/** The tools here are this test process: the system shows its Node on Linux, and nothing elsewhere. */
const PROGRAM = process.platform === 'linux' ? realpathSync(process.execPath) : 'unknown program';

/** A tool named `name` on the app's broker socket, asking for read-files; the test clicks Always allow. */
async function approvedTool(app: AppHarness, name: string, shownAs: string, clients: BrokerClient[]): Promise<{ client: BrokerClient; connectionId: string }> {
  const client = await BrokerClient.connect(brokerEndpoint(app.dataDir));
  clients.push(client);
  await client.send('hello', { tool: name });
  const asking = client.send<RequestResult>('request', { providerId: 'sandbox', actions: ['read-files'] });
  const dialog = app.page.getByRole('dialog', { name: `“${shownAs}” wants to use your Sandbox account` });
  await expect(dialog).toContainText(`Program: ${PROGRAM}`);
  if (shownAs !== name) await expect(dialog).toContainText(`Another tool is already called “${name}”: this is a different one (it has another secret), shown as “${shownAs}”.`);
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  await expect(dialog).toBeHidden();
  return { client, connectionId: (await asking).connectionId };
}

function readFiles(connectionId: string) {
  return { connectionId, action: 'read-files', method: 'GET', path: '/api/files' };
}

test('two tools that call themselves "my-agent" are shown apart, each with its program, and revoked apart', { tag: '@broker-identity' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const clients: BrokerClient[] = [];
  try {
    const first = await approvedTool(app, 'my-agent', 'my-agent', clients);
    const second = await approvedTool(app, 'my-agent', 'my-agent (2)', clients);
    await second.client.send('call', readFiles(second.connectionId));

    // The audit says which of the two called, and through which program.
    await expect(connection(app.page, SANDBOX).getByRole('list', { name: 'Calls by tools' }).getByRole('listitem')).toHaveText([
      new RegExp(`^“my-agent \\(2\\)” via ${PROGRAM.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} · Read your files`),
    ]);

    // One tool's detail at a time, each chosen in the Tools list.
    const firstCard = await openTool(app.page, 'my-agent');
    await expect(firstCard).toContainText(`from ${PROGRAM}`);
    await expect(firstCard.getByRole('button', { name: 'Revoke my-agent', exact: true })).toBeVisible();
    const secondCard = await openTool(app.page, 'my-agent (2)');
    await expect(secondCard).toContainText(`from ${PROGRAM}`);
    await secondCard.getByRole('button', { name: 'Revoke my-agent (2)', exact: true }).click();
    await expect(secondCard).toBeHidden();
    await expect(app.page.getByRole('listbox', { name: 'Approved tools' }).getByRole('option')).toHaveCount(1);
    await expect(firstCard).toBeVisible();

    // Revoked apart: the second's next call is refused, the first's still goes through.
    expect((await refusal(second.client.send('call', readFiles(second.connectionId)))).code).toBe('not_approved');
    expect(await first.client.send('call', readFiles(first.connectionId))).toMatchObject({ status: 200 });
  } finally {
    for (const client of clients) client.close();
  }
});
