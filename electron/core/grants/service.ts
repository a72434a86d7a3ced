import { randomUUID } from 'node:crypto';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import { connectionIdSchema, connectionViewSchema, type ConnectionView, type EventPayload, type ProviderView } from '../../../shared/ipc/contract';
import type { EventChannel } from '../../../shared/ipc/channels';
import { effectiveGranted } from '../../../shared/scopes/format';
import type { ConfigurationCache } from '../oauth/configurations';
import { isLoopbackHttp } from '../security/urls';
import type { Ports } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { authorize, DEFAULT_AUTH_TIMEOUT_MS, FlowSlot, type AuthorizationResult } from './connect';
import { explainActions, explainScopes } from './explain';
import { SANDBOX_CLIENT_ID } from '../../../shared/catalog';
import { customProvider, defaultScopes, sandbox, type ConnectableProvider, type ProviderRegistry } from './providers';
import { historyView } from './history';
import { broaderEntry, historyEntry, stampGranted, toSecret } from './records';
import { notGranted, uniqueScopes } from './scopes';

export type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

/** Connecting, reconnecting and listing: everything that starts with a sign-in. */
export class GrantsService {
  private readonly flows = new FlowSlot();
  /** Work a cancelled sign-in left behind (ending a grant made anyway); see `settled`. */
  private readonly leftovers = new Set<Promise<void>>();

  constructor(
    private readonly ports: Ports,
    private readonly vault: Vault,
    private readonly providers: ProviderRegistry,
    private readonly emit: Emit,
    readonly configurations: ConfigurationCache,
  ) {}

  /** The core's fetch port, for a provider's own APIs (account, revocation). */
  get fetch(): typeof fetch {
    return this.ports.fetch;
  }

  /** Resolves when the clean-up of every cancelled sign-in so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.leftovers.size > 0) await Promise.allSettled([...this.leftovers]);
  }

  /** Every saved connection; a record that cannot be shown is listed as damaged, never dropped or fatal. */
  list(): ConnectionView[] {
    return (
      this.vault
        .list()
        // Ids are ours (random UUIDs); one that breaks the contract could not even be removed.
        .filter((record) => connectionIdSchema.safeParse(record.id).success)
        .map((record) => {
          const problem = this.unshowable(record);
          return problem === undefined ? this.view(record) : this.damaged(record, problem);
        })
    );
  }

