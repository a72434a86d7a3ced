import { CATALOG, genericProvider, SANDBOX_CLIENT_ID, sandboxProvider, type ProviderInfo } from '../../../shared/catalog';
import type { ProviderView } from '../../../shared/ipc/contract';
import type { CoreConfig, ProviderOverride } from '../ports';
import type { CustomProviderRecord } from '../vault/schema';

/** A provider as it stands on this machine: its catalog description and the client to sign in with. */
export interface RuntimeProvider {
  info: ProviderInfo;
  clientId?: string;
  /** True for a server the person added by issuer URL. */
  custom: boolean;
  /** Why it cannot be connected here, in a sentence; undefined when it can. */
  unavailableReason?: string;
}

export type ConnectableProvider = RuntimeProvider & { clientId: string };

const SANDBOX_NOT_RUNNING =
  'The sandbox server is not set up. Use “npm start”, which runs it; or start it with “npm run sandbox” and enter its address in Settings.';

/** The Sandbox at `issuer`, or listed as unavailable with what to do when there is none. */
export function sandbox(issuer: string | undefined): RuntimeProvider {
  if (!issuer) return { info: sandboxProvider('http://127.0.0.1'), custom: false, unavailableReason: SANDBOX_NOT_RUNNING };
  return { info: sandboxProvider(issuer), clientId: SANDBOX_CLIENT_ID, custom: false };
}

/** A catalog provider: needs a client ID registered for Scopekeeper, which only tests supply so far. */
function catalogProvider(info: ProviderInfo, override: ProviderOverride | undefined): RuntimeProvider {
  if (!override) {
    return { info, custom: false, unavailableReason: `This build of Scopekeeper has no client ID registered with ${info.name} yet.` };
  }
  const endpoints = override.endpoints ?? info.endpoints;
  return { info: { ...info, issuer: override.issuer, endpoints }, clientId: override.clientId, custom: false };
}

export function customProvider(record: CustomProviderRecord): RuntimeProvider {
  return {
    // Endpoints come from the server's discovery document when it connects.
    info: genericProvider({ id: record.id, name: record.name, issuer: record.issuer, authorizationEndpoint: '', tokenEndpoint: '' }),
    clientId: record.clientId,
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

  static fromConfig(config: CoreConfig, custom: readonly CustomProviderRecord[], sandboxIssuer: string | undefined): ProviderRegistry {
    const builtIn = [sandbox(sandboxIssuer), ...CATALOG.map((info) => catalogProvider(info, config.providerOverrides?.[info.id]))];
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
