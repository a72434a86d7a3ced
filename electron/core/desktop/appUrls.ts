import type { Sender } from '../ipc/binding';
import { isSafeExternalUrl } from '../security/urls';

/**
 * Where the app's own pages live, as the scheme and host a URL must have. Node's URL reports
 * `origin === "null"` for every non-special scheme (`new URL('scopekeeper://app/').origin`), so
 * comparing origins would refuse our own packaged window: compare protocol and host instead.
 */
export interface OwnLocation {
  /** With the colon, as `URL.protocol` has it: `scopekeeper:`, `http:`. */
  readonly protocol: string;
  /** As `URL.host` has it, port included: `app`, `localhost:5173`. */
  readonly host: string;
}

export const APP_SCHEME = 'scopekeeper';
export const APP_HOST = 'app';
/** The packaged window's page. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
const APP_LOCATION: OwnLocation = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Our own scheme always; in development (`npm start`, never a packaged app) also the dev server
 * the window loads instead. A dev server URL that does not parse adds nothing.
 */
export function ownLocations(devServerUrl: string | undefined): readonly OwnLocation[] {
  const dev = parse(devServerUrl);
  return dev && (dev.protocol === 'http:' || dev.protocol === 'https:') ? [APP_LOCATION, { protocol: dev.protocol, host: dev.host }] : [APP_LOCATION];
}

/** True only for a URL on one of our own locations; '' , null, garbage and look-alikes are not. */
export function isOwnUrl(raw: unknown, locations: readonly OwnLocation[]): boolean {
  const url = parse(raw);
  if (!url || url.username || url.password) return false;
  return locations.some((own) => url.protocol === own.protocol && url.host === own.host);
}

/** An IPC caller we answer: the top frame of our window, showing one of our own pages. */
export function isOwnSender(sender: Sender, locations: readonly OwnLocation[]): boolean {
  return sender.isMainFrame && isOwnUrl(sender.url, locations);
}

/** The part of Electron's WebFrameMain we read. */
export interface FrameLike {
  readonly url: string;
}

/**
 * Electron's `event.senderFrame` as a Sender. The frame can be null (navigated away or gone),
 * and reading a disposed frame (or a closed window's) throws: both become a sender nobody
 * trusts, never an exception.
 */
export function senderFromFrame(frame: FrameLike | null | undefined, mainFrame: () => FrameLike | undefined): Sender {
  try {
    return { url: frame?.url, isMainFrame: frame != null && frame === mainFrame() };
  } catch {
    return { url: undefined, isMainFrame: false };
  }
}

/** What happens to a navigation or new window a page asks for. */
export type LinkVerdict = 'allow' | 'open-in-browser' | 'block';

/**
 * `will-navigate`: our own pages stay; an https link goes to the person's browser; anything else
 * (file:, javascript:, custom schemes, plain http) is blocked. `mayLeave` is true only for the
 * test sign-in windows of the Electron e2e target, which navigate through the provider's pages.
 */
export function navigationVerdict(url: string, locations: readonly OwnLocation[], mayLeave = false): LinkVerdict {
  if (mayLeave || isOwnUrl(url, locations)) return 'allow';
  return isHttpsLink(url) ? 'open-in-browser' : 'block';
}

/** `will-redirect`: a redirect is not a person's click, so it is never handed to the browser. */
export function redirectVerdict(url: string, locations: readonly OwnLocation[], mayLeave = false): LinkVerdict {
  return mayLeave || isOwnUrl(url, locations) ? 'allow' : 'block';
}

/**
 * `setWindowOpenHandler` (target=_blank, window.open, middle-click and ctrl-click on a link): the
 * app never opens a window of its own; an https link goes to the person's browser.
 */
export function newWindowVerdict(url: string): Exclude<LinkVerdict, 'allow'> {
  return isHttpsLink(url) ? 'open-in-browser' : 'block';
}

function isHttpsLink(raw: string): boolean {
  return parse(raw)?.protocol === 'https:' && isSafeExternalUrl(raw);
}
