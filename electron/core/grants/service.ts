import { randomUUID } from 'node:crypto';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import { connectionIdSchema, connectionViewSchema, type ConnectionView, type EventPayload, type ProviderView } from '../../../shared/ipc/contract';
import type { Emit } from '../ipc/events';
import { effectiveGranted } from '../../../shared/scopes/format';
import type { ConfigurationCache } from '../oauth/configurations';
import { protocolFor } from '../oauth/providers';
import { rediscoverProvider } from '../oauth/providers/configure';
import { isLoopbackHttp } from '../security/urls';
import type { Ports } from '../ports';
import type { ConnectionRecord, CustomProviderRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { authorize, authorizeWithDeviceCode, DEFAULT_AUTH_TIMEOUT_MS, FlowSlot, type AuthorizationResult } from './connect';
import type { DeviceCode } from '../oauth/device';
import { explainActions, explainScopes } from './explain';
import { SANDBOX_CLIENT_ID } from '../../../shared/catalog';
import { customProvider, defaultScopes, noClientReason, sandbox, type ConnectableProvider, type ProviderRegistry } from './providers';
import { historyView } from './history';
import { broaderEntry, historyEntry, stampGranted, toSecret } from './records';
import { notGranted, uniqueScopes } from './scopes';

/** A server the person adds or edits: by issuer (discovery) or by endpoints typed in. */
export interface ServerRequest {
  name: string;
  issuer?: string | undefined;
  endpoints?: { authorization: string; token: string; revocation?: string | undefined; userinfo?: string | undefined } | undefined;
  clientId: string;
}

/** Tokens and secrets go only over TLS, or to a server on this computer. */
function assertServerUrl(url: string, what: string): void {
  if (!url.startsWith('https://') && !isLoopbackHttp(new URL(url))) {
    throw new ScopekeeperError('INVALID_REQUEST', `The ${what} must be an https URL (plain http only on this computer).`, {
      // The window words an issuer differently from an endpoint typed in.
      reason: what === 'issuer' ? 'insecure-issuer' : 'insecure-url',
      field: what,
    });
  }
}

/** Connecting, reconnecting and listing: everything that starts with a sign-in. */
export class GrantsService {
  private readonly flows = new FlowSlot();
  /** Work a cancelled sign-in left behind (ending a grant made anyway); see `settled`. */
  private readonly leftovers = new Set<Promise<void>>();
  /** Where the code of the running device sign-in is entered; only main opens it. */
  private devicePage: string | undefined;

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
  async connect(request: {
    providerId: string;
    scopes?: string[] | undefined;
    anotherAccount?: boolean | undefined;
    method?: 'browser' | 'device' | undefined;
  }): Promise<ConnectionView> {
    const provider = await this.connectable(request.providerId);
    const scopes = uniqueScopes([...provider.info.identityScopes, ...(request.scopes ?? defaultScopes(provider.info))]);
    // The same account connected again updates its connection instead of adding a second one.
    const result =
      request.method === 'device'
        ? await this.signInWithCode(provider, scopes)
        : await this.signIn(provider, scopes, {}, { selectAccount: request.anotherAccount === true });
    const existing = result.tokens.subject
      ? this.vault.list().find((r) => r.providerId === provider.info.id && r.issuer === result.issuer && r.subject === result.tokens.subject)
      : undefined;
    return this.saveSignIn(provider, result, scopes, existing, existing ? 'granted' : 'connected');
  }

  /** Signs in again with the scopes a disconnected connection would restore. */
  async reconnect(connectionId: string): Promise<ConnectionView> {
    const record = this.record(connectionId);
    const provider = await this.connectable(record.providerId);
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

  /**
   * Connecting by code (RFC 8628): the same one-at-a-time slot and `flow:progress` events as a
   * browser sign-in, with the code in the 'waiting-for-device' event.
   */
  async signInWithCode(provider: ConnectableProvider, scopes: string[]): Promise<AuthorizationResult> {
    const status = await this.vault.status();
    if (status.state === 'locked') throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    const flow = this.flows.begin();
    const progress = (stage: EventPayload<'flow:progress'>['stage'], extra: { error?: ScopekeeperError; device?: DeviceCode } = {}): void =>
      this.emit('flow:progress', {
        flowId: flow.id,
        providerId: provider.info.id,
        stage,
        ...(extra.device ? { device: { userCode: extra.device.userCode, verificationUri: extra.device.verificationUri, expiresAt: new Date(extra.device.expiresAt * 1000).toISOString() } } : {}),
        ...(extra.error ? { error: extra.error.toJSON() } : {}),
      });
    try {
      const result = await authorizeWithDeviceCode({
        provider,
        scopes,
        configurations: this.configurations,
        fetch: this.ports.fetch,
        signal: flow.signal,
        onStage: (stage, device) => {
          if (device) this.devicePage = device.verificationUriComplete ?? device.verificationUri;
          progress(stage, device ? { device } : {});
        },
      });
      this.providers.noteDeviceFlow(provider.info.id, true);
      progress('finished');
      return result;
    } catch (error) {
      const failure = error instanceof ScopekeeperError ? error : new ScopekeeperError('INTERNAL', toAppError(error).message);
      if (failure.code === 'DEVICE_FLOW_UNSUPPORTED') this.providers.noteDeviceFlow(provider.info.id, false);
      progress(failure.code === 'AUTH_CANCELLED' ? 'cancelled' : 'failed', { error: failure });
      throw failure;
    } finally {
      this.devicePage = undefined;
      flow.end();
    }
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
   * Adds an OAuth 2.0 / OpenID Connect server: by issuer URL, whose metadata is read first so a
   * typo (or the server's own problem) is reported now rather than at the first sign-in; or by its
   * endpoints, for a server that publishes none. Its client is the person's own.
   */
  async addProvider(request: ServerRequest & { clientSecret?: string | undefined }): Promise<ProviderView> {
    const id = `custom-${randomUUID()}`;
    const record = await this.serverRecord(id, request, request.clientSecret, this.now());
    await this.vault.saveOwnClient(id, { clientId: request.clientId, clientSecret: request.clientSecret }, record.addedAt);
    await this.vault.saveCustomProvider(record);
    this.providers.add(customProvider(record));
    return this.providers.view(id)!;
  }

  /** Changes a server the person added (name, issuer or endpoints, client); checked as when added. */
  async editServer(request: ServerRequest & { providerId: string; clientSecret?: string | null | undefined }): Promise<ProviderView> {
    const existing = this.vault.customProviders().find((p) => p.id === request.providerId);
    if (!existing) throw new ScopekeeperError('PROVIDER_UNKNOWN', 'That server is not one you added, so it cannot be edited.', { reason: 'not-custom' });
    // Discovery needs the secret that will be used: the new one, or the saved one when kept.
    const secret = request.clientSecret === undefined && this.vault.ownClient(existing.id)?.clientId === request.clientId
      ? await this.vault.ownClientSecret(existing.id)
      : (request.clientSecret ?? undefined);
    const record = await this.serverRecord(existing.id, request, secret, existing.addedAt);
    await this.vault.saveOwnClient(existing.id, { clientId: request.clientId, clientSecret: request.clientSecret }, this.now());
    await this.vault.saveCustomProvider(record);
    this.providers.add(customProvider(record));
    return this.providers.view(existing.id)!;
  }

  /** Forgets a server the person added; refused while connections to it are saved. */
  async removeServer(providerId: string): Promise<null> {
    const existing = this.vault.customProviders().find((p) => p.id === providerId);
    if (!existing) throw new ScopekeeperError('PROVIDER_UNKNOWN', 'That server is not one you added, so it cannot be removed.', { reason: 'not-custom' });
    const connections = this.vault.list().filter((r) => r.providerId === providerId).length;
    if (connections > 0) {
      throw new ScopekeeperError('CHANGE_REFUSED', `${existing.name} still has ${connections} saved connection(s). Remove them first.`, {
        reason: 'server-in-use',
        providerName: existing.name,
        connections,
      });
    }
    this.assertNoFlow();
    await this.vault.removeCustomProvider(providerId);
    this.providers.delete(providerId);
    return null;
  }

  /** The record for a server as requested: discovered (endpoints kept from its metadata) or typed in. */
  private async serverRecord(id: string, request: ServerRequest, secret: string | undefined, addedAt: string): Promise<CustomProviderRecord> {
    if (request.issuer !== undefined) {
      const issuer = request.issuer.replace(/\/+$/, '');
      assertServerUrl(issuer, 'issuer');
      // Read again now (the person is (re)entering it), and kept for the sign-ins that follow.
      const client = { clientId: request.clientId, ...(secret !== undefined ? { clientSecret: secret } : {}), source: 'own' as const };
      const metadata = (await rediscoverProvider(protocolFor(id), issuer, client, this.configurations)).serverMetadata();
      this.providers.noteDeviceFlow(id, typeof metadata.device_authorization_endpoint === 'string');
      const endpoints = {
        authorization: metadata.authorization_endpoint ?? `${issuer}/authorize`,
        token: metadata.token_endpoint ?? `${issuer}/token`,
        ...(metadata.revocation_endpoint ? { revocation: metadata.revocation_endpoint } : {}),
        ...(metadata.userinfo_endpoint ? { userinfo: metadata.userinfo_endpoint } : {}),
      };
      return { id, name: request.name, issuer, endpoints, addedAt };
    }
    const endpoints = request.endpoints!;
    for (const [what, url] of Object.entries(endpoints)) if (url !== undefined) assertServerUrl(url, `${what} endpoint`);
    return { id, name: request.name, endpoints, addedAt };
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

  /** The provider with the client to sign in as (the person's own first), its secret opened. */
  async connectable(providerId: string): Promise<ConnectableProvider> {
    const provider = this.providers.get(providerId);
    if (!provider) throw new ScopekeeperError('PROVIDER_UNKNOWN', `There is no provider called “${providerId}”.`);
    if (provider.unavailableReason) throw new ScopekeeperError('PROVIDER_UNKNOWN', provider.unavailableReason);
    const client = await this.providers.clients.resolve(providerId);
    if (!client) {
      throw new ScopekeeperError('PROVIDER_UNKNOWN', noClientReason(provider.info.name), { reason: 'no-client', providerName: provider.info.name });
    }
    // The catalog entry as this client can use it (GitHub revokes through its API only with a secret).
    return { ...provider, info: provider.protocol.adjust(provider.info, client), client };
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
