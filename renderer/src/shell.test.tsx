// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Root } from './Root';
import { renderShell } from './shell';
import { createFakeBridge } from './testing/fakeBridge';
import { resetApp } from './testing/renderWithBridge';
import { setBridgeForTests } from './bridge';

afterEach(resetApp);

describe('the prerendered first frame', () => {
  it('is the header and the sidebar saying the connections are loading, with no inline style (the CSP blocks them)', () => {
    const container = document.createElement('div');
    container.innerHTML = renderShell();
    expect(container.querySelector('h1')?.textContent).toBe('Scopekeeper');
    expect(container.textContent).toContain('Loading connected accounts…');
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('is taken over by the window without a mismatch, then loads as usual', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    container.innerHTML = renderShell();
    const heading = container.querySelector('h1');
    const bridge = createFakeBridge({});
    setBridgeForTests(bridge.api);
    const mismatch = vi.fn();
    // A differing attribute or text is only logged (in development React), not recovered from.
    const logged = vi.spyOn(console, 'error');
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, <Root />, { onRecoverableError: mismatch });
    });
    // Hydrated in place: the same element, not a new tree, and React reported nothing to recover from.
    expect(mismatch).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
    expect(container.querySelector('h1')).toBe(heading);
    await vi.waitFor(() => expect(container.textContent).toContain('No accounts connected yet.'));
    act(() => root?.unmount());
    container.remove();
    logged.mockRestore();
  });
});
