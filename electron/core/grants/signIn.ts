import { randomUUID } from 'node:crypto';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import type { EventPayload, FlowPurpose, SignedInView, SignInOutcome } from '../../../shared/ipc/contract';
import { effectiveGranted } from '../../../shared/scopes/format';
import type { ConfigurationCache } from '../oauth/configurations';
import type { DeviceCode } from '../oauth/device';
import type { Emit } from '../ipc/events';
import type { Ports } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { Connections } from './connections';
import { authorize, authorizeWithDeviceCode, DEFAULT_AUTH_TIMEOUT_MS, FlowSlot, type AuthorizationResult } from './connect';
import { defaultScopes, type ConnectableProvider, type ProviderRegistry } from './providers';
import { broaderEntry, historyEntry, stampGranted, toSecret } from './records';
import { retireTokens } from './replaced';
import { cameBackEntry, heldBefore, namedScopes, scopesBeyond } from './signInOutcome';
import { notGranted, uniqueScopes } from './scopes';
import { sessionOffer, sessionScopes } from './session';
import { boxFor, scopeBoxesAfter } from './timeBoxes';
import { grantedOffList, type ScopeModes } from './scopeMode';
import { TIME_BOX_LABELS, type TimeBox } from '../../../shared/timeBox';
import { assertProviderAllowed, assertScopesAllowed, scopeBlockOf } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';

/** How long a connection is given for: a time box, "just this session", or (undefined) until taken back. */
export type ConnectionLasts = TimeBox | 'session' | undefined;

type Progress = (
  stage: EventPayload<'flow:progress'>['stage'],
  extra?: { error?: ScopekeeperError; device?: DeviceCode; signInUrl?: string; browserFailed?: boolean },
) => void;

/**
 * Signing in: connecting and reconnecting, one sign-in at a time (through the browser or by code),
 * reported as `flow:progress`, and saving what the provider granted.
 */
export class SignIn {
  private readonly flows = new FlowSlot();
  /** Work a cancelled sign-in left behind (ending a grant made anyway); see `settled`. */
  private readonly leftovers = new Set<Promise<void>>();
  /** Where the code of the running device sign-in is entered; only main opens it. */
  private devicePage: string | undefined;

  constructor(
    private readonly ports: Pick<Ports, 'browser' | 'fetch' | 'clock' | 'config'>,
    private readonly vault: Vault,
    private readonly providers: Pick<ProviderRegistry, 'connectable' | 'noteDeviceFlow'>,
    private readonly connections: Pick<Connections, 'record' | 'view'>,
    private readonly configurations: ConfigurationCache,
    private readonly emit: Emit,
    /** The managed policy: a blocked provider or scope is refused before any browser opens. */
    private readonly policy: PolicyReader,
    private readonly modes: Pick<ScopeModes, 'inForce' | 'assertWithin' | 'required'>,
  ) {}

  /** Resolves when the clean-up of every cancelled sign-in so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.leftovers.size > 0) await Promise.allSettled([...this.leftovers]);
  }

  /**
   * Signs in through the browser (or by code) and saves what the provider GRANTED, not what was
   * asked. An account already connected is left as it is (see signInOutcome.ts): the answer says
   * so, and the sign-in's own tokens are ended where the provider ends exactly them.
   */
  async connect(request: {
    providerId: string;
    scopes?: string[] | undefined;
    anotherAccount?: boolean | undefined;
    method?: 'browser' | 'device' | undefined;
    lasts?: ConnectionLasts;
  }): Promise<SignedInView> {
    const provider = await this.providers.connectable(request.providerId);
    const policy = this.policy.current();
    assertProviderAllowed(policy, provider);
    const session = request.lasts === 'session';
    const offer = sessionOffer(provider.info);
    if (session && !offer.offered) throw new ScopekeeperError('INVALID_REQUEST', offer.note ?? `${provider.info.name} cannot be connected just for this session.`);
    // The defaults leave out what the policy blocks; a scope asked by name that it blocks is refused.
    const defaults = () => (provider.defaults ?? defaultScopes(provider.info)).filter((scope) => scopeBlockOf(policy, provider.info, scope) === undefined);
    const asked = uniqueScopes([...provider.info.identityScopes, ...(request.scopes ?? defaults())]);
    assertScopesAllowed(policy, provider.info, asked);
    const scopes = session ? sessionScopes(asked) : asked;
    const result =
      request.method === 'device'
        ? await this.withCode(provider, scopes)
        : await this.inBrowser(provider, scopes, {}, { selectAccount: request.anotherAccount === true, sessionOnly: session });
    const existing = result.tokens.subject
      ? this.vault.list().find((r) => r.providerId === provider.info.id && r.issuer === result.issuer && r.subject === result.tokens.subject)
      : undefined;
    if (existing?.state === 'connected' && this.vault.hasSecret(existing.id)) {
      return this.leaveAsItIs(provider, result, scopes, existing, request.anotherAccount === true ? 'same-account' : 'already-connected');
    }
    if (existing) await this.withinList(provider, result, scopes, existing);
    // The same account, disconnected: signing in restores that connection instead of adding a second one.
    return this.save(provider, result, scopes, existing, existing ? 'granted' : 'connected', { lasts: request.lasts });
  }

