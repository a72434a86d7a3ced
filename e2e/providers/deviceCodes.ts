/**
 * The device authorization grant (RFC 8628) as GitHub and Microsoft run it, on top of each
 * server's own sign-in and consent pages: the app asks for a code, the person types it on the
 * provider's verification page (in any browser), signs in and consents, and the app's polling of
 * the token endpoint then gets the tokens. What each provider answers around it (paths, formats,
 * error names) stays in its own file.
 * @see RFC 8628 §3.1-§3.5
 */
import type { AuthorizationRequest, ConsentFlow } from './consentFlow';
import { escape, page, randomToken, type ProviderRequest, type Reply } from './kit';

/** Where the consent flow sends the browser back for a device sign-in: the provider's own "done" page. */
const DONE_PATH = '/__test/device/done';

interface DeviceGrant<R extends AuthorizationRequest> {
  request: R;
  userCode: string;
  expiresAt: number;
  /** Seconds the app must wait between polls (RFC 8628 §3.5: slow_down adds 5). */
  interval: number;
  lastPoll?: number;
  outcome?: { user: string; consented: string[] } | 'denied';
}

export type DevicePoll<R extends AuthorizationRequest> =
  | { state: 'unknown' }
  | { state: 'pending' }
  | { state: 'slow-down'; interval: number }
  | { state: 'expired' }
  | { state: 'denied' }
  | { state: 'approved'; request: R; user: string; consented: string[] };

export interface DeviceCodesOptions<R extends AuthorizationRequest> {
  provider: string;
  /** The host of the sign-in pages, e.g. https://github.com: the "done" page lives there. */
  origin: string;
  /** The page where the code is typed (GitHub: https://github.com/login/device; Microsoft: https://microsoft.com/devicelogin). */
  verificationUri: string;
  flow: ConsentFlow<R>;
  /** Seconds between polls, as the provider documents (both say 5). */
  interval: number;
  /** Seconds a code lives (GitHub: 899; Microsoft: 900). */
  expiresIn: number;
}

/** "WDJB-MJHT": eight letters without vowels, as GitHub shows them. */
function userCode(): string {
  const letters = 'BCDFGHJKLMNPQRSTVWXZ';
  const pick = (): string => Array.from({ length: 4 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
  return `${pick()}-${pick()}`;
}

export class DeviceCodes<R extends AuthorizationRequest> {
  private readonly byDeviceCode = new Map<string, DeviceGrant<R>>();

  constructor(private readonly options: DeviceCodesOptions<R>) {}

  get verificationUri(): string {
    return this.options.verificationUri;
  }

  /** A new code for this request; the request's redirect URI is the provider's own "done" page. */
  issue(request: Omit<R, 'redirectUri'>): { deviceCode: string; userCode: string; expiresIn: number; interval: number } {
    const deviceCode = randomToken('');
    const grant: DeviceGrant<R> = {
      request: { ...request, redirectUri: `${this.options.origin}${DONE_PATH}`, state: deviceCode } as R,
      userCode: userCode(),
      expiresAt: Date.now() + this.options.expiresIn * 1000,
      interval: this.options.interval,
    };
    this.byDeviceCode.set(deviceCode, grant);
    return { deviceCode, userCode: grant.userCode, expiresIn: this.options.expiresIn, interval: grant.interval };
  }

  /** The verification and "done" pages; undefined for any other request. */
  handle(http: ProviderRequest): Reply | undefined {
    const path = http.url.pathname;
    const verification = new URL(this.options.verificationUri);
    const onVerificationPage = http.host === verification.hostname && path === verification.pathname;
    if (onVerificationPage && http.method === 'GET') return this.codePage();
    if (onVerificationPage && http.method === 'POST') {
      const typed = (http.body.user_code ?? '').trim().toUpperCase();
      const found = [...this.byDeviceCode.values()].find((g) => g.userCode === typed && g.outcome === undefined && g.expiresAt > Date.now());
      if (!found) return this.codePage('That code is not valid or has expired. Check it and try again.');
      // From here the person signs in and consents as in a browser sign-in.
      return this.options.flow.start(found.request, http);
    }
    if (http.host === new URL(this.options.origin).hostname && path === DONE_PATH && http.method === 'GET') {
      const grant = this.byDeviceCode.get(http.url.searchParams.get('state') ?? '');
      if (!grant) return { status: 400, body: 'Unknown device sign-in' };
      if (http.url.searchParams.get('error') === 'access_denied') {
        grant.outcome = 'denied';
        return page(`${this.options.provider}: cancelled`, `<h1>Access denied</h1><p>The device was not connected.</p>`);
      }
      const approval = this.options.flow.redeem(http.url.searchParams.get('code') ?? undefined);
      if (!approval) return { status: 400, body: 'Unknown code' };
      grant.outcome = { user: approval.user, consented: approval.consented };
      return page(`${this.options.provider}: device connected`, `<h1>Your device is connected</h1><p>You can close this window and go back to the app.</p>`);
    }
    return undefined;
  }

  /**
   * One poll of the token endpoint (RFC 8628 §3.4, §3.5): a poll sooner than the interval is
   * answered slow_down and adds 5 seconds to it; an approved code is good for one token answer.
   */
  poll(deviceCode: string | undefined): DevicePoll<R> {
    const grant = deviceCode ? this.byDeviceCode.get(deviceCode) : undefined;
    if (!grant) return { state: 'unknown' };
    if (grant.expiresAt <= Date.now()) return { state: 'expired' };
    const now = Date.now();
    const tooSoon = grant.lastPoll !== undefined && now - grant.lastPoll < grant.interval * 1000;
    grant.lastPoll = now;
    if (tooSoon) {
      grant.interval += 5;
      return { state: 'slow-down', interval: grant.interval };
    }
    if (grant.outcome === undefined) return { state: 'pending' };
    if (grant.outcome === 'denied') return { state: 'denied' };
    this.byDeviceCode.delete(deviceCode!);
    return { state: 'approved', request: grant.request, ...grant.outcome };
  }

  private codePage(problem?: string): Reply {
    return page(
      `${this.options.provider}: device activation`,
      `<h1>Device activation</h1>${problem ? `<p role="alert">${escape(problem)}</p>` : ''}` +
        `<form method="post" action="${escape(this.verificationUri)}">` +
        `<label>Code <input name="user_code" autocomplete="off" required></label>` +
        `<button type="submit">Continue</button></form>`,
    );
  }
}
