/**
 * A "browser" for core-level tests without Chromium: it opens the authorization URL through the
 * routing fetch, signs in, and submits the provider's consent form (unticking what the test says),
 * following redirects back to the app's loopback receiver, with the provider's cookies kept.
 */
import type { BrowserOpener } from '../../electron/core/ports';

const decode = (text: string): string => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function formAction(html: string): string {
  const match = html.match(/<form method="post" action="([^"]+)"/);
  if (!match) throw new Error(`No form on the page: ${html.slice(0, 200)}`);
  return decode(match[1]!);
}

function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [decode(m[1]!), decode(m[2]!)]);
}

export function formBrowser(fetchImpl: typeof fetch, options: { username?: string; untick?: () => readonly string[] } = {}): BrowserOpener {
  return {
    open: async (url) => {
      let cookie = '';
      const go = async (start: string, form?: URLSearchParams): Promise<string> => {
        let next = start;
        let body = form;
        for (;;) {
          const response = await fetchImpl(next, {
            method: body ? 'POST' : 'GET',
            headers: { cookie, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
            ...(body ? { body: body.toString() } : {}),
            redirect: 'manual',
          });
          const set = response.headers.getSetCookie();
          if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
          if (response.status < 300 || response.status >= 400) return response.text();
          next = new URL(response.headers.get('location')!, next).href;
          body = undefined;
        }
      };
      // Like a real browser, the page loads on its own while the app waits for the callback.
      void (async () => {
        let html = await go(url);
        if (html.includes('name="username"')) {
          html = await go(formAction(html), new URLSearchParams([...hiddenFields(html), ['username', options.username ?? 'alex']]));
        }
        if (!html.includes('name="decision"')) return;
        const untick = new Set(options.untick?.() ?? []);
        const ticked = [...html.matchAll(/<input type="checkbox" name="scope" value="([^"]+)" checked>/g)].map((m) => decode(m[1]!)).filter((s) => !untick.has(s));
        await go(formAction(html), new URLSearchParams([...hiddenFields(html), ...ticked.map((s): [string, string] => ['scope', s]), ['decision', 'allow']]));
      })().catch(() => undefined);
    },
  };
}
