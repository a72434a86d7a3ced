// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteToolsView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { RemoteTools } from './RemoteTools';

afterEach(resetApp);

const notes: RemoteToolsView = {
  connectionId: 'c1',
  serverName: 'Notes',
  tools: [
    { name: 'read_notes', title: 'Read notes', description: 'Lists the notes that match the words.', readOnly: true, destructive: false },
    { name: 'send_note', description: 'Sends a note to someone.', readOnly: false, destructive: true, neededScopes: ['messages:write'] },
  ],
};
const titles = new Map([['messages:write', 'Create and change your messages']]);

describe('the tools of a connection’s MCP server', () => {
  it('lists each tool with what it does, whether it only reads, and the permission a refused call needed', async () => {
    renderWithBridge(<RemoteTools connectionId="c1" titles={titles} />, { remoteTools: { c1: notes } });
    const list = await screen.findByRole('list', { name: 'Tools this server offers' });
    const [read, send] = within(list).getAllByRole('listitem');
    expect(read!.textContent).toContain('Read notes');
    expect(read!.textContent).toContain('Only reads');
    expect(read!.textContent).toContain('Lists the notes that match the words.');
    expect(send!.textContent).toContain('send_note');
    expect(send!.textContent).toContain('Can change or delete things');
    expect(send!.textContent).toContain('Needed when a call was refused: Create and change your messages');
  });

  it('follows the server when it changes its tools', async () => {
    const { bridge } = renderWithBridge(<RemoteTools connectionId="c1" titles={titles} />, { remoteTools: { c1: notes } });
    await screen.findByRole('list', { name: 'Tools this server offers' });
    await act(() => appStore.getState().init());
    await act(async () => bridge.emitRemoteToolsChanged('c1', { ...notes, tools: [...notes.tools, { name: 'archive', readOnly: false, destructive: false }] }));
    expect(await screen.findByText('archive', { selector: '.scope-title' })).toBeTruthy();
  });

  it('says so in words when the server cannot be asked', async () => {
    renderWithBridge(<RemoteTools connectionId="gone" titles={titles} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/could not be listed/);
    expect(screen.getByRole('status').textContent).not.toMatch(/INVALID_REQUEST/);
  });
});
