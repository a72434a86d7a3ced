import { CATALOG, genericProvider, SANDBOX_CLIENT_ID, sandboxProvider, type ProviderInfo, type ScopeInfo } from '../../../shared/catalog';
import type { ProviderView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { includedScopes } from '../../../shared/scopes/algebra';
import type { ClientRegistry } from '../clients/registry';
import { protocolFor, type ProviderProtocol } from '../oauth/providers';
import type { CoreConfig, OAuthClient } from '../ports';
import type { CustomProviderRecord } from '../vault/schema';
import type { McpServerRecord } from '../vault/mcpSchema';
import { mcpProtocol } from '../oauth/providers/mcp';
import { inferScope } from '../../../shared/scopes/infer';
import { sessionOffer } from './session';

/** A provider as it stands on this machine: its catalog description, where it signs in. */
export interface RuntimeProvider {
  /** The catalog entry as this client can use it (see ProviderProtocol.adjust). */
  info: ProviderInfo;
  /** Everything this provider does differently on the wire. */
  protocol: ProviderProtocol;
  /** True for a server the person added by issuer URL. */
  custom: boolean;
  /** Why it cannot be connected here whatever the client, in a sentence; undefined when it can. */
  unavailableReason?: string;
  /** What Connect asks for untouched, when not the catalog's defaults (a remote MCP server's: its 401's `scope`, else `scopes_supported`). */
  defaults?: string[];
  /** A remote MCP server added by URL. */
  mcp?: { url: string; signIn: boolean; revocation: boolean };
}

/** A provider with the client to sign in with (the person's own first), secret opened. */
export type ConnectableProvider = RuntimeProvider & { client: OAuthClient };

/** The loopback redirect URI a client registers: any port (RFC 8252 §7.3) unless it needs a fixed one. */
export function redirectUriFor(redirectPort: number | undefined): string {
  return redirectPort === undefined ? 'http://127.0.0.1/callback' : `http://127.0.0.1:${redirectPort}/callback`;
}

/**
 * The clients this build signs in with: the Sandbox's, and those of resources/oauth-clients.json
 * (or the file SCOPEKEEPER_OAUTH_CLIENTS names), which the host read at start-up.
 */
export function builtInClients(config: CoreConfig): Map<string, OAuthClient> {
  return new Map<string, OAuthClient>([['sandbox', { clientId: SANDBOX_CLIENT_ID, source: 'built-in' }], ...(config.builtInClients ?? [])]);
}

const SANDBOX_NOT_RUNNING =
  'The sandbox server is not set up. Use “npm start”, which runs it; or start it with “npm run sandbox” and enter its address in Settings.';

/** The Sandbox at `issuer`, or listed as unavailable with what to do when there is none. */
export function sandbox(issuer: string | undefined, catalogUpdate = false): RuntimeProvider {
  const protocol = protocolFor('sandbox');
  if (!issuer) return { info: sandboxProvider('http://127.0.0.1', { catalogUpdate }), protocol, custom: false, unavailableReason: SANDBOX_NOT_RUNNING };
  return { info: sandboxProvider(issuer, { catalogUpdate }), protocol, custom: false };
}

/**
 * A catalog provider, at its real endpoints; its client (the build's or the person's own) comes
 * from the ClientRegistry, and without one the view says so instead of offering a button that
 * cannot work.
 */
export function catalogProvider(info: ProviderInfo): RuntimeProvider {
  return { info, protocol: protocolFor(info.id), custom: false };
}

/**
 * A server the person added. With an issuer, sign-ins use its discovery document; the endpoints
 * kept from it say whether it can revoke (RFC 7009). Without one, it is a plain OAuth 2.0 server
 * at the endpoints typed in: no discovery, and no OpenID scopes asked for unasked.
 */
export function customProvider(record: CustomProviderRecord): RuntimeProvider {
  const endpoints = record.endpoints;
  const issuer = record.issuer ?? new URL(endpoints?.authorization ?? 'https://invalid.example').origin;
  const info = genericProvider({
    id: record.id,
    name: record.name,
    issuer,
    authorizationEndpoint: endpoints?.authorization ?? '',
    tokenEndpoint: endpoints?.token ?? '',
    ...(endpoints?.revocation ? { revocationEndpoint: endpoints.revocation } : {}),
    ...(endpoints?.userinfo ? { userinfoEndpoint: endpoints.userinfo } : {}),
  });
  const protocol = protocolFor(record.id);
  if (record.issuer !== undefined) return { info, protocol, custom: true };
  const { issuer: _none, ...manual } = info;
  return { info: { ...manual, kind: 'oauth2', identityScopes: [], extraAuthorizationParams: {} }, protocol, custom: true };
}

/**
 * A remote MCP server the person added by URL: a provider whose authorization server is the one its
 * metadata names, every token bound to its resource (oauth/providers/mcp.ts). Its scopes are the
 * server's own, explained by inference from their names and marked so. A server that needs no
 * sign-in is listed (its connection needs the name) but cannot be signed in to.
 */
export function mcpProvider(record: McpServerRecord): RuntimeProvider {
  const auth = record.auth;
  const mcp = { url: record.url, signIn: auth !== undefined, revocation: auth?.endpoints.revocation !== undefined };
  const base = genericProvider({
    id: record.id,
    name: record.name,
    issuer: auth?.issuer ?? new URL(record.url).origin,
    authorizationEndpoint: auth?.endpoints.authorization ?? '',
    tokenEndpoint: auth?.endpoints.token ?? '',
    ...(auth?.endpoints.revocation ? { revocationEndpoint: auth.endpoints.revocation } : {}),
  });
  const scopes = (auth?.knownScopes ?? []).map((scope) => {
    const { inferred: _marked, ...info } = inferScope(record.id, scope);
    return info;
  });
  const info = { ...base, description: `An MCP server at ${record.url}.`, identityScopes: [], scopes, actions: [] };
  const protocol = mcpProtocol(auth?.resource ?? record.url);
  if (!auth) return { info, protocol, custom: true, mcp, unavailableReason: `${record.name} needs no sign-in: it is already in your connections.` };
  return { info, protocol, custom: true, mcp, defaults: [...auth.scopes] };
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]])) as Partial<Pick<T, K>>;
}

