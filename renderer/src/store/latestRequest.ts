import type { Result } from '../../../shared/ipc/errors';
import { call } from './call';
import type { AppState } from './types';

/** A list the store loads from the main process, where only the newest request's answer lands. */
export interface LatestRequestLoader {
  /** Asks again; an answer to an earlier load that arrives after this one was asked is dropped. */
  load(): Promise<void>;
  /** Drops the answers of loads still on their way (the store just learned something newer). */
  supersede(): void;
}

export interface LatestRequestSteps<T> {
  /** The bridge call that answers the load. */
  request(): Promise<Result<T>>;
  /** Records that a load started, or that the newest one failed. */
  setStatus(status: 'loading' | 'error'): void;
  /** Takes the newest answer into the store (and marks the load ready). */
  loaded(value: T): void;
}

/**
 * A loader for data that is refetched on events which can arrive in bursts (grants:changed,
 * a setting saved): answers may come back out of order, and a late answer to an earlier request
 * must not replace a newer one. A failure is reported through the store's reportError.
 */
export function latestRequestLoader<T>(get: () => Pick<AppState, 'reportError'>, steps: LatestRequestSteps<T>): LatestRequestLoader {
  let latestRequest = 0;
  return {
    async load() {
      const request = ++latestRequest;
      steps.setStatus('loading');
      const result = await call(() => steps.request());
      if (request !== latestRequest) return; // a newer request owns the state
      if (result.ok) {
        steps.loaded(result.value);
      } else {
        steps.setStatus('error');
        get().reportError(result.error);
      }
    },
    supersede() {
      latestRequest += 1;
    },
  };
}
