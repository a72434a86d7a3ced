import { CATALOG, genericProvider, SANDBOX_CLIENT_ID, sandboxProvider, type ProviderInfo } from '../../../shared/catalog';
import type { ProviderView } from '../../../shared/ipc/contract';
import type { ClientRegistry } from '../clients/registry';
import type { OAuthClient } from '../clients/types';
import { protocolFor, type ProviderProtocol } from '../oauth/providers';
import type { CustomProviderRecord } from '../vault/schema';

/** A provider as it stands on this machine: its catalog description and the client to sign in with. */
export interface RuntimeProvider {
  /** The catalog entry as this client can use it (see ProviderProtocol.adjust). */
  info: ProviderInfo;
  /** Everything this provider does differently on the wire. */
  protocol: ProviderProtocol;
  /** Never sent to the renderer: it may hold a client secret. */
  client?: OAuthClient;
  /** True for a server the person added by issuer URL. */
  custom: boolean;
  /** Why it cannot be connected here, in a sentence; undefined when it can. */
  unavailableReason?: string;
}

export type ConnectableProvider = RuntimeProvider & { client: OAuthClient };

const SANDBOX_NOT_RUNNING =
  'The sandbox server is not set up. Use “npm start”, which runs it; or start it with “npm run sandbox” and enter its address in Settings.';

/** The Sandbox at `issuer`, or listed as unavailable with what to do when there is none. */
export function sandbox(issuer: string | undefined): RuntimeProvider {
  const protocol = protocolFor('sandbox');
  if (!issuer) return { info: sandboxProvider('http://127.0.0.1'), protocol, custom: false, unavailableReason: SANDBOX_NOT_RUNNING };
  return { info: sandboxProvider(issuer), protocol, client: { clientId: SANDBOX_CLIENT_ID, source: 'built-in' }, custom: false };
}

/**
 * A catalog provider, at its real endpoints, with the client the build ships or the person
 * brought (ClientRegistry); without one it says so instead of offering a button that cannot work.
 */
export function catalogProvider(info: ProviderInfo, client: OAuthClient | undefined): RuntimeProvider {
  const protocol = protocolFor(info.id);
  if (!client) {
    return {
      info,
      protocol,
      custom: false,
      unavailableReason: `This build of Scopekeeper has no OAuth client for ${info.name}: add your own app’s client ID in Settings.`,
    };
  }
  return { info: protocol.adjust(info, client), protocol, client, custom: false };
}

export function customProvider(record: CustomProviderRecord): RuntimeProvider {
  return {
    // Endpoints come from the server's discovery document when it connects.
    info: genericProvider({ id: record.id, name: record.name, issuer: record.issuer, authorizationEndpoint: '', tokenEndpoint: '' }),
    protocol: protocolFor(record.id),
    client: { clientId: record.clientId, source: 'own' },
    custom: true,
  };
}

/** Asked for when the person connects without choosing: the sandbox's scopes, else sign-in only. */
export function defaultScopes(info: ProviderInfo): string[] {
  if (info.id !== 'sandbox') return [];
  const identity = new Set(info.identityScopes);
  return info.scopes.map((s) => s.scope).filter((s) => !identity.has(s));
}

export class ProviderRegistry {
  private readonly byId = new Map<string, RuntimeProvider>();

  constructor(providers: readonly RuntimeProvider[]) {
    for (const provider of providers) this.add(provider);
  }

  static fromClients(clients: ClientRegistry, custom: readonly CustomProviderRecord[], sandboxIssuer: string | undefined): ProviderRegistry {
    const builtIn = [sandbox(sandboxIssuer), ...CATALOG.map((info) => catalogProvider(info, clients.get(info.id)))];
    return new ProviderRegistry([...builtIn, ...custom.map(customProvider)]);
  }

  add(provider: RuntimeProvider): void {
    this.byId.set(provider.info.id, provider);
  }

  get(id: string): RuntimeProvider | undefined {
    return this.byId.get(id);
  }

  view(id: string): ProviderView | undefined {
    const provider = this.byId.get(id);
    return provider && toView(provider);
  }

  views(): ProviderView[] {
    return [...this.byId.values()].map(toView);
  }
}

function toView({ info, unavailableReason, custom }: RuntimeProvider): ProviderView {
  const identity = new Set(info.identityScopes);
  return {
    id: info.id,
    name: info.name,
    description: info.description,
    available: unavailableReason === undefined,
    ...(unavailableReason ? { unavailableReason } : {}),
    defaultScopes: defaultScopes(info),
    scopeOptions: info.scopes
      .filter((s) => !identity.has(s.scope))
      .map(({ scope, title, category, access }) => ({ scope, title, category, access })),
    custom,
  };
}
