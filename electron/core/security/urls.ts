import { isAbsolute, relative, resolve } from 'node:path';

/** Plain http to this machine: the loopback IP literals, and `localhost`. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/**
 * What may be handed to the system browser: https anywhere, http only to this machine
 * (RFC 8252 §7.3 loopback servers such as the sandbox). Never file:, javascript:, custom schemes.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || isLoopbackHttp(url);
}

/**
 * Maps a request for the app's own scheme to a file inside the renderer folder, or null for
 * anything that would escape it (`..`, encoded separators, another host).
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string, host = 'app'): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const file = resolve(rendererDir, `.${path === '/' ? '/index.html' : path}`);
  const inside = relative(rendererDir, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}
