// @vitest-environment happy-dom
import { act, screen } from '@testing-library/react';
import type { Root as ReactRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountWindow } from './mount';
import { renderShell } from './shell';
import { aliceConnection, createFakeBridge } from './testing/fakeBridge';
import { resetApp } from './testing/renderWithBridge';
import { setBridgeForTests } from './bridge';
import { appStore } from './store';

afterEach(resetApp);

describe('the prerendered first frame', () => {
  it('is the header and the sidebar saying the connections are loading, with no inline style (the CSP blocks them)', () => {
    const container = document.createElement('div');
    container.innerHTML = renderShell();
    expect(container.querySelector('h1')?.textContent).toBe('Scopekeeper');
    expect(container.textContent).toContain('Loading connected accounts…');
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('stays as it is until the connection list is in, then the window renders once with the list, and asks for the rest after', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    container.innerHTML = renderShell();
    const frame = container.innerHTML;
    const bridge = createFakeBridge({ connections: [aliceConnection] });
    setBridgeForTests(bridge.api);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const list = bridge.api.grants.list.getMockImplementation()!;
    bridge.api.grants.list.mockImplementationOnce(async (request) => {
      await answered;
      return list(request);
    });
    const logged = vi.spyOn(console, 'error');
    let mounted: Promise<ReactRoot> | undefined;
    act(() => {
      mounted = mountWindow(container);
    });
    // The list is on its way: the prerendered frame is untouched, and nothing else was asked before it.
    await vi.waitFor(() => expect(bridge.api.grants.list).toHaveBeenCalledWith({ withFirstDetail: true }));
    expect(container.innerHTML).toBe(frame);
    expect(bridge.api.app.status).not.toHaveBeenCalled();
    expect(bridge.api.providers.list).not.toHaveBeenCalled();

    let root: ReactRoot | undefined;
    await act(async () => {
      answer();
      root = await mounted;
      await appStore.getState().init();
    });
    // The window's first render has the list and the first connection's detail; the rest is asked once.
    expect(container.textContent).not.toContain('Loading connected accounts…');
    expect(screen.getByRole('option', { name: /alice@example\.test/ })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: /Sandbox/ })).toBeTruthy();
    expect(bridge.api.app.status).toHaveBeenCalledTimes(1);
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(1);
    expect(bridge.api.grants.detail).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
    act(() => root?.unmount());
    container.remove();
    logged.mockRestore();
  });

  it('shows why when the connection list cannot be had, in place of the frame', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    container.innerHTML = renderShell();
    const bridge = createFakeBridge({});
    setBridgeForTests(bridge.api);
    bridge.api.grants.list.mockResolvedValueOnce({ ok: false, error: { code: 'VAULT_LOCKED', message: 'The vault is locked.' } });
    let root: ReactRoot | undefined;
    await act(async () => {
      root = await mountWindow(container);
      await appStore.getState().init();
    });
    expect(container.textContent).not.toContain('Loading connected accounts…');
    expect(screen.getByRole('alert').textContent).toContain('secure storage');
    act(() => root?.unmount());
    container.remove();
  });
});