/** Said instead of a disabled button: the Settings form to bring one's own client is one click away. */
export function noClientReason(name: string): string {
  return `This build of Scopekeeper has no OAuth client for ${name}: use your own OAuth app to connect it.`;
}

/** Never ticked for the person, at any provider: admin access and restricted scopes are asked for by choice only. */
function neverTickedForYou(scope: ScopeInfo): boolean {
  return scope.access === 'admin' || scope.sensitivity === 'restricted';
}

/**
 * Asked for when the person connects without choosing (the picker starts from these): the
 * Sandbox's everyday scopes, never an admin or restricted one; elsewhere sign-in only.
 */
export function defaultScopes(info: ProviderInfo): string[] {
  if (info.id !== 'sandbox') return [];
  const identity = new Set(info.identityScopes);
  return info.scopes.filter((s) => !identity.has(s.scope) && !neverTickedForYou(s)).map((s) => s.scope);
}

export class ProviderRegistry {
  private readonly byId = new Map<string, RuntimeProvider>();
  /** What discovery said about RFC 8628 for servers whose metadata decides it. */
  private readonly deviceFlowSeen = new Map<string, boolean>();

  constructor(
    providers: readonly RuntimeProvider[],
    readonly clients: ClientRegistry,
    /** The Sandbox's catalog has the test build's extra action (CoreConfig.sandboxCatalogUpdate). */
    readonly sandboxCatalogUpdate = false,
  ) {
    for (const provider of providers) this.add(provider);
  }

  static fromClients(
    clients: ClientRegistry,
    custom: readonly CustomProviderRecord[],
    sandboxIssuer: string | undefined,
    sandboxCatalogUpdate = false,
    mcp: readonly McpServerRecord[] = [],
  ): ProviderRegistry {
    const builtIn = [sandbox(sandboxIssuer, sandboxCatalogUpdate), ...CATALOG.map((info) => catalogProvider(info))];
    return new ProviderRegistry([...builtIn, ...custom.map(customProvider), ...mcp.map(mcpProvider)], clients, sandboxCatalogUpdate);
  }

