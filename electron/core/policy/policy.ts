import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { mergePolicies, type PolicyInForce, type PolicyOrigin, type PolicySource, type ReadPolicy } from '../../../shared/policy/inForce';
import { NO_POLICY } from '../../../shared/policy/noPolicy';
import type { MachinePolicyReader } from '../ports';
import { readPolicyFile, readPolicyText, type PolicyReading } from './policyFiles';

/**
 * Where the two policies are: the machine's (a file, or a reader of the OS's managed settings;
 * absent where the host reads none) and the person's own file.
 */
export interface PolicyLocations {
  machine?: string | MachinePolicyReader | undefined;
  own: string;
}

/** The machine's policy as read now, and where it was read (what Settings names). */
function readMachine(machine: string | MachinePolicyReader): { path: string; reading: PolicyReading } {
  if (typeof machine === 'string') return { path: machine, reading: readPolicyFile(machine) };
  const answer = machine.read();
  if ('file' in answer) return { path: answer.file, reading: readPolicyFile(answer.file) };
  if ('problem' in answer) return { path: answer.where, reading: { state: 'refused', problem: answer.problem } };
  return { path: answer.where, reading: readPolicyText(answer.text) };
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
    const { machine, own } = this.locations;
    const places: { origin: PolicyOrigin; path: string; reading: PolicyReading }[] = [
      ...(machine ? [{ origin: 'organisation' as const, ...readMachine(machine) }] : []),
      { origin: 'own', path: own, reading: readPolicyFile(own) },
    ];
    const sources: PolicySource[] = [];
    const read: ReadPolicy[] = [];
    const texts: string[] = [];
    for (const { origin, path, reading } of places) {
      texts.push(reading.state === 'absent' ? `absent:${path}` : `${path}:${reading.state}:${reading.state === 'refused' ? reading.problem : ''}:${reading.text ?? ''}`);
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
    const { machine, own } = this.locations;
    // A file's folder tells of that file; a managed reader's folders of anything in them (a profile's plist, the fallback file).
    const places: { folder: string; name?: string }[] = [
      ...(typeof machine === 'string' ? [{ folder: dirname(machine), name: basename(machine) }] : (machine?.folders ?? []).map((folder) => ({ folder }))),
      { folder: dirname(own), name: basename(own) },
    ];
    for (const place of places) {
      try {
        const watcher = watch(place.folder, (_event, name) => {
          if (name === null || place.name === undefined || name === place.name) this.reload();
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
