import type { AppError, ChangeRefusalReason } from '../../../shared/ipc/errors';
import { policyName } from '../../../shared/policy/decide';

export interface ErrorTextContext {
  /** The provider the error is about, when the caller knows it. */
  providerName?: string | null;
  /**
   * 'change': it happened while planning or applying a scope change, not while connecting.
   * 'sandbox': while pointing the Sandbox at a server on this computer (Settings).
   * 'add-server': while adding an OAuth or OpenID server (Settings → Providers and clients).
   */
  during?: 'change' | 'sandbox' | 'add-server' | null;
}

/** An internal code as it looks (CHANGE_REFUSED): never part of a sentence a person reads. */
export const INTERNAL_CODE = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

/** The name the built-in Sandbox provider goes by. */
const SANDBOX_NAME = 'Sandbox';

/** Hosts that mean "this computer" (URL.hostname keeps an IPv6 address's brackets). */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

function parsedUrl(text: string | undefined): URL | null {
  if (text === undefined) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * PROVIDER_UNREACHABLE from its real cause (`details.cause`, set where discovery failed): nothing
 * listening, a server that answered without metadata, or no answer in time. A server on this
 * computer is never blamed on the internet connection.
 */
function unreachable(error: AppError, context: { provider: string; sandbox: boolean; nothing: string }): string {
  const issuer = detailString(error, 'issuer');
  const url = parsedUrl(issuer);
  const address = issuer ?? context.provider;
  const local = url !== null && LOOPBACK_HOSTS.includes(url.hostname);
  const cause = detailString(error, 'cause');
  if (cause === 'no-metadata') {
    // The server's own answer when it was more than "not found" (a 500, a broken document), never the fallback's 404.
    const answered = detailString(error, 'error_description');
    if (answered !== undefined && error.details?.status !== 404) {
      return `${address} answered, but its sign-in settings could not be used (${answered}), so ${context.nothing}. Check the issuer URL, or enter the server's endpoints by hand.`;
    }
    const metadata = detailString(error, 'metadataUrl') ?? `${address}/.well-known/openid-configuration`;
    return `${address} answered, but it is not an OpenID or OAuth server (no metadata at ${metadata}), so ${context.nothing}. Check the issuer URL.`;
  }
  if (context.sandbox && (local || url === null)) {
    const where = issuer !== undefined ? ` at ${issuer}` : '';
    return `The Sandbox${where} is not running: start it with npm run sandbox, then try again (${context.nothing}).`;
  }
  if (local) {
    if (cause === 'timeout') return `The server at ${address} on this computer did not answer in time, so ${context.nothing}. Check that it is running, then try again.`;
    return `Nothing is running at ${address} on this computer, so ${context.nothing}. Start the server or check the address, then try again.`;
  }
  if (cause === 'timeout') {
    return `${url?.host ?? context.provider} did not answer in time, so ${context.nothing}. Try again in a moment.`;
  }
  return `Scopekeeper could not reach ${url?.host ?? context.provider}, so ${context.nothing}. Check your internet connection and try again.`;
}

/** Provider-supplied text can be long; keep the sentence readable. */
const MAX_PROVIDER_TEXT = 300;

function detailString(error: AppError, key: string): string | undefined {
  const value = error.details?.[key];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return trimmed.length > MAX_PROVIDER_TEXT ? `${trimmed.slice(0, MAX_PROVIDER_TEXT)}…` : trimmed;
}

/** "Google reported: access_denied (The user said no)." — the provider's own words, kept intact. */
function providerSaid(error: AppError): string {
  const code = detailString(error, 'error');
  const description = detailString(error, 'error_description');
  if (code !== undefined && description !== undefined) return ` It said: ${code} (${description}).`;
  if (code !== undefined) return ` It said: ${code}.`;
  if (description !== undefined) return ` It said: ${description}.`;
  return '';
}

/** The scopes a refusal names in `details.scopes` (the identity scopes a change may not take back). */
function detailScopes(error: AppError): string[] {
  return detailList(error, 'scopes');
}

/** The strings a refusal names in `details[key]`. */
function detailList(error: AppError, key: string): string[] {
  const value = error.details?.[key];
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/** CHANGE_REFUSED: the main process declined the change as asked; `details.reason` says why. */
function changeRefused(error: AppError, provider: string): string {
  const reason = detailString(error, 'reason') as ChangeRefusalReason | undefined;
  switch (reason) {
    case 'identity-scope': {
      const identity = detailScopes(error);
      const one = identity.length === 1;
      return `${identity.join(', ')} ${one ? 'keeps' : 'keep'} you signed in, so ${one ? 'it' : 'they'} cannot be taken back on ${one ? 'its' : 'their'} own and nothing was changed. To end the whole connection, use Remove connection.`;
    }
    case 'one-at-a-time':
      return `${detailString(error, 'providerName') ?? provider} cannot add and remove permissions in one step, so nothing was changed. Make one change, then the other.`;
    case 'disconnected':
      return 'This connection is disconnected, so its permissions cannot be changed. Reconnect it first.';
    case 'action-unchanged': {
      const action = detailString(error, 'action') ?? 'That action';
      return error.details?.enable === true
        ? `“${action}” already works with what you granted, so nothing was changed.`
        : `“${action}” uses only permissions that other things you use still need (or that keep you signed in), so nothing was taken back.`;
    }
    case 'removal-running':
      return 'Remove all is already removing connections, so a second run was not started. Its results appear as each connection is done.';
    case 'server-in-use':
      return `${provider} still has saved connections, so it was not removed. Remove its connections first, then the server.`;
    case 'sandbox-from-environment':
      return 'The sandbox address is set for this run by the environment Scopekeeper was started in (for example by npm start), so it cannot be changed here; nothing was changed.';
    case 'outside-fixed-list': {
      const missing = detailList(error, 'missing');
      return `This connection keeps a fixed list of permissions and ${missing.join(', ') || 'what this needs'} ${missing.length === 1 ? 'is' : 'are'} not on it, so nothing was changed. Add ${missing.length === 1 ? 'it' : 'them'} to the list first.`;
    }
    case 'fixed-required':
      return 'A policy on this computer requires a fixed list for every connection, so this one keeps its list.';
    case 'nothing-to-change':
    case undefined:
      return 'There is nothing to change: the connection already has exactly what you asked for.';
  }
}

/**
 * What to do about a standard OAuth error (RFC 6749 §4.1.2.1, §5.2), where the app's settings at
 * the provider cannot help; undefined where they can (invalid_client, unauthorized_client, and
 * codes of the provider's own).
 */
function standardErrorAdvice(code: string | undefined, Provider: string): string | undefined {
  switch (code) {
    case 'invalid_request':
    case 'unsupported_response_type':
      return `${Provider} refused how Scopekeeper asked, which nothing in your settings can change: try again, and if it keeps happening, connect with a code where ${Provider} offers it.`;
    case 'invalid_scope':
      return `Scopekeeper asked for a permission ${Provider} does not know: untick or remove added scopes, then try again.`;
    case 'server_error':
    case 'temporarily_unavailable':
      return `${Provider} is busy or having trouble: try again in a moment.`;
    default:
      return undefined;
  }
}

/** PROVIDER_ERROR: the provider's own words, and its module's advice when it has some. */
function providerError(error: AppError, provider: string, Provider: string): string {
  // The provider module's advice for its own error (e.g. Microsoft AADSTS65001: admin approval).
  const advice = detailString(error, 'advice') ?? standardErrorAdvice(detailString(error, 'error'), Provider);
  if (advice !== undefined) return `${Provider} returned an error, so nothing was changed.${providerSaid(error)} ${advice}`;
  return `${Provider} returned an error, so nothing was changed.${providerSaid(error)} Try again; if it keeps happening, check this app's settings at ${provider}.`;
}

/** INVALID_REQUEST: what the person entered was refused (an address, a server), or else a bug. */
function invalidRequest(error: AppError, during: ErrorTextContext['during']): string {
  if (during === 'sandbox') {
    return 'The sandbox runs on this computer, so its address must start with http://127.0.0.1 or http://localhost (for example http://127.0.0.1:4890); nothing was changed.';
  }
  if (detailString(error, 'reason') === 'insecure-issuer') {
    return 'Scopekeeper only accepts https issuers, or http on this computer (127.0.0.1 or localhost), so nothing was added. Check the issuer URL.';
  }
  if (detailString(error, 'reason') === 'insecure-url') {
    const field = detailString(error, 'field') ?? 'endpoint';
    return `Scopekeeper only accepts https addresses, or http on this computer (127.0.0.1 or localhost), so nothing was saved. Check the ${field}.`;
  }
  if (during === 'add-server') {
    // What the person typed was refused: say so, never call it a bug. The main process's words
    // name the field; a message that carries an internal code is left out rather than shown.
    const why = INTERNAL_CODE.test(error.message) ? '' : error.message;
    return `Scopekeeper could not use what was entered, so nothing was added. ${why}`.trim();
  }
  return 'Scopekeeper made a request it does not accept from itself, so nothing was changed. This is a bug in Scopekeeper; try again, and restart it if it keeps happening.';
}

/**
 * Turns an error from the main process into a sentence that says what happened and what the
 * person can do about it. Keyed on the stable code only: `message` is for logs, not people.
 */
export function errorText(error: AppError, context: ErrorTextContext = {}): string {
  const named = context.providerName ?? detailString(error, 'providerName');
  const provider = named ?? 'the provider';
  const Provider = named ?? 'The provider';
  const providers = named !== undefined ? `${named}'s` : "the provider's";
  const changing = context.during === 'change';
  const sandbox = context.during === 'sandbox';

  switch (error.code) {
    case 'AUTH_STATE_MISMATCH':
      return `The answer from ${providers} sign-in page did not belong to the sign-in Scopekeeper started, so it was ignored and nothing was connected. This can happen when an old sign-in tab is used. Connect again and finish in the newest tab.`;
    case 'AUTH_TIMEOUT':
      if (changing) {
        return `Signing in to ${provider} took too long, so Scopekeeper stopped waiting and the change did not finish. The connection shows where it stands now.`;
      }
      return `Signing in to ${provider} took too long, so Scopekeeper stopped waiting and nothing was connected. Connect again when you are ready to finish in your browser.`;
    case 'AUTH_DENIED':
      if (changing) {
        return `You declined access on ${providers} sign-in page, so the change did not finish. The connection shows where it stands now.`;
      }
      return `You declined access on ${providers} sign-in page, so nothing was connected. Connect again if that was a mistake.`;
    case 'AUTH_CANCELLED':
      return 'Sign-in cancelled. Nothing was connected.';
    case 'AUTH_FLOW_IN_PROGRESS':
      return 'Another sign-in is still waiting in your browser. Finish it there or cancel it, then try again.';
    case 'PROVIDER_ERROR':
      return providerError(error, provider, Provider);
    case 'PROVIDER_UNREACHABLE':
      if (error.details?.timedOut === true) {
        return `${Provider} did not answer in time (time-out), so nothing was changed. Try again in a moment; if it keeps happening, ${provider} may be having trouble.`;
      }
      return unreachable(error, {
        provider,
        sandbox: sandbox || named === SANDBOX_NAME,
        nothing: context.during === 'add-server' ? 'nothing was added' : context.during === undefined || context.during === null ? 'nothing was connected' : 'nothing was changed',
      });
    case 'PROVIDER_UNKNOWN':
      if (detailString(error, 'reason') === 'no-client') {
        return `This build of Scopekeeper has no OAuth client for ${provider}, so nothing was connected. Use your own OAuth app: Settings → Providers and clients.`;
      }
      return 'Scopekeeper does not know this provider, so nothing was connected. Choose one from the Providers list.';
    case 'DEVICE_FLOW_UNSUPPORTED':
      return `${Provider} does not offer connecting with a code, so nothing was connected. Connect through your browser instead.`;
    case 'REDIRECT_PORT_IN_USE': {
      const port = typeof error.details?.port === 'number' ? ` ${error.details.port}` : '';
      return `Another program is using port${port} on this computer, which your OAuth app's redirect URI needs, so nothing was connected. Close that program, or register another port with ${provider} and enter it in Settings → Providers and clients.`;
    }
    case 'VAULT_LOCKED':
      return "Scopekeeper cannot use this computer's secure storage right now, so your saved connections cannot be read or changed. Unlock your system keyring (for example, by signing in to your desktop again), then restart Scopekeeper.";
    case 'VAULT_CORRUPT':
      return 'Your saved connections file is damaged and could not be read. Restart Scopekeeper: it moves the damaged file aside and starts a new one, and you then connect your accounts again.';
    case 'CONNECTION_NOT_FOUND':
      return 'That connection is no longer saved on this computer; it may already have been forgotten. The list now shows what is saved.';
    case 'CONNECTION_REVOKED':
      return `${Provider} no longer accepts Scopekeeper's access to this account: it was revoked there, or it expired. Reconnect to use it again.`;
    case 'CHANGE_REFUSED':
      return changeRefused(error, provider);
    case 'PLAN_STALE':
      return 'The change you confirmed is out of date (it waited too long, or the connection changed since), so nothing was changed. Review the change again.';
    case 'POLICY_BLOCKED':
      return policyBlocked(error);
    case 'INVALID_REQUEST':
      return invalidRequest(error, context.during);
    case 'FORBIDDEN_SENDER':
      return "This window is not allowed to manage your connections, so the request was refused. Use Scopekeeper's own main window.";
    case 'INTERNAL':
      return 'Something went wrong inside Scopekeeper, and the last action may not have finished. Try again; if it keeps happening, restart Scopekeeper.';
    default: {
      // A new code in shared/ipc/errors.ts must get its own sentence here; the code itself stays
      // out of the sentence (the message's data-error-code attribute carries it).
      const unhandled: never = error.code;
      void unhandled;
      return 'Something went wrong that Scopekeeper has no words for yet. Try again; if it keeps happening, restart Scopekeeper.';
    }
  }
}

/** POLICY_BLOCKED: whose policy (details.by) refused what (details.what, in words). */
function policyBlocked(error: AppError): string {
  const by = detailString(error, 'by');
  const whose = by === 'organisation' || by === 'own' || by === 'unreadable' ? policyName(by) : 'the policy on this computer';
  const what = detailString(error, 'what');
  const lead = what === undefined ? `Blocked by ${whose}` : `Blocked by ${whose}: ${what}`;
  return `${lead}. Nothing was changed; Settings › Policy shows what the policy allows.`;
}
