import { Component, lazy, Suspense } from 'react';
import type { ComponentType, JSX, ReactNode } from 'react';

type Load<P> = () => Promise<ComponentType<P>>;

const preloads: (() => Promise<unknown>)[] = [];

/**
 * A part of the window whose code is its own chunk, fetched when it is first shown (or by
 * `preloadViews`), so the window's first frame parses and runs only what it paints.
 *
 * Once the chunk is in, the view renders at once: React.lazy is handed a thenable that calls
 * back synchronously, so a preloaded view never flashes its fallback. A chunk that failed to load
 * is fetched again by the next preload or first render; a view that already failed on screen
 * keeps its sentence (ViewSlot) until the window is reloaded.
 */
export function lazyView<P extends object>(load: Load<P>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (view) => (loaded = view),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  preloads.push(preload);
  return lazy(() =>
    loaded !== undefined
      ? ({ then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: loaded! }) } as unknown as Promise<{ default: ComponentType<P> }>)
      : preload().then((view) => ({ default: view })),
  );
}

/** Fetches every lazy view's chunk; the window calls it once its first frame is up. */
export function preloadViews(): Promise<void> {
  return Promise.allSettled(preloads.map((preload) => preload())).then(() => undefined);
}

/**
 * Where a lazy view is shown: nothing while its chunk arrives (a local file, a few ms), and a
 * plain sentence, in place of that part alone, if it cannot be loaded or shown.
 */
export function ViewSlot({ children }: { children: ReactNode }): JSX.Element {
  return (
    <ViewBoundary>
      <Suspense fallback={null}>{children}</Suspense>
    </ViewBoundary>
  );
}

class ViewBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <p role="alert" className="placeholder">
        This part of the window could not be shown. Restart Scopekeeper; if it happens again, please report it.
      </p>
    );
  }
}
