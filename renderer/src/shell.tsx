import { renderToString } from 'react-dom/server';
import { Root } from './Root';

/**
 * The window's first frame as HTML, rendered at build time into index.html (see
 * scripts/vite/prerenderShell.ts): the header, the sidebar saying the connections are loading, an
 * empty pane. Nothing here reads the bridge (the store loads in an effect), so this is exactly
 * what the first client render produces, and main.tsx hydrates it instead of building it again.
 */
export function renderShell(): string {
  return renderToString(<Root />);
}
