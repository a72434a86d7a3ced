/**
 * Test helper: a person approving a device sign-in (RFC 8628) on the sandbox's pages, without a
 * browser: the confirm page, the login and consent pages, posted as a browser would post them.
 */
import { CookieBrowser, formAction, page } from './sandboxCodeFlow';

/** The target and hidden fields of the page's first post form (oidc-provider's device forms). */
function deviceForm(html: string, issuer: string): { action: string; fields: URLSearchParams } {
  const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`No device form on the page:\n${html}`);
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) fields.append(input[1]!, input[2]!);
  return { action: new URL(form[1]!, issuer).href, fields };
}

export interface DeviceApproval {
  /** Scopes to untick on the consent page. */
  untick?: readonly string[];
  /** Press Cancel on the confirm page instead of Confirm. */
  abort?: boolean;
}

/**
 * Opens the page with the code filled in (`verification_uri_complete`), confirms it, signs in as
 * alex and allows the offered scopes. Resolves to the last page's HTML.
 */
export async function approveDevice(url: string, options: DeviceApproval = {}): Promise<string> {
  const issuer = new URL(url).origin;
  const browser = new CookieBrowser();
  let html = page(await browser.go(url));
  // With the code in the URL, oidc-provider answers a form that a browser's script posts at once.
  if (html.includes('document.forms[0].submit()')) {
    const posted = deviceForm(html, issuer);
    html = page(await browser.go(posted.action, { method: 'POST', form: posted.fields }));
  }
  const confirm = deviceForm(html, issuer);
  if (options.abort) confirm.fields.set('abort', 'yes');
  html = page(await browser.go(confirm.action, { method: 'POST', form: confirm.fields }));
  if (options.abort) return html;
  if (html.includes('Sign in to')) {
    html = page(await browser.go(formAction(html, issuer), { method: 'POST', form: new URLSearchParams({ username: 'alex' }) }));
  }
  const untick = new Set(options.untick ?? []);
  const offered = [...html.matchAll(/name="scope" value="([^"]+)"/g)].map((m) => m[1]!);
  const ticked = offered.filter((s) => !untick.has(s)).map((s): [string, string] => ['scope', s]);
  return page(await browser.go(formAction(html, issuer), { method: 'POST', form: new URLSearchParams([...ticked, ['decision', 'allow']]) }));
}
