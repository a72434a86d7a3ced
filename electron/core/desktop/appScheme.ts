import { pathToFileURL } from 'node:url';
import { resolveAppAsset } from '../security/urls';

/**
 * The policy the app's pages run under, sent as a header by the `scopekeeper://` handler as well
 * as in renderer/index.html's meta tag (a header also covers responses the meta tag cannot).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The headers of a file served on the app scheme: the file's own, plus the CSP and nosniff. */
export function appSchemeHeaders(fileHeaders: Headers): Headers {
  const headers = new Headers(fileHeaders);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}

/**
 * The answer to one `scopekeeper://` request: a file inside the renderer folder (never outside,
 * see resolveAppAsset) with the security headers, or 404. `fetchFile` is Electron's net.fetch.
 */
export async function appSchemeResponse(
  rendererDir: string,
  requestUrl: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  const file = resolveAppAsset(rendererDir, requestUrl);
  const response = file ? await fetchFile(pathToFileURL(file).href).catch(() => null) : null;
  if (!response?.ok) return new Response('Not found', { status: 404, headers: appSchemeHeaders(new Headers()) });
  return new Response(response.body, { status: response.status, headers: appSchemeHeaders(response.headers) });
}
