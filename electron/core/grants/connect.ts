import { randomUUID } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { FlowStage } from '../../../shared/ipc/contract';
import type { Configuration } from 'openid-client';
import { authorizationUrl, discover, exchangeCode, serverSendsIssuer, staticConfiguration, type TokenSet } from '../oauth/client';
import { startLoopbackReceiver, type LoopbackReceiver } from '../oauth/loopback';
import { createAuthorizationChecks } from '../oauth/pkce';
import type { BrowserOpener } from '../ports';
import { formatScopes } from '../../../shared/scopes/format';
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
  browser: BrowserOpener;
  fetch: typeof fetch;
  timeoutMs: number;
  signal: AbortSignal;
  onStage: (stage: FlowStage) => void;
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
  const config = await configure(provider, options.fetch);
  checkpoint();
  const checks = await createAuthorizationChecks();
  const issuer = config.serverMetadata().issuer;
  let receiver: LoopbackReceiver | undefined;
  try {
    receiver = await startLoopbackReceiver({
      expectedState: checks.state,
      expectedIssuer: issuer,
      requireIssuer: serverSendsIssuer(config),
      timeoutMs: options.timeoutMs,
      signal,
    });
    const url = authorizationUrl(config, {
      redirectUri: receiver.redirectUri,
      scope: formatScopes(provider.info, options.scopes),
      scopeParam: provider.info.scopeFormat.scopeParam,
      checks,
      extraParams: { ...provider.info.extraAuthorizationParams, ...options.params },
    });
    await options.browser.open(url.href);
    options.onStage('waiting-for-callback');
    const callbackUrl = await receiver.callback;
    options.onStage('exchanging-code');
    const tokens = await exchangeCode(config, callbackUrl, checks);
    checkpoint();
    return { issuer, requestedScopes: options.scopes, tokens };
  } finally {
    await receiver?.close();
  }
}

/** Discovery where the provider publishes metadata, the catalog's endpoints where it does not. */
export async function configure(provider: ConnectableProvider, fetchImpl: typeof fetch): Promise<Configuration> {
  const { info } = provider;
  if (info.kind === 'oidc' && info.issuer) return discover(info.issuer, provider.clientId, fetchImpl);
  const issuer = info.issuer ?? new URL(info.endpoints.authorization).origin;
  return staticConfiguration({ issuer, ...info.endpoints }, provider.clientId, fetchImpl);
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
