import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { mergePolicies, type PolicyInForce, type PolicyOrigin, type PolicySource, type ReadPolicy } from '../../../shared/policy/inForce';
import { NO_POLICY } from '../../../shared/policy/noPolicy';
import { readPolicyFile } from './policyFiles';

/** Where the two policy files are: the machine's (absent where the host reads none) and the person's own. */
export interface PolicyLocations {
  machine?: string | undefined;
  own: string;
}

/**
 * The managed policy in force: both files read at start and again whenever either changes (the
 * folders are watched), merged so the stricter wins. A file that is there but not a valid policy
 * locks down (nothing new can be granted) instead of counting as no policy. Core decides by
 * `current()` at each enforcement point; the window is told with `policy:changed`.
 */
export class Policy {
  private inForce: PolicyInForce = NO_POLICY;
  /** What was read last, so a folder event that changed nothing tells nobody. */
  private signature = '';
  private readonly listeners = new Set<(policy: PolicyInForce) => void>();
  private readonly watchers: FSWatcher[] = [];

  constructor(private readonly locations: PolicyLocations) {
    this.reload();
  }

  current(): PolicyInForce {
    return this.inForce;
  }

  /** Reads both files again; tells the listeners when what is in force changed. True when it did. */
  reload(): boolean {
    const places: { origin: PolicyOrigin; path: string }[] = [
      ...(this.locations.machine ? [{ origin: 'organisation' as const, path: this.locations.machine }] : []),
      { origin: 'own', path: this.locations.own },
    ];
    const sources: PolicySource[] = [];
    const read: ReadPolicy[] = [];
    const texts: string[] = [];
    for (const { origin, path } of places) {
      const reading = readPolicyFile(path);
      texts.push(reading.state === 'absent' ? 'absent' : `${reading.state}:${reading.state === 'refused' ? reading.problem : ''}:${reading.text ?? ''}`);
      if (reading.state === 'in-force') read.push({ origin, file: reading.policy });
      sources.push({ origin, path, state: reading.state, ...(reading.state === 'refused' ? { problem: reading.problem } : {}) });
    }
    const signature = JSON.stringify(texts);
    if (signature === this.signature) return false;
    this.signature = signature;
    this.inForce = mergePolicies(sources, read);
    for (const listener of this.listeners) listener(this.inForce);
    return true;
  }

  /** Calls `listener` with the new policy each time it changes; returns the unsubscribe. */
  onChange(listener: (policy: PolicyInForce) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Watches the folders of both files (an editor replaces a file rather than writing it, so the
   * folder is what tells). A folder that does not exist yet (no /etc/scopekeeper) is not watched:
   * a policy put there later is read at the next start.
   */
  watch(): void {
    const places = [this.locations.machine, this.locations.own].filter((p): p is string => p !== undefined);
    for (const path of places) {
      try {
        const watcher = watch(dirname(path), (_event, name) => {
          if (name === null || name === basename(path)) this.reload();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // No folder to watch: see above.
      }
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.splice(0)) watcher.close();
    this.listeners.clear();
  }
}

/** What an enforcement point reads: the policy in force now. */
export type PolicyReader = Pick<Policy, 'current'>;

/** No policy at all (unit tests that are not about the policy). */
export const noPolicy: PolicyReader = { current: () => NO_POLICY };
