import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the page sends its launch token in, once, to get the session secret. */
export const LAUNCH_HEADER = 'x-scopekeeper-launch';
/** The header every invoke carries the session secret in; the event stream takes it as `?session=`. */
export const SESSION_HEADER = 'x-scopekeeper-session';

const secret = (): string => randomBytes(32).toString('base64url');
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant-time: how much of a guess was right never shows in how long the answer took. */
function same(given: string | undefined, expected: string): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may use the preview host's IPC: the page opened from this launch's address, and nobody
 * else on the machine. The address carries a one-time launch token in its fragment (a browser
 * never sends a fragment, so fetching the page gets nobody the token); the page trades it, once,
 * for the session secret, which it keeps in the tab's sessionStorage and sends with every invoke.
 * Loopback is reachable by every user and every page the person's browser shows, so the host
 * name and the Origin are checked as well: a rebound DNS name or another page gets nothing.
 */
export class LaunchGate {
  private launchToken: string | undefined = secret();
  private readonly session = secret();

  constructor(private readonly origin: string) {}

  /** The address to open, once: the page's own address with the launch token in its fragment. */
  launchUrl(): string {
    return this.launchToken === undefined ? `${this.origin}/` : `${this.origin}/#launch=${this.launchToken}`;
  }

  /** Whether the request names this host (`127.0.0.1:<port>`), not a name rebound to loopback. */
  ownHost(req: IncomingMessage): boolean {
    return req.headers.host === new URL(this.origin).host;
  }

  /** The session secret for the launch token, the first time only; undefined for anything else. */
  exchange(req: IncomingMessage): string | undefined {
    if (this.launchToken === undefined || !this.fromPage(req) || !same(header(req, LAUNCH_HEADER), this.launchToken)) return undefined;
    this.launchToken = undefined;
    return this.session;
  }

  /** An invoke from our page: our Origin, and the session secret. */
  allowsInvoke(req: IncomingMessage): boolean {
    return this.fromPage(req) && same(header(req, SESSION_HEADER), this.session);
  }

  /** The event stream: EventSource cannot send headers, so the secret comes as `?session=`. */
  allowsEvents(req: IncomingMessage, url: URL): boolean {
    const origin = req.headers.origin;
    return (origin === undefined || origin === this.origin) && same(url.searchParams.get('session') ?? undefined, this.session);
  }

  /** Our Origin (a browser always sends it on a POST; a process that forges it lacks the secrets). */
  private fromPage(req: IncomingMessage): boolean {
    return req.headers.origin === this.origin;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
