import { randomUUID } from 'node:crypto';
import type { ClientView, ProviderView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ClientSource } from '../clients/registry';
import type { Emit } from '../ipc/events';
import { assertServerAllowed } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';
import type { CoreConfig, OAuthClient, Ports } from '../ports';
import { discoverMcpServer, mcpRefusal, scopeTokens, type McpDiscovery } from '../remoteMcp/discovery';
import { chooseClient, registerNativeClient, type ClientRoute } from '../remoteMcp/registration';
import type { RemoteMcpDirectory, RemoteMcpServer } from '../remoteMcp/types';
import type { McpServerRecord } from '../vault/mcpSchema';
import type { ConnectionRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import type { ChangeService } from './changes';
import type { Connections } from './connections';
import { mcpProvider, type ProviderRegistry } from './providers';
import { historyEntry } from './records';

/** The key of this build's Client ID Metadata Document URL in resources/oauth-clients.json. */
export const METADATA_DOCUMENT_KEY = 'mcp-client-metadata';

/** This build's Client ID Metadata Document URL (resources/oauth-clients.json, `mcp-client-metadata`): only an https one is used. */
export function metadataDocumentUrl(config: CoreConfig): string | undefined {
  const clientId = config.builtInClients?.get(METADATA_DOCUMENT_KEY)?.clientId;
  return clientId?.startsWith('https://') ? clientId : undefined;
}

/** A server the person adds: its MCP endpoint, their name for it, and optionally their own client there. */
export interface McpServerRequest {
  url: string;
  name: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

/**
 * The clients of remote MCP servers, for the ClientRegistry (after the person's own, before the
 * build's): this build's Client ID Metadata Document URL where the server was added with it, else
 * the client registered at its authorization server (RFC 7591), its secret opened only to sign in.
 */
export function mcpClientSource(vault: Pick<Vault, 'mcp'>, metadataDocument: string | undefined): ClientSource {
  const auth = (providerId: string) => vault.mcp.server(providerId)?.auth;
  return {
    describe(providerId): ClientView | undefined {
      const server = auth(providerId);
      if (server?.client === 'metadata-document' && metadataDocument) return { clientId: metadataDocument, hasSecret: false, source: 'built-in' };
      const registered = server?.client === 'registered' ? vault.mcp.registeredClient(server.issuer) : undefined;
      return registered && { clientId: registered.clientId, hasSecret: registered.hasSecret, source: 'registered' };
    },
    async resolve(providerId): Promise<OAuthClient | undefined> {
      const server = auth(providerId);
      if (server?.client === 'metadata-document' && metadataDocument) return { clientId: metadataDocument, source: 'built-in' };
      const registered = server?.client === 'registered' ? vault.mcp.registeredClient(server.issuer) : undefined;
      if (!registered || !server) return undefined;
      const secret = registered.hasSecret ? await vault.mcp.registeredClientSecret(server.issuer) : undefined;
      return { clientId: registered.clientId, ...(secret !== undefined ? { clientSecret: secret } : {}), source: 'registered' };
    },
  };
}

export interface McpServersDeps {
  vault: Vault;
  providers: ProviderRegistry;
  policy: PolicyReader;
  ports: Pick<Ports, 'clock' | 'fetch' | 'config'>;
  emit: Emit;
  /** Removes one connection as Remove connection does (endMcpConnection, wired in createCore). */
  endConnection: (connectionId: string, signIn: boolean) => Promise<unknown>;
}

/**
 * Ends one connection of an MCP server being removed: revoked at its sign-in service where that
 * revokes (RFC 7009) and removed, or removed here only (a server with no sign-in, or one that
 * cannot revoke: there is no console to send the person to). A failed revocation throws, and the
 * connection stays.
 */
export async function endMcpConnection(changes: Pick<ChangeService, 'planDisconnect' | 'apply'>, connections: Pick<Connections, 'forget'>, connectionId: string, signIn: boolean): Promise<unknown> {
  if (!signIn) return connections.forget(connectionId);
  const plan = await changes.planDisconnect(connectionId);
  return plan.strategy === 'console-only' ? connections.forget(connectionId) : changes.apply(plan.planId);
}

/**
 * Remote MCP servers the person adds by URL: discovered, their client chosen or registered, kept in
 * the vault and made providers (`mcp-<uuid>`) that sign in like any other; a server that needs no
 * sign-in becomes a connection at once. Also the directory the broker's MCP side reads.
 */
export class McpServers implements RemoteMcpDirectory {
  /** The add in progress (one at a time): Cancel aborts its requests. */
  private adding: AbortController | undefined;

  constructor(private readonly deps: McpServersDeps) {}

  async add(request: McpServerRequest): Promise<ProviderView> {
    const { vault, policy } = this.deps;
    const name = request.name.trim();
    assertServerAllowed(policy.current(), name, undefined);
    if (vault.mcp.servers().some((s) => sameUrl(s.url, request.url))) {
      throw mcpRefusal('INVALID_REQUEST', 'mcp-already-added', `${request.url} is already added (as ${vault.mcp.servers().find((s) => sameUrl(s.url, request.url))!.name}).`);
    }
    this.adding?.abort();
    const controller = new AbortController();
    this.adding = controller;
    try {
      const { providerTimeoutMs } = this.deps.ports.config;
      const timeoutSeconds = providerTimeoutMs === undefined ? undefined : providerTimeoutMs / 1000;
      const found = await discoverMcpServer(request.url, { fetch: this.deps.ports.fetch, signal: controller.signal, timeoutSeconds });
      const id = `mcp-${randomUUID()}`;
      const record = found.kind === 'open' ? this.openRecord(id, name, found.url) : await this.signInRecord(id, name, found, request, controller.signal);
      if (controller.signal.aborted) throw cancelled();
      if (request.clientId !== undefined && record.auth) await vault.saveOwnClient(id, { clientId: request.clientId, clientSecret: request.clientSecret }, this.now());
      await vault.mcp.saveServer(record);
      this.deps.providers.add(mcpProvider(record));
      if (!record.auth) await this.openConnection(record);
      return this.deps.providers.view(id)!;
    } catch (error) {
      if (controller.signal.aborted) throw cancelled();
      throw error;
    } finally {
      if (this.adding === controller) this.adding = undefined;
    }
  }

  /** Gives up on the add in progress; false when there was none. */
  cancelAdd(): boolean {
    if (!this.adding) return false;
    this.adding.abort();
    return true;
  }

  /** Forgets a server the person added; refused while connections to it are saved (as for any added server). */
  async remove(providerId: string): Promise<null> {
    const server = this.deps.vault.mcp.server(providerId);
    if (!server) throw new ScopekeeperError('PROVIDER_UNKNOWN', 'That MCP server is not one you added.', { reason: 'not-custom' });
    const connections = this.deps.vault.list().filter((r) => r.providerId === providerId).length;
    if (connections > 0) {
      throw new ScopekeeperError('CHANGE_REFUSED', `${server.name} still has ${connections} saved connection(s). Remove them first.`, {
        reason: 'server-in-use',
        providerName: server.name,
        connections,
      });
    }
    await this.deps.vault.mcp.removeServer(providerId);
    this.deps.providers.delete(providerId);
    return null;
  }

  /**
   * Settings › Remove: the server's connections removed one by one first (endMcpConnection; tools'
   * approvals on them go with them), then the server. A connection that cannot be removed stops
   * it: that one and the server stay, and the error says why.
   */
  async removeWithConnections(providerId: string): Promise<null> {
    const server = this.deps.vault.mcp.server(providerId);
    if (!server) return this.remove(providerId);
    for (const record of this.deps.vault.list().filter((r) => r.providerId === providerId)) await this.deps.endConnection(record.id, server.auth !== undefined);
    return this.remove(providerId);
  }

  serverFor(connectionId: string): RemoteMcpServer | undefined {
    const record = this.deps.vault.get(connectionId);
    const server = record && this.deps.vault.mcp.server(record.providerId);
    return server && { providerId: server.id, name: server.name, url: server.url, signIn: server.auth !== undefined };
  }

  connections(): { connectionId: string; server: RemoteMcpServer }[] {
    return this.deps.vault.list().flatMap((record) => {
      const server = this.serverFor(record.id);
      return server ? [{ connectionId: record.id, server }] : [];
    });
  }

  private openRecord(id: string, name: string, url: string): McpServerRecord {
    return { id, name, url, addedAt: this.now() };
  }

  /**
   * A server with a sign-in: the policy asked about its authorization server, then its client in the
   * spec's order (registration/metadata document), registered now when nothing else will do.
   */
  private async signInRecord(id: string, name: string, found: McpDiscovery & { kind: 'oauth' }, request: McpServerRequest, signal: AbortSignal): Promise<McpServerRecord> {
    const { vault } = this.deps;
    const issuer = found.server.issuer;
    assertServerAllowed(this.deps.policy.current(), name, issuer);
    const route: ClientRoute = chooseClient({
      own: request.clientId !== undefined,
      metadataDocument: metadataDocumentUrl(this.deps.ports.config),
      server: found.server,
      registered: vault.mcp.registeredClient(issuer) !== undefined,
    });
    if (route.kind === 'none') {
      throw mcpRefusal('INVALID_REQUEST', 'mcp-needs-own-client', `${new URL(issuer).host} signs in only apps registered with it: register Scopekeeper there (redirect URI http://127.0.0.1/callback) and enter its client ID.`, {
        issuer,
      });
    }
    if (route.kind === 'register') {
      const registered = await registerNativeClient(found.server, (input, init = {}) => this.deps.ports.fetch(input, { ...init, signal }));
      if (signal.aborted) throw cancelled();
      await vault.mcp.saveRegisteredClient(issuer, registered, this.now());
    }
    const known = scopeTokens([...found.challengeScopes, ...found.scopesSupported]);
    const { authorization_endpoint: authorization, token_endpoint: token, revocation_endpoint: revocation } = found.server;
    return {
      id,
      name,
      url: found.url,
      auth: {
        resource: found.resource,
        issuer,
        scopes: found.challengeScopes.length > 0 ? found.challengeScopes : found.scopesSupported,
        knownScopes: known,
        endpoints: { authorization: authorization!, token: token!, ...(revocation ? { revocation } : {}) },
        ...(route.kind === 'metadata-document' ? { client: 'metadata-document' as const } : route.kind === 'own' ? {} : { client: 'registered' as const }),
      },
      addedAt: this.now(),
    };
  }

  /** "No sign-in needed": the server is a connection at once, with no tokens and nothing granted. */
  private async openConnection(server: McpServerRecord): Promise<void> {
    const now = this.now();
    const record: ConnectionRecord = {
      id: randomUUID(),
      providerId: server.id,
      issuer: new URL(server.url).origin,
      account: 'No sign-in needed',
      requestedScopes: [],
      grantedScopes: [],
      connectedAt: now,
      updatedAt: now,
      grantedAt: {},
      state: 'connected',
      scopeMode: 'follow',
      knownActions: [],
    };
    await this.deps.vault.save(record, null, [historyEntry(record, server.name, now, 'connected', [], `Added ${server.name} (${server.url}): it needs no sign-in.`)]);
    this.deps.emit('grants:changed', { connectionId: record.id });
  }

  private now(): string {
    return this.deps.ports.clock.now().toISOString();
  }
}

function cancelled(): ScopekeeperError {
  return new ScopekeeperError('AUTH_CANCELLED', 'Adding the server was cancelled; nothing was added.', { reason: 'mcp-add-cancelled' });
}

/** The same endpoint however it was typed (the URL's own normalisation: case of the host, default port). */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}
