// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView, ProviderView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { aliceConnection, customProvider, fail, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

const notes = (revocation: boolean, signIn = true): ProviderView => ({ ...customProvider, id: 'mcp-1', name: 'Notes', mcp: { url: 'https://notes.example/mcp', signIn, revocation } });
const onNotes = (id: string, account: string): ConnectionView => ({ ...aliceConnection, id, providerId: 'mcp-1', providerName: 'Notes', account });

async function openSettings(provider: ProviderView, connections: ConnectionView[]) {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider, provider], connections });
  await screen.findAllByText(connections[0]!.account);
  await act(async () => {});
  openSettingsAt('Providers and clients');
  return rendered;
}

describe('Settings → an MCP server the person added', () => {
  it('is removed with its connections once confirmed, the confirmation saying what happens to them and to tools', async () => {
    const { bridge } = await openSettings(notes(true), [onNotes('c1', 'ann@notes.example'), onNotes('c2', 'bob@notes.example')]);
    expect(screen.queryByRole('form', { name: 'Edit Notes' })).toBeNull();
    await act(async () => screen.getByRole('button', { name: 'Remove Notes…' }).click());
    const dialog = screen.getByRole('dialog', { name: 'Remove Notes?' });
    expect(dialog.textContent).toContain('Its 2 connections are disconnected: Scopekeeper asks its sign-in service to revoke their tokens, then deletes them here.');
    expect(dialog.textContent).toContain('Tools you allowed to use its tools lose those approvals.');
    await act(async () => within(dialog).getByRole('button', { name: 'Remove' }).click());
    expect(bridge.api.providers.removeServer).toHaveBeenCalledWith({ providerId: 'mcp-1', withConnections: true });
    expect(screen.queryByRole('button', { name: 'Remove Notes…' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Notes was removed.Dismiss');
  });

  it('says where its sign-in service cannot revoke, and Keep removes nothing', async () => {
    const { bridge } = await openSettings(notes(false), [onNotes('c1', 'ann@notes.example')]);
    await act(async () => screen.getByRole('button', { name: 'Remove Notes…' }).click());
    const dialog = screen.getByRole('dialog', { name: 'Remove Notes?' });
    expect(dialog.textContent).toContain('Its connection is disconnected: its sign-in service offers no way to revoke, so its tokens are deleted here and stop working when they expire.');
    await act(async () => within(dialog).getByRole('button', { name: 'Keep' }).click());
    expect(bridge.api.providers.removeServer).not.toHaveBeenCalled();
  });

  it('a server with no sign-in: its connection goes, and a failure is said beside the button', async () => {
    const { bridge } = await openSettings(notes(false, false), [onNotes('c1', 'No sign-in needed')]);
    bridge.api.providers.removeServer.mockResolvedValueOnce(fail('PROVIDER_ERROR'));
    await act(async () => screen.getByRole('button', { name: 'Remove Notes…' }).click());
    const dialog = screen.getByRole('dialog', { name: 'Remove Notes?' });
    expect(dialog.textContent).toContain('Its connection is removed (it holds no tokens).');
    await act(async () => within(dialog).getByRole('button', { name: 'Remove' }).click());
    expect(screen.getByRole('alert').textContent).not.toMatch(/PROVIDER_ERROR/);
    expect(screen.getByRole('button', { name: 'Remove Notes…' })).toBeTruthy();
  });
});
