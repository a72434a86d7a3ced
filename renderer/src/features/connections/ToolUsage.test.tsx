// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerCallView, ConnectionUsage } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { aliceConnection } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ConnectionsSection } from './ConnectionsSection';

afterEach(resetApp);

const call = (overrides: Partial<BrokerCallView>): BrokerCallView => ({
  at: '2025-03-02T09:00:00.000Z',
  toolId: 'tool-1',
  tool: 'notes-agent',
  connectionId: aliceConnection.id,
  actionId: 'read-contacts',
  actionTitle: 'Read your contacts',
  method: 'GET',
  host: 'api.example.test',
  path: '/contacts',
  status: 200,
  outcome: 'ok',
  ...overrides,
});

const used: ConnectionUsage = {
  connectionId: aliceConnection.id,
  toolsInvolved: true,
  usedBy: [
    { scope: 'openid', tools: [] },
    { scope: 'profile', tools: [] },
    { scope: 'contacts.read', tools: [{ toolId: 'tool-1', name: 'notes-agent', calls: 1, lastUsedAt: '2025-03-02T09:00:00.000Z' }] },
  ],
  calls: [call({ at: '2025-03-02T09:05:00.000Z', path: '/webhooks', status: undefined, outcome: 'operation_not_allowed', program: '/usr/bin/curl' }), call({})],
  totalCalls: 2,
  lastUsedAt: '2025-03-02T09:00:00.000Z',
};

function row(title: string): HTMLElement {
  const article = screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
  return within(article).getByRole('listitem', { name: title });
}

describe('what tools did with a connection', () => {
  it('says per granted permission which tool used it and when, or that nothing does; lists the calls newest first', async () => {
    renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection], usage: { [aliceConnection.id]: used } });
    await act(() => appStore.getState().init());

    const contacts = row('See your contacts');
    expect(contacts.textContent).toContain('Used by “notes-agent” (last used');
    expect(within(contacts).getByText((_, el) => el?.tagName === 'TIME' && el.getAttribute('dateTime') === '2025-03-02T09:00:00.000Z')).toBeTruthy();
    expect(within(row('See your basic profile')).getByText('Not used by any tool')).toBeTruthy();

    // The connection as a whole: when a tool last used it, in its header (a refused call later does not count).
    const header = screen.getByRole('article', { name: 'Sandbox: alice@example.test' }).querySelector('header')!;
    expect(header.querySelector('.last-used')?.textContent).toBe(`Last used by a tool ${new Date('2025-03-02T09:00:00.000Z').toLocaleString()}`);

    const calls = within(screen.getByRole('list', { name: 'Calls by tools' })).getAllByRole('listitem');
    expect(calls.map((li) => li.textContent?.replace(/\s+/g, ' '))).toEqual([
      // The program the system saw calling, when the line has one.
      expect.stringMatching(/^“notes-agent” via \/usr\/bin\/curl · Read your contacts .*GET api\.example\.test\/webhooks refused: not covered by the action$/),
      expect.stringMatching(/^“notes-agent” · Read your contacts .*GET api\.example\.test\/contacts answered 200$/),
    ]);
  });

  it('shows nothing about tools on a connection no tool was ever approved for', async () => {
    renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection] });
    await act(() => appStore.getState().init());
    expect(row('See your contacts').textContent).not.toContain('Used by');
    expect(screen.queryByText('Not used by any tool')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Calls by tools' })).toBeNull();
    expect(screen.queryByText(/Last used by a tool|No tool has used it/)).toBeNull();
  });

  it('says no tool has used it yet when a tool was approved but never called', async () => {
    const approvedOnly: ConnectionUsage = { ...used, usedBy: used.usedBy.map((u) => ({ ...u, tools: [] })), calls: [], totalCalls: 0, lastUsedAt: undefined };
    renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection], usage: { [aliceConnection.id]: approvedOnly } });
    await act(() => appStore.getState().init());
    expect(screen.getByText('No tool has used it yet')).toBeTruthy();
  });

  it('refreshes when the main process says a tool used the connection', async () => {
    const { bridge } = renderWithBridge(<ConnectionsSection />, { connections: [aliceConnection] });
    await act(() => appStore.getState().init());
    expect(screen.queryByRole('list', { name: 'Calls by tools' })).toBeNull();
    bridge.data.usage[aliceConnection.id] = used;
    await act(async () => {
      bridge.emitBrokerUsed([aliceConnection.id]);
      await Promise.resolve();
    });
    expect(within(await screen.findByRole('list', { name: 'Calls by tools' })).getAllByRole('listitem')).toHaveLength(2);
    expect(row('See your contacts').textContent).toContain('Used by “notes-agent”');
  });
});