  /** Why a record's view would break the contract's limits, or undefined when it can be shown. */
  private unshowable(record: ConnectionRecord): string | undefined {
    try {
      const checked = connectionViewSchema.safeParse(this.view(record));
      if (checked.success) return undefined;
      const issue = checked.error.issues[0];
      return `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** A placeholder for a record that cannot be shown: what can be said safely, and that it can be removed. */
  private damaged(record: ConnectionRecord, reason: string): ConnectionView {
    const fits = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
    const date = (value: string): string => (Number.isNaN(Date.parse(value)) ? new Date(0).toISOString() : new Date(value).toISOString());
    return {
      id: record.id,
      providerId: fits(record.providerId, 200),
      providerName: fits(this.providerName(record.providerId), 200),
      account: fits(record.account, 200),
      connectedAt: date(record.connectedAt),
      updatedAt: date(record.updatedAt),
      state: 'disconnected',
      requestedScopes: [],
      grantedScopes: [],
      notGrantedScopes: [],
      granted: [],
      notGranted: [],
      restore: [],
      actions: [],
      history: [],
      damaged: { reason: fits(`This saved connection cannot be shown (${reason}).`, 1000) },
    };
  }

  /** Signs in through the browser and saves what the provider GRANTED, not what was asked. */
  async connect(request: { providerId: string; scopes?: string[] | undefined; anotherAccount?: boolean | undefined }): Promise<ConnectionView> {
    const provider = this.connectable(request.providerId);
    const scopes = uniqueScopes([...provider.info.identityScopes, ...(request.scopes ?? defaultScopes(provider.info))]);
    // The same account connected again updates its connection instead of adding a second one.
    const result = await this.signIn(provider, scopes, {}, { selectAccount: request.anotherAccount === true });
    const existing = result.tokens.subject
      ? this.vault.list().find((r) => r.providerId === provider.info.id && r.issuer === result.issuer && r.subject === result.tokens.subject)
      : undefined;
    return this.saveSignIn(provider, result, scopes, existing, existing ? 'granted' : 'connected');
  }

  /** Signs in again with the scopes a disconnected connection would restore. */
  async reconnect(connectionId: string): Promise<ConnectionView> {
    const record = this.record(connectionId);
    const provider = this.connectable(record.providerId);
    const scopes = record.state === 'disconnected' ? (record.restoreScopes ?? record.requestedScopes) : record.requestedScopes;
    const result = await this.signIn(provider, scopes, {});
    return this.saveSignIn(provider, result, scopes, record, 'granted');
  }

  /**
   * One browser sign-in at a time, reported as `flow:progress`. Used by connect, reconnect and
   * by scope changes that need a new consent.
   */
  async signIn(
    provider: ConnectableProvider,
    scopes: string[],
    params: Record<string, string>,
    options: { selectAccount?: boolean } = {},
  ): Promise<AuthorizationResult> {
    const status = await this.vault.status();
    if (status.state === 'locked') throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    const flow = this.flows.begin();
    const progress = (stage: EventPayload<'flow:progress'>['stage'], error?: ScopekeeperError): void =>
      this.emit('flow:progress', { flowId: flow.id, providerId: provider.info.id, stage, ...(error ? { error: error.toJSON() } : {}) });
    try {
      const result = await authorize({
        provider,
        scopes,
        params,
        ...(options.selectAccount ? { selectAccount: true } : {}),
        browser: this.ports.browser,
        configurations: this.configurations,
        fetch: this.ports.fetch,
        afterCancel: (work) => {
          const tracked = work.catch(() => undefined).finally(() => this.leftovers.delete(tracked));
          this.leftovers.add(tracked);
        },
        timeoutMs: this.ports.config.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        signal: flow.signal,
        onStage: progress,
      });
      // The browser part is over; what is left is a local save. Reported as finished now, because
      // an event can arrive after the invoke's answer (headless host) and must not reopen the flow.
      progress('finished');
      return result;
    } catch (error) {
      const failure = error instanceof ScopekeeperError ? error : new ScopekeeperError('INTERNAL', toAppError(error).message);
      progress(failure.code === 'AUTH_CANCELLED' ? 'cancelled' : 'failed', failure);
      throw failure;
    } finally {
      flow.end();
    }
  }

  assertNoFlow(): void {
    this.flows.assertIdle();
  }

  cancelFlow(): { cancelled: boolean } {
    return { cancelled: this.flows.cancel() };
  }

  /** Forgets a connection on this computer only; the provider keeps its grant. */
  async forget(connectionId: string): Promise<null> {
    const record = this.record(connectionId);
    // A damaged record's scopes may be what broke it: its history entry names none.
    const scopes = this.unshowable(record) === undefined ? record.grantedScopes : [];
    await this.vault.remove(connectionId, [
      historyEntry(record, this.providerName(record.providerId), this.now(), 'removed', scopes, 'Forgotten on this computer; the provider still has the grant.'),
    ]);
    this.emit('grants:changed', { connectionId });
    return null;
  }

  /**
   * Adds an OAuth 2.0 / OpenID Connect server by issuer URL and client ID. Its metadata is read
   * first, so a typo is caught now rather than at the first sign-in.
   */
  async addProvider(request: { name: string; issuer: string; clientId: string }): Promise<ProviderView> {
    const issuer = request.issuer.replace(/\/+$/, '');
    if (!issuer.startsWith('https://') && !isLoopbackHttp(new URL(issuer))) {
      throw new ScopekeeperError('INVALID_REQUEST', 'The issuer must be an https URL (plain http only on this computer).', {
        reason: 'insecure-issuer',
      });
    }
    await this.configurations.rediscover(issuer, request.clientId);
    const record = { id: `custom-${randomUUID()}`, name: request.name, issuer, clientId: request.clientId, addedAt: this.now() };
    await this.vault.saveCustomProvider(record);
    this.providers.add(customProvider(record));
    return this.providers.view(record.id)!;
  }

  /**
   * Points the Sandbox provider at a server on this computer (or nowhere). The server must answer
   * discovery first, so a wrong port is reported now rather than at the first sign-in.
   */
  async setSandbox(issuer: string | null): Promise<void> {
    if (issuer === null) {
      await this.vault.saveSettings({ ...this.vault.settings(), sandboxIssuer: undefined });
      this.providers.add(sandbox(undefined));
      return;
    }
    const trimmed = issuer.replace(/\/+$/, '');
    if (!isLoopbackHttp(new URL(trimmed))) {
      throw new ScopekeeperError('INVALID_REQUEST', 'The sandbox runs on this computer: its address starts with http://127.0.0.1.');
    }
    await this.configurations.rediscover(trimmed, SANDBOX_CLIENT_ID);
    await this.vault.saveSettings({ ...this.vault.settings(), sandboxIssuer: trimmed });
    this.providers.add(sandbox(trimmed));
  }

  record(connectionId: string): ConnectionRecord {
    const record = this.vault.get(connectionId);
    if (!record) throw new ScopekeeperError('CONNECTION_NOT_FOUND', 'That connection is not saved on this computer.');
    return record;
  }

  connectable(providerId: string): ConnectableProvider {
    const provider = this.providers.get(providerId);
    if (!provider) throw new ScopekeeperError('PROVIDER_UNKNOWN', `There is no provider called “${providerId}”.`);
    if (provider.unavailableReason || !provider.client) {
      throw new ScopekeeperError('PROVIDER_UNKNOWN', provider.unavailableReason ?? `${provider.info.name} cannot be connected here.`);
    }
    return { ...provider, client: provider.client };
  }

  providerName(providerId: string): string {
    return this.providers.get(providerId)?.info.name ?? providerId;
  }

  now(): string {
    return this.ports.clock.now().toISOString();
  }

  view(record: ConnectionRecord): ConnectionView {
    const info = this.providers.get(record.providerId)?.info;
    const notGrantedScopes = record.state === 'connected' ? notGranted(record.requestedScopes, record.grantedScopes) : [];
    const explain = (scopes: readonly string[]): ConnectionView['granted'] =>
      info ? explainScopes(info, scopes, record.grantedScopes).map((e) => ({
            ...e,
            grantedAt: Object.hasOwn(record.grantedAt, e.scope) ? record.grantedAt[e.scope] : undefined,
          })) : [];
    return {
      id: record.id,
      providerId: record.providerId,
      providerName: this.providerName(record.providerId),
      account: record.account,
      ...(record.sites ? { sites: record.sites } : {}),
      connectedAt: record.connectedAt,
      updatedAt: record.updatedAt,
      state: record.state,
      requestedScopes: record.requestedScopes,
      grantedScopes: record.grantedScopes,
      notGrantedScopes,
      granted: explain(record.grantedScopes),
      notGranted: explain(notGrantedScopes),
      restore: record.state === 'disconnected' ? explain(record.restoreScopes ?? []) : [],
      actions: info ? explainActions(info, record.grantedScopes) : [],
      history: this.vault.history(record.id).map(historyView),
      ...(record.revokedAtProvider ? { revokedAtProvider: record.revokedAtProvider } : {}),
    };
  }

  /** Saves a finished sign-in: the scopes GRANTED (RFC 6749 §3.3), the tokens sealed, one history entry. */
  private async saveSignIn(
    provider: ConnectableProvider,
    result: AuthorizationResult,
    requested: string[],
    existing: ConnectionRecord | undefined,
    kind: 'connected' | 'granted',
  ): Promise<ConnectionView> {
    const now = this.now();
    const { tokens } = result;
    const granted = effectiveGranted(provider.info, requested, tokens.scope, tokens.refreshToken !== undefined);
    const record: ConnectionRecord = {
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
    };
    const missing = notGranted(requested, granted);
    const history = [
      historyEntry(record, provider.info.name, now, kind, granted, `${kind === 'connected' ? 'Connected' : 'Signed in again'} with ${granted.length} permissions.`),
      ...(missing.length
        ? [historyEntry(record, provider.info.name, now, 'partial-approval', missing, `${missing.length} asked for but not granted.`)]
        : []),
      ...broaderEntry(record, provider.info, now, requested, granted),
    ];
    await this.vault.save(record, toSecret(tokens), history);
    this.emit('grants:changed', { connectionId: record.id });
    return this.view(record);
  }
}
