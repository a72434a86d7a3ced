// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyView, preloadViews, ViewSlot } from './lazyView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(cleanup);

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyView', () => {
  it('renders a view whose chunk is in within the same render, with no fallback frame', async () => {
    const load = vi.fn(() => Promise.resolve(Greeting));
    const View = lazyView(load);
    await preloadViews();
    render(
      <ViewSlot>
        <View name="Alex" />
      </ViewSlot>,
    );
    expect(screen.getByText('Hello Alex')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fetches a view not yet loaded when it is first shown', async () => {
    const View = lazyView(() => Promise.resolve(Greeting));
    render(
      <ViewSlot>
        <View name="Sam" />
      </ViewSlot>,
    );
    expect(screen.queryByText('Hello Sam')).toBeNull();
    expect(await screen.findByText('Hello Sam')).toBeTruthy();
  });

  it('says so in place of the view, and only there, when its chunk cannot be loaded; a later preload tries again', async () => {
    const load = vi.fn<() => Promise<typeof Greeting>>().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValue(Greeting);
    const View = lazyView(load);
    // React reports the error it caught; the sentence is what the person sees.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <main>
        <h2>Settings</h2>
        <ViewSlot>
          <View name="Kim" />
        </ViewSlot>
      </main>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('This part of the window could not be shown. Restart Scopekeeper; if it happens again, please report it.');
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    logged.mockRestore();
    await act(() => preloadViews());
    expect(load).toHaveBeenCalledTimes(2);
  });
});
