// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemovedConnectionView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { RemovedConnections } from './RemovedConnections';

afterEach(resetApp);

const removedBob: RemovedConnectionView = {
  connectionId: 'conn-bob',
  providerId: 'github',
  providerName: 'GitHub',
  account: '@bob',
  removedAt: '2025-03-02T09:00:00.000Z',
  history: [
    { at: '2025-03-01T09:00:00.000Z', kind: 'connected', scopes: ['repo'], message: 'Connected with 1 permissions.' },
    { at: '2025-03-02T09:00:00.000Z', kind: 'removed', scopes: ['repo'], message: 'Forgotten on this computer; the provider still has the grant.' },
  ],
};

describe('RemovedConnections', () => {
  it('shows nothing while no connection was removed', async () => {
    const { container } = renderWithBridge(<RemovedConnections />);
    await act(() => appStore.getState().init());
    expect(container.textContent).toBe('');
  });

  it('lists a removed connection with its history folded, newest first once opened', async () => {
    renderWithBridge(<RemovedConnections />, { removedConnections: [removedBob] });
    await act(() => appStore.getState().init());
    const section = screen.getByRole('region', { name: 'Removed connections' });
    const article = within(section).getByRole('article', { name: 'Removed connection: GitHub, @bob' });
    const fold = article.querySelector('details')!;
    expect(fold.open).toBe(false);
    expect(fold.querySelector('summary')!.textContent).toBe('History (2 events)');
    fold.open = true;
    const entries = within(article).getAllByRole('listitem');
    expect(entries.map((li) => li.textContent?.split(' ')[0])).toEqual(['Removed', 'Connected']);
    expect(entries[0]!.textContent).toContain('Forgotten on this computer');
  });

  it('refetches when the main process says grants changed', async () => {
    const { bridge } = renderWithBridge(<RemovedConnections />);
    await act(() => appStore.getState().init());
    expect(screen.queryByRole('region', { name: 'Removed connections' })).toBeNull();
    bridge.data.removedConnections = [removedBob];
    await act(async () => bridge.emitGrantsChanged({ connectionId: 'conn-bob' }));
    expect(await screen.findByRole('article', { name: 'Removed connection: GitHub, @bob' })).toBeTruthy();
  });
});
