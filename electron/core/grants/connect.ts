import { randomUUID } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { SIGN_IN_URL_MAX, type FlowStage } from '../../../shared/ipc/contract';
import type { Configuration } from 'openid-client';
import { authorizationUrl, exchangeCode, serverSendsIssuer, type TokenReader, type TokenSet } from '../oauth/client';
import type { ConfigurationCache } from '../oauth/configurations';
import { providerConfiguration } from '../oauth/providers/configure';
import { providerFailure } from '../oauth/providers/errors';
import { advertisedPromptValues } from '../oauth/providers/generic';
import { readTokens, type ProviderSession } from '../oauth/providers/tokens';
import { offersDeviceFlow, startDeviceAuthorization, waitForDeviceApproval, type DeviceCode } from '../oauth/device';
import { startLoopbackReceiver, type LoopbackReceiver } from '../oauth/loopback';
import { createAuthorizationChecks, type AuthorizationChecks } from '../oauth/pkce';
import type { BrowserOpener } from '../ports';
import { isSafeExternalUrl } from '../security/urls';
import { formatScopes } from '../../../shared/scopes/format';
import { checkIntake } from './intake';
import type { ConnectableProvider } from './providers';

export const DEFAULT_AUTH_TIMEOUT_MS = 5 * 60_000;

export interface AuthorizationResult {
  issuer: string;
  requestedScopes: string[];
  tokens: TokenSet;
}

export interface AuthorizeOptions {
  provider: ConnectableProvider;
  scopes: string[];
  /** Extra authorization parameters for this attempt (e.g. include_granted_scopes). */
  params: Record<string, string>;
  /** "Add another account": ask the provider to show its account chooser where it has one. */
  selectAccount?: boolean;
  /** "Just this session": the provider module asks for no refresh token its way. */
  sessionOnly?: boolean;
  browser: BrowserOpener;
  configurations: ConfigurationCache;
  /** The core's fetch port, for the provider's own APIs (account, revocation). */
  fetch: typeof fetch;
  timeoutMs: number;
  signal: AbortSignal;
  /**
   * Each stage as it starts; 'waiting-for-callback' comes with the sign-in page's address (for the
   * person to copy; only one the system browser may open) and whether the browser failed to open it.
   */
  onStage: (stage: FlowStage, waiting?: { signInUrl?: string; browserFailed?: boolean }) => void;
  /**
   * Work that outlives a cancelled or refused sign-in: ending a grant the provider made anyway. Not
   * awaited by the sign-in (the person already moved on); the caller keeps track of it.
   */
  afterCancel: (work: Promise<void>) => void;
}

/**
 * One authorization code flow with PKCE through the person's browser and a loopback redirect.
 * @see RFC 8252 (native apps), RFC 7636 (PKCE), RFC 9207 (iss)
 */
export async function authorize(options: AuthorizeOptions): Promise<AuthorizationResult> {
  const { provider, signal } = options;
  const checkpoint = (): void => {
    if (signal.aborted) throw new ScopekeeperError('AUTH_CANCELLED', 'Sign-in was cancelled.');
  };
  options.onStage('opening-browser');
  const { protocol, info, client } = provider;
  const config = await configure(provider, options.configurations);
  checkpoint();
  const checks = await createAuthorizationChecks();
  const issuer = config.serverMetadata().issuer;
  const expectedIssuer = protocol.callbackIssuer(config.serverMetadata());
  const port = protocol.redirectPort(client);
  let receiver: LoopbackReceiver | undefined;
  try {
    receiver = await startLoopbackReceiver({
      ...(expectedIssuer !== undefined ? { expectedIssuer } : {}),
      requireIssuer: serverSendsIssuer(config),
      expectedState: checks.state,
      timeoutMs: options.timeoutMs,
      signal,
      ...(port !== undefined ? { port } : {}),
    });
    const url = authorizationUrl(config, {
      redirectUri: receiver.redirectUri,
      scope: formatScopes(info, options.scopes),
      scopeParam: info.scopeFormat.scopeParam,
      checks,
      extraParams: {
        ...protocol.authorizationParams(info, {
          selectAccount: options.selectAccount ?? false,
          sessionOnly: options.sessionOnly ?? false,
          promptValues: advertisedPromptValues(config.serverMetadata()),
        }),
        ...options.params,
      },
    });
    options.onStage('waiting-for-callback', await openSignInPage(options.browser, url.href));
    const callbackUrl = await receiver.callback;
    options.onStage('exchanging-code');
    const session = providerSession(provider, options.fetch);
    const read = (response: Parameters<typeof readTokens>[0]): Promise<TokenSet> => readTokens(response, config, session);
    const revoke = (tokens: TokenSet): Promise<void> => revokeQuietly(config, tokens, session);
    let tokens: TokenSet;
    try {
      tokens = await exchangeCode(config, callbackUrl, checks, { signal, read });
    } catch (error) {
      // The token request was aborted: the server may have redeemed the code all the same.
      if (signal.aborted) options.afterCancel(retireCode(config, callbackUrl, checks, read, revoke));
      checkpoint();
      throw providerFailure(error, 'code exchange', protocol, info);
    }
    if (signal.aborted) {
      // Tokens that arrive after a cancel belong to nobody: end the grant instead of dropping them.
      options.afterCancel(revoke(tokens));
      checkpoint();
    }
    try {
      checkIntake(info, options.scopes, tokens);
    } catch (error) {
      // Refused before anything is saved; the grant it made would otherwise be nobody's.
      options.afterCancel(revoke(tokens));
      throw error;
    }
    return { issuer, requestedScopes: options.scopes, tokens };
  } finally {
    await receiver?.close();
  }
}

