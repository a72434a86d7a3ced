import type { ScopekeeperApi } from '../../shared/ipc/api';

let replacement: ScopekeeperApi | null = null;

/**
 * The one place that reads window.scopekeeper. Store actions call it on every use (not once at
 * import) so tests can swap the bridge before or between actions.
 */
export function getBridge(): ScopekeeperApi {
  if (replacement !== null) return replacement;
  // Typed as always present, but a page opened without the preload has no bridge: say so plainly.
  const api = typeof window === 'undefined' ? undefined : (window.scopekeeper as ScopekeeperApi | undefined);
  if (api === undefined) {
    throw new Error('window.scopekeeper is missing: the preload script did not run for this page.');
  }
  return api;
}

/** Tests replace the bridge object, not the store. Pass null to go back to window.scopekeeper. */
export function setBridgeForTests(api: ScopekeeperApi | null): void {
  replacement = api;
}
