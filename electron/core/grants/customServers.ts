import { randomUUID } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ProviderView, SandboxSetting } from '../../../shared/ipc/contract';
import { SANDBOX_CLIENT_ID } from '../../../shared/catalog';
import type { ConfigurationCache } from '../oauth/configurations';
import { protocolFor } from '../oauth/providers';
import { rediscoverProvider } from '../oauth/providers/configure';
import { isLoopbackHttp } from '../security/urls';
import type { Clock, CoreConfig } from '../ports';
import type { CustomProviderRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { customProvider, sandbox, type ProviderRegistry } from './providers';
import type { SignIn } from './signIn';
import { assertServerAllowed } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';

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

/** Where the Sandbox points: this run's environment first, then the saved setting, or nowhere. */
export function sandboxSetting(config: CoreConfig, vault: Pick<Vault, 'settings'>): SandboxSetting {
  if (config.sandboxIssuer) return { issuer: config.sandboxIssuer, source: 'environment' };
  const saved = vault.settings().sandboxIssuer;
  return saved ? { issuer: saved, source: 'settings' } : { source: 'none' };
}

/** Servers the person adds, edits and removes, and where the Sandbox provider points. */
export class CustomServers {
  constructor(
    private readonly vault: Vault,
    private readonly providers: ProviderRegistry,
    private readonly flows: Pick<SignIn, 'assertNoFlow'>,
    private readonly configurations: ConfigurationCache,
    private readonly clock: Clock,
    /** The managed policy: servers may be refused, or only some issuers allowed. */
    private readonly policy: PolicyReader,
  ) {}

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
    this.flows.assertNoFlow();
    await this.vault.removeCustomProvider(providerId);
    this.providers.delete(providerId);
    return null;
  }

  /**
   * Points the Sandbox provider at a server on this computer (or nowhere). The server must answer
   * discovery first, so a wrong port is reported now rather than at the first sign-in.
   */
  async setSandbox(issuer: string | null): Promise<void> {
    if (issuer === null) {
      await this.vault.saveSettings({ ...this.vault.settings(), sandboxIssuer: undefined });
      this.providers.add(sandbox(undefined, this.providers.sandboxCatalogUpdate));
      return;
    }
    const trimmed = issuer.replace(/\/+$/, '');
    if (!isLoopbackHttp(new URL(trimmed))) {
      throw new ScopekeeperError('INVALID_REQUEST', 'The sandbox runs on this computer: its address starts with http://127.0.0.1.');
    }
    await this.configurations.rediscover(trimmed, SANDBOX_CLIENT_ID);
    await this.vault.saveSettings({ ...this.vault.settings(), sandboxIssuer: trimmed });
    this.providers.add(sandbox(trimmed, this.providers.sandboxCatalogUpdate));
  }

  /** The record for a server as requested: discovered (endpoints kept from its metadata) or typed in. */
  private async serverRecord(id: string, request: ServerRequest, secret: string | undefined, addedAt: string): Promise<CustomProviderRecord> {
    // Before any discovery request: a refused server is never contacted.
    assertServerAllowed(this.policy.current(), request.name, request.issuer?.replace(/\/+$/, ''));
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

  private now(): string {
    return this.clock.now().toISOString();
  }
}