/**
 * Sends the browser to the sign-in page. When it does not open there, the sign-in keeps waiting
 * and the person can copy the address instead, as long as it is one the browser may be given at all.
 */
async function openSignInPage(browser: BrowserOpener, href: string): Promise<{ signInUrl?: string; browserFailed?: boolean }> {
  const copyable = isSafeExternalUrl(href) && href.length <= SIGN_IN_URL_MAX;
  try {
    await browser.open(href);
  } catch (error) {
    if (!copyable) throw error;
    return { signInUrl: href, browserFailed: true };
  }
  return copyable ? { signInUrl: href } : {};
}

/**
 * After a cancelled exchange, the code may have been redeemed by a request whose answer was never
 * read. Redeeming it once more ends that: a server that already redeemed it treats the reuse as an
 * attack and revokes what it issued for it (RFC 6749 §4.1.2, RFC 9700 §4.1.1); a server that had
 * not answers with tokens, which are revoked at once.
 */
async function retireCode(
  config: Configuration,
  callbackUrl: URL,
  checks: AuthorizationChecks,
  read: TokenReader,
  revoke: (tokens: TokenSet) => Promise<void>,
): Promise<void> {
  const tokens = await exchangeCode(config, callbackUrl, checks, { read }).catch(() => undefined);
  if (tokens) await revoke(tokens);
}

/** Ends a grant nobody will use, the provider's way; where it offers apps no way, there is nothing more to do. */
async function revokeQuietly(config: Configuration, tokens: TokenSet, session: ProviderSession): Promise<void> {
  await session.protocol.revoke(config, tokens, session.context).catch(() => undefined);
}

/**
 * The provider's openid-client configuration, cached per issuer and client: discovery where its
 * module says it publishes metadata, the catalog's endpoints where it does not, with the module's
 * client authentication and fetch adapter.
 */
export function configure(provider: ConnectableProvider, configurations: ConfigurationCache): Promise<Configuration> {
  return providerConfiguration(provider.protocol, provider.info, provider.client, configurations);
}

/** What a provider module needs to read answers and call the provider's own APIs. */
export function providerSession(provider: ConnectableProvider, fetchImpl: typeof fetch): ProviderSession {
  return { protocol: provider.protocol, context: { info: provider.info, client: provider.client, fetch: fetchImpl } };
}

export interface DeviceAuthorizeOptions {
  provider: ConnectableProvider;
  scopes: string[];
  configurations: ConfigurationCache;
  /** The core's fetch port, for the provider's own APIs (account, revocation). */
  fetch: typeof fetch;
  signal: AbortSignal;
  onStage: (stage: FlowStage, device?: DeviceCode) => void;
}

/**
 * The device authorization grant, the second way to connect: the person types a code on the
 * provider's page (in any browser, on any device) while the app polls the token endpoint. The
 * answer is read by the provider's module, as after a browser sign-in.
 * @see RFC 8628
 */
export async function authorizeWithDeviceCode(options: DeviceAuthorizeOptions): Promise<AuthorizationResult> {
  const { provider, signal } = options;
  const { protocol, info } = provider;
  const checkpoint = (): void => {
    if (signal.aborted) throw new ScopekeeperError('AUTH_CANCELLED', 'Sign-in was cancelled.');
  };
  options.onStage('opening-browser');
  const config = await configure(provider, options.configurations);
  checkpoint();
  if (!offersDeviceFlow(config)) {
    throw new ScopekeeperError('DEVICE_FLOW_UNSUPPORTED', `${info.name} does not offer signing in with a code.`, {
      providerName: info.name,
    });
  }
  const session = providerSession(provider, options.fetch);
  const scopeParam = info.scopeFormat.scopeParam ?? 'scope';
  const { code, response } = await startDeviceAuthorization(config, { [scopeParam]: formatScopes(info, options.scopes) }).catch((error: unknown) => {
    throw providerFailure(error, 'device sign-in request', protocol, info);
  });
  checkpoint();
  options.onStage('waiting-for-device', code);
  const tokens = await waitForDeviceApproval(config, response, signal, (answer) => readTokens(answer, config, session)).catch((error: unknown) => {
    throw providerFailure(error, 'device sign-in', protocol, info);
  });
  options.onStage('exchanging-code');
  try {
    checkIntake(info, options.scopes, tokens);
  } catch (error) {
    // Refused before anything is saved; the grant it made would otherwise be nobody's.
    await revokeQuietly(config, tokens, session);
    throw error;
  }
  return { issuer: config.serverMetadata().issuer, requestedScopes: options.scopes, tokens };
}

/** Exactly one sign-in at a time: a second one would race for the person's attention. */
export class FlowSlot {
  private active: { id: string; controller: AbortController } | undefined;

  assertIdle(): void {
    if (this.active) {
      throw new ScopekeeperError('AUTH_FLOW_IN_PROGRESS', 'Another sign-in is still waiting in your browser.');
    }
  }

  begin(): { id: string; signal: AbortSignal; end: () => void } {
    this.assertIdle();
    const flow = { id: randomUUID(), controller: new AbortController() };
    this.active = flow;
    return {
      id: flow.id,
      signal: flow.controller.signal,
      end: () => {
        if (this.active === flow) this.active = undefined;
      },
    };
  }

  cancel(): boolean {
    if (!this.active) return false;
    this.active.controller.abort();
    return true;
  }
}
