import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * In-memory storage for one server instance.
 *
 * oidc-provider's built-in memory adapter would do, but selecting it prints a "development-only
 * adapter" warning on every start, and its store is shared by every provider in the process.
 * oidc-provider checks expiry itself on every read, so records are never evicted here: a sandbox
 * lives for one test run or one person's session.
 */
export function createMemoryAdapter(): (model: string) => Adapter {
  const records = new Map<string, AdapterPayload>();
  const sessionKeyByUid = new Map<string, string>();
  /** `${model}:${grantId}` → keys of that model's records issued under the grant. */
  const keysByGrant = new Map<string, Set<string>>();

  return (model) => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload) {
        const key = keyFor(id);
        records.set(key, payload);
        if (model === 'Session' && payload.uid) sessionKeyByUid.set(payload.uid, key);
        if (payload.grantId) {
          const grantKey = keyFor(payload.grantId);
          keysByGrant.set(grantKey, (keysByGrant.get(grantKey) ?? new Set<string>()).add(key));
        }
      },
      async find(id) {
        return records.get(keyFor(id));
      },
      async findByUid(uid) {
        const key = sessionKeyByUid.get(uid);
        return key === undefined ? undefined : records.get(key);
      },
      async consume(id) {
        const payload = records.get(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        records.delete(keyFor(id));
      },
      // Called once per token model when a token is revoked or a rotated refresh token is reused.
      async revokeByGrantId(grantId) {
        const grantKey = keyFor(grantId);
        for (const key of keysByGrant.get(grantKey) ?? []) records.delete(key);
        keysByGrant.delete(grantKey);
      },
    };
  };
}
