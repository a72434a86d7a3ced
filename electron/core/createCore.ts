import { eventContract } from '../../shared/ipc/contract';
import { GrantsService, type Emit } from './grants/service';
import { ProviderRegistry } from './grants/providers';
import type { Handlers } from './ipc/binding';
import type { Ports } from './ports';
import { Vault } from './vault/vault';

export interface Core {
  /** Bound to IPC by the host (electron/main or electron/headless). */
  handlers: Handlers;
  /** Cancels a sign-in still waiting, so its loopback port closes. */
  dispose(): void;
}

/** Built once per host from the platform's ports; `send` delivers a pushed event to the renderer. */
export function createCore(ports: Ports, send: (channel: string, payload: unknown) => void): Core {
  const emit: Emit = (channel, payload) => send(channel, eventContract[channel].parse(payload));
  const vault = Vault.open(ports.records, ports.cipher, ports.clock);
  const providers = ProviderRegistry.fromConfig(ports.config);
  const grants = new GrantsService(ports, vault, providers, emit);
  return {
    handlers: {
      'app:status': async () => ({ vault: await vault.status() }),
      'providers:list': () => providers.views(),
      'grants:list': () => grants.list(),
      'grants:connect': (request) => grants.connect(request),
      'grants:cancel-flow': () => grants.cancelFlow(),
      'grants:forget': ({ connectionId }) => grants.forget(connectionId),
    },
    dispose: () => void grants.cancelFlow(),
  };
}
