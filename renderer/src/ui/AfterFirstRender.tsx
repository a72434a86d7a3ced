import { useDeferredValue } from 'react';
import type { ReactNode } from 'react';

/**
 * False in a component's first render, true from the render React does just after it (a deferred
 * render, which input can interrupt), and from then on. For what the first frame with content
 * does not need: code that runs for the first time costs the window's first render its compiling
 * and first run, even where it then shows nothing.
 */
export function useAfterFirstRender(): boolean {
  return useDeferredValue(true, false);
}

/**
 * Its children from the render after the first: for parts that show nothing when the window first
 * renders (what they show is loaded after the connection list), or that start below the fold.
 */
export function AfterFirstRender({ children }: { children: ReactNode }): ReactNode {
  return useAfterFirstRender() ? children : null;
}
