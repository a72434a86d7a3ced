import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { GetState, SetState } from './types';

/** Loads connections' full views (grants:detail): per connection, only the newest request's answer lands. */
export interface ConnectionDetailLoader {
  load(connectionId: string): Promise<void>;
  /** Drops the answers still on their way for this connection (the store just learned something newer). */
  supersede(connectionId: string): void;
}

export function connectionDetailLoader(get: GetState, set: SetState): ConnectionDetailLoader {
  const latest = new Map<string, number>();
  let requests = 0;
  return {
    async load(connectionId) {
      const request = ++requests;
      latest.set(connectionId, request);
      const result = await call(() => getBridge().grants.detail({ connectionId }));
      if (latest.get(connectionId) !== request) return;
      latest.delete(connectionId);
      const listed = get().connections.find((c) => c.id === connectionId);
      // Removed meanwhile: the list's reload says so.
      if (listed === undefined) return;
      if (result.ok) set({ connectionDetails: new Map(get().connectionDetails).set(connectionId, result.value) });
      else if (result.error.code !== 'CONNECTION_NOT_FOUND') get().reportError(result.error, listed.providerName, undefined, PLACES.connection(connectionId));
    },
    supersede(connectionId) {
      latest.delete(connectionId);
    },
  };
}
