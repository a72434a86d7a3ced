import { BrokerClient } from '../electron/cli/client';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import type { CallResult, RequestResult } from '../electron/core/broker/protocol';
import { allowCall, connection, connectWith } from './appPages';
import { refusal } from './brokerHarness';
import { expect, test } from './fixtures';

/**
 * An approval limited to the one resource a tool names, as the person gives it: the tool asks to
 * edit one Sandbox file (`{fileId}`, the Sandbox's path parameter for a file; GitHub's test server
 * does not answer repository calls through the broker yet), the person keeps “Only …” in the real
 * dialog, a call to that file goes through, and a call to another file is refused before anything
 * reaches the Sandbox, as the window's audit list shows.
 */
const SANDBOX = 'Sandbox: alex@sandbox.test';

const clients: BrokerClient[] = [];
test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

test('a tool limited to one file edits it and is refused another', { tag: '@broker-resource-limit' }, async ({ app }) => {
  await connectWith(app, 'Sandbox');
  const agent = await BrokerClient.connect(brokerEndpoint(app.dataDir));
  clients.push(agent);
  await agent.send('hello', { tool: 'file-agent' });
  const dialog = app.page.getByRole('dialog', { name: '“file-agent” wants to use your Sandbox account' });

  // First it reads which files there are (any file, as the person allows).
  const reading = agent.send<RequestResult>('request', { providerId: 'sandbox', actions: ['read-files'] });
  await expect(dialog.getByRole('group', { name: 'Which file?' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  const { connectionId } = await reading;
  const read = (path: string) => agent.send<CallResult>('call', { connectionId, action: 'read-files', method: 'GET', path });
  const { files } = JSON.parse((await read('/api/files')).body) as { files: { id: string; name: string }[] };
  const welcome = files.find((f) => f.name === 'Welcome.txt')!.id;
  const plans = files.find((f) => f.name === 'Plans.md')!;

  // Then it asks to edit the one file it names; “Only …” is chosen first.
  const editing = agent.send<RequestResult>('request', { connectionId, actions: ['edit-files'], resource: { fileId: welcome } });
  const which = dialog.getByRole('group', { name: 'Which file?' });
  await expect(which.getByRole('radio', { name: `Only ${welcome}` })).toBeChecked();
  await expect(which.getByRole('radio', { name: 'Any file' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Always allow' }).click();
  await expect(dialog).toBeHidden();
  expect(await editing).toMatchObject({ actions: ['edit-files'], resource: { fileId: welcome } });

  const edit = (fileId: string) =>
    agent.send<CallResult>('call', { connectionId, action: 'edit-files', method: 'PUT', path: `/api/files/${fileId}`, body: JSON.stringify({ content: 'edited by file-agent' }) });
  // Its own file: confirmed by the person (editing can delete), then forwarded.
  const own = edit(welcome);
  await allowCall(app.page, 'file-agent', 'edit your files');
  expect((await own).status).toBe(200);
  // Another file: refused at once, no question, nothing forwarded.
  const other = await refusal(edit(plans.id));
  expect(other.code).toBe('operation_not_allowed');
  expect(other.message).toBe(`This approval covers only the file ${welcome}; PUT /api/files/${plans.id} is for another file.`);
  await expect(app.page.getByRole('dialog')).toBeHidden();
  expect(JSON.parse((await read(`/api/files/${plans.id}`)).body)).toMatchObject({ name: 'Plans.md', content: '# Plans\n- Try Scopekeeper' });

  // The window: the refused call is on record, and nothing to that file was forwarded.
  const calls = connection(app.page, SANDBOX).getByRole('list', { name: 'Calls by tools' }).getByRole('listitem');
  const toPlans = calls.filter({ hasText: `PUT ` }).filter({ hasText: `/api/files/${plans.id}` });
  await expect(toPlans).toHaveCount(1);
  await expect(toPlans).toContainText('refused: not covered by the action');
  await expect(calls.filter({ hasText: `PUT ` }).filter({ hasText: `/api/files/${welcome} answered 200` })).toHaveCount(1);

  // Tools: the limit beside the action.
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tools' }).click();
  const card = app.page.getByRole('article', { name: 'file-agent' });
  await expect(card.getByRole('row', { name: /Edit your files/ }).getByRole('cell').first()).toHaveText(`Edit your files — only ${welcome}`);
  await expect(card.getByRole('row', { name: /Read your files/ }).getByRole('cell').first()).toHaveText('Read your files');
});