  /**
   * The account signed in is already connected: its connection stays exactly as it is (a
   * permission the person took back stays taken back), and the tokens of this sign-in, which
   * nobody keeps, are ended where the provider ends exactly them.
   */
  private async leaveAsItIs(
    provider: ConnectableProvider,
    result: AuthorizationResult,
    asked: string[],
    existing: ConnectionRecord,
    kind: 'already-connected' | 'same-account',
  ): Promise<SignedInView> {
    const held = await this.vault.readSecret(existing.id);
    await retireTokens(provider, this.configurations, this.ports.fetch, result.tokens, held);
    const notAdded = notGranted(asked, existing.grantedScopes).filter((scope) => !provider.info.identityScopes.includes(scope));
    return { ...this.connections.view(existing), signIn: { kind, cameBack: [], notAdded: namedScopes(provider.info, notAdded) } };
  }

  /**
   * Restoring a disconnected connection by signing in with a fixed list asks nothing outside it:
   * otherwise the sign-in's tokens are ended where the provider ends exactly them, and nothing is saved.
   */
  private async withinList(provider: ConnectableProvider, result: AuthorizationResult, asked: string[], existing: ConnectionRecord): Promise<void> {
    try {
      this.modes.assertWithin(provider.info, existing, asked);
    } catch (error) {
      await retireTokens(provider, this.configurations, this.ports.fetch, result.tokens, undefined);
      throw error;
    }
  }

  /**
   * Signs in again asking only for what the connection has (disconnected: what it would restore),
   * never for what was taken back; with a fixed list, exactly the list. How long it lasts stays as chosen.
   */
  async reconnect(connectionId: string): Promise<SignedInView> {
    const record = this.connections.record(connectionId);
    const provider = await this.providers.connectable(record.providerId);
    const policy = this.policy.current();
    assertProviderAllowed(policy, provider);
    const fixed = this.modes.inForce(record);
    // With a fixed list, exactly the list; what the policy blocks now is not asked for again either way.
    const wanted = (fixed.mode === 'fixed' ? [...fixed.scopes] : heldBefore(record)).filter((scope) => scopeBlockOf(policy, provider.info, scope) === undefined);
    const session = record.sessionOnly === true;
    const scopes = session ? sessionScopes(wanted) : wanted;
    const result = await this.inBrowser(provider, scopes, {}, { sessionOnly: session });
    return this.save(provider, result, scopes, record, 'granted', 'keep');
  }

  /**
   * One browser sign-in. Used by connect, reconnect and by scope changes that need a new consent.
   */
  inBrowser(
    provider: ConnectableProvider,
    scopes: string[],
    params: Record<string, string>,
    options: { selectAccount?: boolean; sessionOnly?: boolean; purpose?: FlowPurpose } = {},
  ): Promise<AuthorizationResult> {
    return this.oneAtATime(provider, options.purpose, ({ signal, progress }) =>
      authorize({
        provider,
        scopes,
        params,
        ...(options.selectAccount ? { selectAccount: true } : {}),
        ...(options.sessionOnly ? { sessionOnly: true } : {}),
        browser: this.ports.browser,
        configurations: this.configurations,
        fetch: this.ports.fetch,
        afterCancel: (work) => {
          const tracked = work.catch(() => undefined).finally(() => this.leftovers.delete(tracked));
          this.leftovers.add(tracked);
        },
        timeoutMs: this.ports.config.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        signal,
        onStage: (stage, waiting) => progress(stage, waiting),
      }),
    );
  }

