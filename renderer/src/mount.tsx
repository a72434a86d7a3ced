import { createRoot, type Root as ReactRoot } from 'react-dom/client';
import { Root } from './Root';
import { appStore } from './store';

/**
 * Mounts the window on `container` and resolves with its React root once its first render is
 * scheduled.
 *
 * The built index.html already holds the first frame (prerendered by the build, see shell.tsx),
 * painted before the window's script runs, and the preload asked for the connection list as the
 * page began to load. That frame stays as it is until the list is in (or has failed); then the
 * window renders once, with the list, in place of the frame: one render with the content, where
 * taking the frame over (hydration) would be a render of the frame and then a second one for the
 * list. The rest (status, providers, tools' questions…) is asked by that render's effects (App
 * calls init()), after the content. An empty container (the dev server's) is rendered at once.
 */
export async function mountWindow(container: HTMLElement): Promise<ReactRoot> {
  const root = createRoot(container);
  // start() reports a failure in the store (the window then shows it); it does not reject.
  if (container.firstElementChild !== null) await appStore.getState().start();
  root.render(<Root />);
  return root;
}
