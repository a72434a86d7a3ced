/**
 * The browser half every provider shares: park a validated authorization request, sign the person
 * in (a cookie on the provider's host), show the consent page, and send the browser back to the
 * app's loopback redirect with a single-use code (RFC 6749 §4.1.2) or `error=access_denied`.
 * What is valid, what the page offers and what the code is worth is each provider's own.
 */
import { consentedScopes, Pending, randomToken, redirect, Sessions, signInPage, withQuery, type ProviderRequest, type Reply } from './kit';

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  /** The scopes asked for, in the provider's spelling. */
  scopes: string[];
  codeChallenge?: string;
  params: URLSearchParams;
}

export interface Approval<R extends AuthorizationRequest> {
  request: R;
  user: string;
  /** What the person left ticked (all of it on non-granular pages). */
  consented: string[];
  /** The whole consent form (Atlassian's site choice). */
  form: URLSearchParams;
}

export interface ConsentFlowOptions<R extends AuthorizationRequest> {
  provider: string;
  /** e.g. https://accounts.google.com: the pages post back to this host. */
  origin: string;
  cookie: string;
  /** The consent page for this request, or 'approve' when the provider skips it (already granted). */
  consentPage(request: R, user: string, pendingId: string, consentPath: string): Reply | 'approve';
  /** Extra parameters on a denial redirect (GitHub adds error_description and error_uri). */
  denial?: Record<string, string>;
  /** Parameters added to the success redirect besides code and state. */
  successParams?(approval: Approval<R>): Record<string, string>;
}

const SIGN_IN_PATH = '/__test/signin';
const CONSENT_PATH = '/__test/consent';

export class ConsentFlow<R extends AuthorizationRequest> {
  private readonly pending = new Pending<R>();
  private readonly sessions: Sessions;
  private readonly codes = new Map<string, Approval<R>>();

  constructor(private readonly options: ConsentFlowOptions<R>) {
    this.sessions = new Sessions(options.cookie);
  }

  /** A validated authorization request: sign in if needed, then consent (or skip it). */
  start(request: R, http: ProviderRequest): Reply {
    const pendingId = this.pending.add(request);
    const user = http.url.searchParams.get('prompt')?.includes('select_account') ? undefined : this.sessions.user(http);
    if (!user) return signInPage(this.options.provider, `${this.options.origin}${SIGN_IN_PATH}`, pendingId);
    return this.consent(pendingId, request, user);
  }

  /** The sign-in and consent form posts; undefined for any other request. */
  handle(http: ProviderRequest): Reply | undefined {
    if (http.method !== 'POST') return undefined;
    if (http.url.pathname === SIGN_IN_PATH) {
      const request = this.pending.get(http.body.pending);
      const username = http.body.username?.trim();
      if (!request || !username) return { status: 400, body: 'Unknown sign-in' };
      const reply = this.consent(http.body.pending!, request, username);
      return { ...reply, headers: { ...reply.headers, ...this.sessions.start(username) } };
    }
    if (http.url.pathname === CONSENT_PATH) {
      const request = this.pending.take(http.body.pending);
      const user = this.sessions.user(http);
      if (!request || !user) return { status: 400, body: 'Unknown consent' };
      if (http.body.decision !== 'allow') {
        return redirect(withQuery(request.redirectUri, { error: 'access_denied', ...this.options.denial, state: request.state }));
      }
      const asked = new Set(request.scopes);
      const consented = consentedScopes(http).filter((scope) => asked.has(scope));
      return this.approve({ request, user, consented, form: new URLSearchParams(http.rawBody) });
    }
    return undefined;
  }

  /** The approval behind a code, once (RFC 6749 §4.1.2: a code is single-use). */
  redeem(code: string | undefined): Approval<R> | undefined {
    if (!code) return undefined;
    const approval = this.codes.get(code);
    this.codes.delete(code);
    return approval;
  }

  private consent(pendingId: string, request: R, user: string): Reply {
    const reply = this.options.consentPage(request, user, pendingId, `${this.options.origin}${CONSENT_PATH}`);
    if (reply !== 'approve') return reply;
    this.pending.take(pendingId);
    return this.approve({ request, user, consented: request.scopes, form: new URLSearchParams() });
  }

  private approve(approval: Approval<R>): Reply {
    const code = randomToken('');
    this.codes.set(code, approval);
    const extra = this.options.successParams?.(approval) ?? {};
    return redirect(withQuery(approval.request.redirectUri, { code, state: approval.request.state, ...extra }));
  }
}