  add(provider: RuntimeProvider): void {
    this.byId.set(provider.info.id, provider);
  }

  delete(id: string): void {
    this.byId.delete(id);
    this.deviceFlowSeen.delete(id);
  }

  /** Remembers whether a server's metadata offers the device authorization grant. */
  noteDeviceFlow(id: string, offered: boolean): void {
    this.deviceFlowSeen.set(id, offered);
  }

  get(id: string): RuntimeProvider | undefined {
    return this.byId.get(id);
  }

  /** The provider with the client to sign in as (the person's own first), its secret opened. */
  async connectable(providerId: string): Promise<ConnectableProvider> {
    const provider = this.get(providerId);
    if (!provider) throw new ScopekeeperError('PROVIDER_UNKNOWN', `There is no provider called “${providerId}”.`);
    if (provider.unavailableReason) throw new ScopekeeperError('PROVIDER_UNKNOWN', provider.unavailableReason);
    const client = await this.clients.resolve(providerId);
    if (!client) {
      throw new ScopekeeperError('PROVIDER_UNKNOWN', noClientReason(provider.info.name), { reason: 'no-client', providerName: provider.info.name });
    }
    // The catalog entry as this client can use it (GitHub revokes through its API only with a secret).
    return { ...provider, info: provider.protocol.adjust(provider.info, client), client };
  }

  view(id: string): ProviderView | undefined {
    const provider = this.byId.get(id);
    return provider && this.toView(provider);
  }

  views(): ProviderView[] {
    return [...this.byId.values()].map((provider) => this.toView(provider));
  }

  private toView({ info, protocol, unavailableReason, custom, defaults, mcp }: RuntimeProvider): ProviderView {
    const server = custom && !mcp
      ? info.kind === 'oidc'
        ? { issuer: info.issuer }
        : { endpoints: { authorization: info.endpoints.authorization, token: info.endpoints.token, ...pick(info.endpoints, 'revocation', 'userinfo') } }
      : undefined;
    const identity = new Set(info.identityScopes);
    const client = this.clients.describe(info.id);
    const reason = unavailableReason ?? (client ? undefined : noClientReason(info.name));
    return {
      id: info.id,
      name: info.name,
      description: info.description,
      available: reason === undefined,
      ...(reason ? { unavailableReason: reason } : {}),
      defaultScopes: defaults ?? defaultScopes(info),
      scopeOptions: info.scopes
        .filter((s) => !identity.has(s.scope))
        .map(({ scope, title, category, access }) => {
          const includes = includedScopes(info, scope);
          return { scope, title, category, access, ...(includes.length > 0 ? { includes } : {}) };
        }),
      custom,
      ...(server ? { server } : {}),
      ...(client ? { client } : {}),
      hasBuiltInClient: this.clients.hasBuiltIn(info.id),
      redirectUri: redirectUriFor(client?.redirectPort),
      appScopes: [...new Set([...info.identityScopes, ...info.scopes.map((s) => s.scope)])],
      deviceFlow: this.offersDeviceFlow(info, custom && !mcp),
      // The entry as this client can use it; only whether a secret is set matters to `adjust`, never the secret.
      sessionOnly: sessionOffer(client ? protocol.adjust(info, { clientId: client.clientId, source: client.source, ...(client.hasSecret ? { clientSecret: '' } : {}) }) : info),
      ...(mcp ? { mcp } : {}),
    };
  }

  /**
   * A catalog provider offers it when its entry names the endpoint (Google's metadata has one too,
   * but only for "TV" clients, not desktop ones); the Sandbox and servers the person added offer
   * it until their metadata says otherwise.
   */
  private offersDeviceFlow(info: ProviderInfo, custom: boolean): boolean {
    if (info.endpoints.device !== undefined) return true;
    if (!custom && info.id !== 'sandbox') return false;
    // Endpoints typed in: no metadata to find a device endpoint in.
    if (info.kind !== 'oidc' || info.issuer === undefined) return false;
    return this.deviceFlowSeen.get(info.id) ?? true;
  }
}
