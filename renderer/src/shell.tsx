import { renderToString } from 'react-dom/server';
import { Root } from './Root';

/**
 * The window's first frame as HTML, rendered at build time into index.html (see
 * scripts/vite/prerenderShell.ts): the header, the sidebar saying the connections are loading, an
 * empty pane. Nothing here reads the bridge (the store is empty and renderToString runs no
 * effect). It shows until the connection list is in; the window's first render, with the list,
 * then replaces it (mount.tsx).
 */
export function renderShell(): string {
  return renderToString(<Root />);
}
