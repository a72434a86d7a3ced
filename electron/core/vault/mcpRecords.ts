import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { SecretCipher } from '../ports';
import type { VaultChange } from './changeLog';
import type { McpServerRecord, RegisteredClientRecord } from './mcpSchema';
import type { VaultDocument } from './schema';

/** A client registered at an authorization server, as views and sign-ins see it: never the secret. */
export interface RegisteredClientView {
  clientId: string;
  hasSecret: boolean;
  secretExpiresAt?: number | undefined;
}

/**
 * The vault's remote MCP servers and the clients Scopekeeper registered for them. Reads are of the
 * document in memory; every write goes through the vault's one queue (`write`), a secret sealed
 * by the vault's cipher before it is queued.
 */
export class McpRecords {
  constructor(
    private readonly document: () => VaultDocument,
    private readonly write: (change: VaultChange) => Promise<void>,
    /** The vault's cipher (asked for at each use: the vault sets it after this is made). */
    private readonly cipher: () => SecretCipher,
  ) {}

  servers(): McpServerRecord[] {
    return Object.values(this.document().mcpServers).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  server(id: string): McpServerRecord | undefined {
    const servers = this.document().mcpServers;
    return Object.hasOwn(servers, id) ? servers[id] : undefined;
  }

  saveServer(record: McpServerRecord): Promise<void> {
    return this.write({ mcpServers: { [record.id]: record } });
  }

  /** Forgets a server, and the person's own client for it; the client registered at its authorization server stays (others may use it). */
  removeServer(id: string): Promise<void> {
    return this.write({ mcpServers: { [id]: null }, clients: { [id]: null } });
  }

  registeredClient(issuer: string): RegisteredClientView | undefined {
    const stored = this.stored(issuer);
    return stored && { clientId: stored.clientId, hasSecret: stored.sealedSecret !== undefined, secretExpiresAt: stored.secretExpiresAt };
  }

  async registeredClientSecret(issuer: string): Promise<string | undefined> {
    const sealed = this.stored(issuer)?.sealedSecret;
    if (sealed === undefined) return undefined;
    return this.cipher().decrypt(sealed).catch((error: unknown) => {
      throw new ScopekeeperError('VAULT_LOCKED', 'The saved client secret could not be decrypted on this computer.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** Keeps the client registered at `issuer`, its secret (if it got one) sealed. */
  async saveRegisteredClient(
    issuer: string,
    client: { clientId: string; clientSecret?: string | undefined; secretExpiresAt?: number | undefined },
    registeredAt: string,
  ): Promise<void> {
    const sealedSecret = client.clientSecret === undefined ? undefined : await this.cipher().encrypt(client.clientSecret);
    const record: RegisteredClientRecord = {
      issuer,
      clientId: client.clientId,
      ...(sealedSecret !== undefined ? { sealedSecret } : {}),
      ...(client.secretExpiresAt ? { secretExpiresAt: client.secretExpiresAt } : {}),
      registeredAt,
    };
    await this.write({ registeredClients: { [issuer]: record } });
  }

  /** Forgets a registration the authorization server no longer knows (it refused the client). */
  forgetRegisteredClient(issuer: string): Promise<void> {
    return this.write({ registeredClients: { [issuer]: null } });
  }

  private stored(issuer: string): RegisteredClientRecord | undefined {
    const clients = this.document().registeredClients;
    return Object.hasOwn(clients, issuer) ? clients[issuer] : undefined;
  }
}