  /** Connecting by code (RFC 8628), with the code in the 'waiting-for-device' event. */
  withCode(provider: ConnectableProvider, scopes: string[]): Promise<AuthorizationResult> {
    return this.oneAtATime(provider, undefined, async ({ signal, progress }) => {
      try {
        const result = await authorizeWithDeviceCode({
          provider,
          scopes,
          configurations: this.configurations,
          fetch: this.ports.fetch,
          signal,
          onStage: (stage, device) => {
            if (device) this.devicePage = device.verificationUriComplete ?? device.verificationUri;
            progress(stage, device ? { device } : {});
          },
        });
        this.providers.noteDeviceFlow(provider.info.id, true);
        return result;
      } catch (error) {
        if (error instanceof ScopekeeperError && error.code === 'DEVICE_FLOW_UNSUPPORTED') this.providers.noteDeviceFlow(provider.info.id, false);
        throw error;
      } finally {
        this.devicePage = undefined;
      }
    });
  }

  /** Opens the page where the running device sign-in's code is typed, in the person's browser. */
  async openDevicePage(): Promise<{ opened: boolean }> {
    const page = this.devicePage;
    if (page === undefined) return { opened: false };
    await this.ports.browser.open(page);
    return { opened: true };
  }

  assertNoFlow(): void {
    this.flows.assertIdle();
  }

  cancelFlow(): { cancelled: boolean } {
    return { cancelled: this.flows.cancel() };
  }

  /**
   * The frame of every sign-in, by browser or by code: refused while the vault is locked, one at a
   * time, reported as `flow:progress` from start to its end (finished, cancelled or failed).
   */
  private async oneAtATime(
    provider: ConnectableProvider,
    /** Why it runs when a tool asked for it; every event of the flow says so. */
    purpose: FlowPurpose | undefined,
    signIn: (flow: { signal: AbortSignal; progress: Progress }) => Promise<AuthorizationResult>,
  ): Promise<AuthorizationResult> {
    const status = await this.vault.status();
    if (status.state === 'locked') throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    const flow = this.flows.begin();
    const progress: Progress = (stage, extra = {}) =>
      this.emit('flow:progress', {
        flowId: flow.id,
        providerId: provider.info.id,
        stage,
        ...(extra.device ? { device: { userCode: extra.device.userCode, verificationUri: extra.device.verificationUri, expiresAt: new Date(extra.device.expiresAt * 1000).toISOString() } } : {}),
        ...(extra.signInUrl !== undefined ? { signInUrl: extra.signInUrl } : {}),
        ...(extra.browserFailed ? { browserFailed: true } : {}),
        ...(purpose ? { purpose } : {}),
        ...(extra.error ? { error: extra.error.toJSON() } : {}),
      });
    try {
      const result = await signIn({ signal: flow.signal, progress });
      // The browser part is over; what is left is a local save. Reported as finished now, because
      // an event can arrive after the invoke's answer (headless host) and must not reopen the flow.
      progress('finished');
      return result;
    } catch (error) {
      const failure = error instanceof ScopekeeperError ? error : new ScopekeeperError('INTERNAL', toAppError(error).message);
      progress(failure.code === 'AUTH_CANCELLED' ? 'cancelled' : 'failed', { error: failure });
      throw failure;
    } finally {
      flow.end();
    }
  }

