import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ProviderView } from '../../../shared/ipc/contract';
import type { ProviderRegistry } from './providers';
import type { Clock } from '../ports';
import type { Vault } from '../vault/vault';

export interface OwnClientRequest {
  providerId: string;
  clientId: string;
  /** A string sets it, null removes it, undefined keeps the saved one when the client ID stays. */
  clientSecret?: string | null | undefined;
  redirectPort?: number | undefined;
}

/**
 * Bring your own OAuth client: the person's registration with a provider (catalog or custom)
 * takes precedence over the build's. The secret goes straight into the vault, sealed.
 */
export class OwnClientService {
  constructor(
    private readonly vault: Vault,
    private readonly providers: ProviderRegistry,
    private readonly clock: Clock,
  ) {}

  async set(request: OwnClientRequest): Promise<ProviderView> {
    this.known(request.providerId);
    await this.vault.saveOwnClient(
      request.providerId,
      { clientId: request.clientId.trim(), clientSecret: request.clientSecret, redirectPort: request.redirectPort },
      this.clock.now().toISOString(),
    );
    return this.providers.view(request.providerId)!;
  }

  /** Back to the build's client, or to none (the provider then says how to bring one). */
  async clear(providerId: string): Promise<ProviderView> {
    this.known(providerId);
    if (this.vault.ownClient(providerId) === undefined) {
      throw new ScopekeeperError('INVALID_REQUEST', 'There is no client of your own saved for this provider.', { reason: 'no-own-client' });
    }
    await this.vault.removeOwnClient(providerId);
    return this.providers.view(providerId)!;
  }

  private known(providerId: string): void {
    if (!this.providers.get(providerId)) {
      throw new ScopekeeperError('PROVIDER_UNKNOWN', `There is no provider called “${providerId}”.`);
    }
  }
}
