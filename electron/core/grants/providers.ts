import { CATALOG, sandboxProvider, type ProviderInfo } from '../../../shared/catalog';
import type { ProviderView } from '../../../shared/ipc/contract';
import type { CoreConfig } from '../ports';

/** A catalog provider as it stands on this machine: where to sign in, with which client. */
export interface RuntimeProvider {
  info: ProviderInfo;
  issuer?: string;
  clientId?: string;
  /** Why it cannot be connected here, in a sentence; undefined when it can. */
  unavailableReason?: string;
}

export type ConnectableProvider = RuntimeProvider & { issuer: string; clientId: string };

export const SANDBOX_CLIENT_ID = 'scopekeeper-desktop';

const SANDBOX_NOT_RUNNING =
  'The sandbox server is not configured. Use “npm start”, which runs it, or start it with “npm run sandbox” and set SCOPEKEEPER_SANDBOX_ISSUER.';

function sandbox(config: CoreConfig): RuntimeProvider {
  if (!config.sandboxIssuer) return { info: sandboxProvider('http://127.0.0.1'), unavailableReason: SANDBOX_NOT_RUNNING };
  return { info: sandboxProvider(config.sandboxIssuer), issuer: config.sandboxIssuer, clientId: SANDBOX_CLIENT_ID };
}

/** Catalog providers need a client ID registered for Scopekeeper; none is configured in this build yet. */
function withoutClient(info: ProviderInfo): RuntimeProvider {
  return { info, unavailableReason: `This build of Scopekeeper has no client ID registered with ${info.name} yet.` };
}

/** Asked for when the person connects without choosing: every catalog scope but the identity ones. */
export function defaultScopes(info: ProviderInfo): string[] {
  const identity = new Set(info.identityScopes);
  return info.scopes.map((s) => s.scope).filter((s) => !identity.has(s));
}

export class ProviderRegistry {
  private readonly byId: ReadonlyMap<string, RuntimeProvider>;

  constructor(providers: readonly RuntimeProvider[]) {
    this.byId = new Map(providers.map((p) => [p.info.id, p]));
  }

  static fromConfig(config: CoreConfig): ProviderRegistry {
    return new ProviderRegistry([sandbox(config), ...CATALOG.map(withoutClient)]);
  }

  get(id: string): RuntimeProvider | undefined {
    return this.byId.get(id);
  }

  views(): ProviderView[] {
    return [...this.byId.values()].map(({ info, unavailableReason }) => ({
      id: info.id,
      name: info.name,
      description: info.description,
      available: unavailableReason === undefined,
      ...(unavailableReason ? { unavailableReason } : {}),
      defaultScopes: defaultScopes(info),
    }));
  }
}