  /** Saves a finished sign-in: the scopes GRANTED (RFC 6749 §3.3), the tokens sealed, one history entry. */
  private async save(
    provider: ConnectableProvider,
    result: AuthorizationResult,
    requested: string[],
    existing: ConnectionRecord | undefined,
    kind: 'connected' | 'granted',
    /** The person's new choice of how long it lasts, or 'keep' what the connection had (a reconnect). */
    choice: { lasts: ConnectionLasts } | 'keep',
  ): Promise<SignedInView> {
    const clock = this.ports.clock.now();
    const now = clock.toISOString();
    const { tokens } = result;
    const lasts = choice === 'keep' ? undefined : choice.lasts;
    const session = choice === 'keep' ? existing?.sessionOnly === true : lasts === 'session';
    // "Just this session" keeps no refresh token, even from a provider that sent one unasked.
    const granted = effectiveGranted(provider.info, requested, tokens.scope, !session && tokens.refreshToken !== undefined);
    const marks: Pick<ConnectionRecord, 'timeBox' | 'sessionOnly' | 'scopeTimeBoxes'> =
      choice === 'keep'
        ? {
            ...(existing?.timeBox ? { timeBox: existing.timeBox } : {}),
            ...(session ? { sessionOnly: true } : {}),
            ...scopeBoxesAfter(existing ?? {}, granted, [], undefined, clock),
          }
        : { ...(lasts !== undefined && lasts !== 'session' ? { timeBox: boxFor(lasts, clock) } : {}), ...(session ? { sessionOnly: true } : {}) };
    const record: ConnectionRecord = {
      ...marks,
      id: existing?.id ?? randomUUID(),
      providerId: provider.info.id,
      issuer: result.issuer,
      ...(tokens.subject ? { subject: tokens.subject } : existing?.subject ? { subject: existing.subject } : {}),
      account: tokens.account ?? existing?.account ?? `${provider.info.name} account`,
      ...(tokens.sites ? { sites: tokens.sites } : existing?.sites ? { sites: existing.sites } : {}),
      requestedScopes: requested,
      grantedScopes: granted,
      connectedAt: existing?.connectedAt ?? now,
      updatedAt: now,
      grantedAt: stampGranted(existing?.grantedAt ?? {}, granted, now),
      state: 'connected',
      ...keptMarks(existing && this.vault.get(existing.id), provider),
    };
    const missing = notGranted(requested, granted);
    // A fixed list's connection granted more than its list: PolicyGuard takes that back at once; the notice says so.
    const saved = existing && this.vault.get(existing.id);
    const offList = saved ? grantedOffList(provider.info, saved, heldBefore(existing!), granted, this.modes.required()) : [];
    const cameBack = existing ? scopesBeyond(provider.info, [...heldBefore(existing), ...offList], granted) : [];
    const history = [
      historyEntry(record, provider.info.name, now, kind, granted, `${kind === 'connected' ? 'Connected' : 'Signed in again'} with ${granted.length} permissions${lastsText(record)}.`),
      ...(missing.length
        ? [historyEntry(record, provider.info.name, now, 'partial-approval', missing, `${missing.length} asked for but not granted.`)]
        : []),
      ...broaderEntry(record, provider.info, now, requested, granted),
      ...cameBackEntry(record, provider.info, now, cameBack),
    ];
    const replaced = existing && this.vault.hasSecret(existing.id) ? await this.vault.readSecret(existing.id) : undefined;
    const { refreshToken: _unkept, ...withoutRefresh } = toSecret(tokens);
    await this.vault.save(record, session ? withoutRefresh : toSecret(tokens), history);
    // Saved first; then the tokens this sign-in replaced are ended where the provider ends exactly them.
    if (replaced) await retireTokens(provider, this.configurations, this.ports.fetch, replaced, tokens);
    this.emit('grants:changed', { connectionId: record.id });
    const outcome: SignInOutcome = {
      kind: existing ? 'signed-in-again' : 'connected',
      cameBack: namedScopes(provider.info, cameBack),
      notAdded: [],
      ...(offList.length > 0 ? { takenBack: namedScopes(provider.info, offList) } : {}),
    };
    return { ...this.connections.view(record), signIn: outcome };
  }
}

/**
 * What a sign-in keeps of the connection as it is saved now (read at save time: the mode may have
 * changed while the browser was open): its scope mode and list, and the actions it knows. A new
 * connection follows its actions and knows the provider's actions as they are.
 */
function keptMarks(saved: ConnectionRecord | undefined, provider: ConnectableProvider): Pick<ConnectionRecord, 'scopeMode' | 'fixedScopes' | 'knownActions'> {
  if (saved === undefined) return { scopeMode: 'follow', knownActions: provider.info.actions.map((action) => action.id) };
  return {
    ...(saved.scopeMode ? { scopeMode: saved.scopeMode } : {}),
    ...(saved.fixedScopes ? { fixedScopes: saved.fixedScopes } : {}),
    ...(saved.knownActions ? { knownActions: saved.knownActions } : {}),
  };
}

/** ", for 1 day", ", just this session (no refresh token)", or nothing: how long a sign-in's access lasts, for its history entry. */
function lastsText(record: ConnectionRecord): string {
  if (record.sessionOnly) return ', just this session (no refresh token kept)';
  return record.timeBox ? `, for ${TIME_BOX_LABELS[record.timeBox.chosen]}` : '';
}
