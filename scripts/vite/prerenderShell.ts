import { createServer } from 'vite';
import type { Plugin, PluginOption } from 'vite';

const ROOT_ELEMENT = '<div id="root"></div>';

/**
 * Builds the window's first frame into index.html: `renderShell()` from `shellModule` (run in
 * Node through Vite's SSR loader, with the same plugins as the renderer) goes inside #root, so the
 * window paints its header and "Loading connected accounts…" as soon as the HTML and CSS are in,
 * without waiting for the script bundle. The window's first render, once the connection list is in,
 * replaces that markup (renderer/src/mount.tsx).
 *
 * Only in `build`: the dev server keeps an empty root, which the window renders at once.
 */
export function prerenderShell(options: { root: string; shellModule: string; plugins: PluginOption[] }): Plugin {
  return {
    name: 'scopekeeper-prerender-shell',
    apply: 'build',
    async transformIndexHtml(html) {
      if (!html.includes(ROOT_ELEMENT)) throw new Error(`index.html has no empty ${ROOT_ELEMENT} to prerender into.`);
      const server = await createServer({
        root: options.root,
        configFile: false,
        logLevel: 'error',
        plugins: options.plugins,
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
      });
      try {
        const { renderShell } = (await server.ssrLoadModule(options.shellModule)) as { renderShell(): string };
        const shell = renderShell();
        // The page's CSP allows no inline styles: a style attribute in the first frame would be dropped.
        if (/\sstyle="/.test(shell)) throw new Error('The prerendered first frame has an inline style attribute, which the CSP blocks.');
        return html.replace(ROOT_ELEMENT, `<div id="root">${shell}</div>`);
      } finally {
        await server.close();
      }
    },
  };
}
