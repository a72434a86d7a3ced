import { randomUUID } from 'node:crypto';
import { ScopekeeperError, toAppError } from '../../../shared/ipc/errors';
import type { ConnectionView, EventPayload } from '../../../shared/ipc/contract';
import type { EventChannel } from '../../../shared/ipc/channels';
import type { Ports } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { authorize, DEFAULT_AUTH_TIMEOUT_MS, FlowSlot } from './connect';
import { effectiveGranted } from '../../../shared/scopes/format';
import { defaultScopes, type ConnectableProvider, type ProviderRegistry, type RuntimeProvider } from './providers';
import { notGranted, uniqueScopes } from './scopes';

export type Emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => void;

export class GrantsService {
  private readonly flows = new FlowSlot();

  constructor(
    private readonly ports: Ports,
    private readonly vault: Vault,
    private readonly providers: ProviderRegistry,
    private readonly emit: Emit,
  ) {}

  list(): ConnectionView[] {
    return this.vault.list().map((record) => this.view(record));
  }

  /** Signs in through the browser and saves what the provider GRANTED, not what was asked. */
  async connect(request: { providerId: string; scopes?: string[] | undefined }): Promise<ConnectionView> {
    const provider = this.connectable(request.providerId);
    const status = await this.vault.status();
    if (status.state === 'locked') throw new ScopekeeperError('VAULT_LOCKED', status.lockedReason ?? 'The vault is locked.');
    const flow = this.flows.begin();
    const progress = (stage: EventPayload<'flow:progress'>['stage'], error?: ScopekeeperError): void =>
      this.emit('flow:progress', { flowId: flow.id, providerId: provider.info.id, stage, ...(error ? { error: error.toJSON() } : {}) });
    try {
      const result = await authorize({
        provider,
        scopes: uniqueScopes([...provider.info.identityScopes, ...(request.scopes ?? defaultScopes(provider.info))]),
        browser: this.ports.browser,
        fetch: this.ports.fetch,
        timeoutMs: this.ports.config.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS,
        signal: flow.signal,
        onStage: progress,
      });
      progress('saving');
      const record = this.recordFor(provider, result.issuer, result.requestedScopes, result.tokens);
      const { tokens } = result;
      await this.vault.save(record, {
        accessToken: tokens.accessToken,
        tokenType: tokens.tokenType,
        ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
        ...(tokens.idToken ? { idToken: tokens.idToken } : {}),
        ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
      });
      progress('finished');
      this.emit('grants:changed', { connectionId: record.id });
      return this.view(record);
    } catch (error) {
      const failure = error instanceof ScopekeeperError ? error : new ScopekeeperError('INTERNAL', toAppError(error).message);
      progress(failure.code === 'AUTH_CANCELLED' ? 'cancelled' : 'failed', failure);
      throw failure;
    } finally {
      flow.end();
    }
  }

  cancelFlow(): { cancelled: boolean } {
    return { cancelled: this.flows.cancel() };
  }

  /** Forgets a connection on this computer only; the provider keeps its grant. */
  async forget(connectionId: string): Promise<null> {
    await this.vault.remove(connectionId);
    this.emit('grants:changed', { connectionId });
    return null;
  }

  private connectable(providerId: string): ConnectableProvider {
    const provider = this.providers.get(providerId);
    if (!provider) throw new ScopekeeperError('PROVIDER_UNKNOWN', `There is no provider called “${providerId}”.`);
    if (provider.unavailableReason || !provider.issuer || !provider.clientId) {
      throw new ScopekeeperError('PROVIDER_UNKNOWN', provider.unavailableReason ?? `${provider.info.name} cannot be connected here.`);
    }
    return { ...provider, issuer: provider.issuer, clientId: provider.clientId };
  }

  /** The same account at the same provider is one connection: reconnecting updates it. */
  private recordFor(
    provider: RuntimeProvider,
    issuer: string,
    requested: string[],
    tokens: { scope?: string; subject?: string; account?: string; refreshToken?: string },
  ): ConnectionRecord {
    const now = this.ports.clock.now().toISOString();
    const existing = tokens.subject
      ? this.vault.list().find((r) => r.providerId === provider.info.id && r.issuer === issuer && r.subject === tokens.subject)
      : undefined;
    return {
      id: existing?.id ?? randomUUID(),
      providerId: provider.info.id,
      issuer,
      ...(tokens.subject ? { subject: tokens.subject } : {}),
      account: tokens.account ?? existing?.account ?? `${provider.info.name} account`,
      requestedScopes: requested,
      grantedScopes: effectiveGranted(provider.info, requested, tokens.scope, tokens.refreshToken !== undefined),
      connectedAt: existing?.connectedAt ?? now,
      updatedAt: now,
    };
  }

  private view(record: ConnectionRecord): ConnectionView {
    return {
      id: record.id,
      providerId: record.providerId,
      providerName: this.providers.get(record.providerId)?.info.name ?? record.providerId,
      account: record.account,
      connectedAt: record.connectedAt,
      updatedAt: record.updatedAt,
      requestedScopes: record.requestedScopes,
      grantedScopes: record.grantedScopes,
      notGrantedScopes: notGranted(record.requestedScopes, record.grantedScopes),
    };
  }
}
