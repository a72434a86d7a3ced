import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { SandboxState } from './state';

/**
 * oidc-provider's storage on the sandbox's state (state.ts): a map in memory, written to the
 * state file after every change when the sandbox has one.
 *
 * oidc-provider's built-in memory adapter would do for tests, but selecting it prints a
 * "development-only adapter" warning on every start, and its store is shared by every provider in
 * the process. oidc-provider checks expiry itself on every read; expired records are dropped when
 * a state file is read back.
 */
export function createStateAdapter(state: Pick<SandboxState, 'records' | 'changed'>): (model: string) => Adapter {
  const { records } = state;
  const sessionKeyByUid = new Map<string, string>();
  /** The device flow's page finds a DeviceCode record by the code the person typed (RFC 8628). */
  const deviceKeyByUserCode = new Map<string, string>();
  /** `${model}:${grantId}` → keys of that model's records issued under the grant. */
  const keysByGrant = new Map<string, Set<string>>();

  const index = (key: string, payload: AdapterPayload): void => {
    const model = key.slice(0, key.indexOf(':'));
    if (model === 'Session' && payload.uid) sessionKeyByUid.set(payload.uid, key);
    if (model === 'DeviceCode' && typeof payload.userCode === 'string') deviceKeyByUserCode.set(payload.userCode, key);
    if (payload.grantId) {
      const grantKey = `${model}:${payload.grantId}`;
      keysByGrant.set(grantKey, (keysByGrant.get(grantKey) ?? new Set<string>()).add(key));
    }
  };
  for (const [key, payload] of records) index(key, payload);

  return (model) => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload) {
        const key = keyFor(id);
        records.set(key, payload);
        index(key, payload);
        state.changed();
      },
      async find(id) {
        return records.get(keyFor(id));
      },
      async findByUid(uid) {
        const key = sessionKeyByUid.get(uid);
        return key === undefined ? undefined : records.get(key);
      },
      async findByUserCode(userCode) {
        const key = deviceKeyByUserCode.get(userCode);
        return key === undefined ? undefined : records.get(key);
      },
      async consume(id) {
        const payload = records.get(keyFor(id));
        if (payload) {
          payload.consumed = Math.floor(Date.now() / 1000);
          state.changed();
        }
      },
      async destroy(id) {
        if (records.delete(keyFor(id))) state.changed();
      },
      // Called once per token model when a token is revoked or a rotated refresh token is reused.
      async revokeByGrantId(grantId) {
        const grantKey = keyFor(grantId);
        for (const key of keysByGrant.get(grantKey) ?? []) records.delete(key);
        keysByGrant.delete(grantKey);
        state.changed();
      },
    };
  };
}
