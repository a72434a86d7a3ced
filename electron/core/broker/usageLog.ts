import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppendFile } from '../vault/appendFile';
import { readSettingAside } from '../vault/damagedLines';

/**
 * Every broker call as one JSON line, appended (mode 0600). What a line may hold is fixed by its
 * schema: who, which action, method, host and path. Never a token, never a query value (only the
 * parameter names), never a body, in either direction.
 *
 * A call's line is written (one `write`, into the kernel's page cache) before its answer goes to
 * the tool, so a process killed after answering has logged the call; syncing to the disk is
 * coalesced: one fsync at most every 250 ms covers every line written before it, and closing the
 * log syncs the rest. No call waits for the disk. A half line a crash left at the end is cut off
 * before the next append (AppendFile); a damaged line is set aside in `<name>.damaged.jsonl` and
 * reported once (damagedLines.ts). The log is also where "last used" and call counts come from.
 */
export const usageEntrySchema = z.strictObject({
  at: z.iso.datetime(),
  toolId: z.string(),
  tool: z.string(),
  connectionId: z.string(),
  action: z.string(),
  method: z.string(),
  host: z.string(),
  path: z.string(),
  /** Names of the query parameters sent, without their values. */
  queryNames: z.array(z.string()).optional(),
  /** The provider's HTTP status, when the request reached it. */
  status: z.number().int().optional(),
  /** 'ok' when forwarded, 'token-handout', else the broker's refusal code. */
  outcome: z.string(),
  /** A token handout: the scopes the token carries (never the token). */
  scopes: z.array(z.string()).optional(),
  durationMs: z.number().nonnegative(),
  /** The executable at the other end of the socket (broker/peer.ts), or "unknown program". */
  program: z.string().optional(),
  /** A refusal of the managed policy, in words ("Blocked by your own policy: using Sandbox."). */
  blocked: z.string().max(300).optional(),
});
export type UsageEntry = z.infer<typeof usageEntrySchema>;

/** Calls that reached the provider, and the last one. */
export interface UsageCount {
  calls: number;
  lastUsedAt?: string;
}

/** One tool's forwarded calls of one action on a connection. */
export interface ActionUse {
  toolId: string;
  tool: string;
  action: string;
  calls: number;
  lastUsedAt: string;
}

/** How long a written line may wait for its fdatasync (it is in the page cache from the start). */
const SYNC_EVERY_MS = 250;

/** How many of each connection's latest calls are kept in memory for the window. */
export const RECENT_CALLS = 100;

interface ConnectionCalls {
  /** Forwarded calls per `toolId action`. */
  uses: Map<string, ActionUse>;
  /** The latest entries (refusals included), oldest first, at most RECENT_CALLS. */
  recent: UsageEntry[];
  total: number;
}

/**
 * The line as the schema has it, built field by field: whatever else an entry object carries can
 * never reach the file. (Cheaper on every call than a parse; `read` still parses with the schema.)
 */
function lineOf(entry: UsageEntry): UsageEntry {
  return {
    at: entry.at,
    toolId: entry.toolId,
    tool: entry.tool,
    connectionId: entry.connectionId,
    action: entry.action,
    method: entry.method,
    host: entry.host,
    path: entry.path,
    ...(entry.queryNames !== undefined ? { queryNames: entry.queryNames.map(String) } : {}),
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    outcome: entry.outcome,
    ...(entry.scopes !== undefined ? { scopes: entry.scopes.map(String) } : {}),
    durationMs: entry.durationMs,
    ...(entry.program !== undefined ? { program: entry.program } : {}),
    ...(entry.blocked !== undefined ? { blocked: entry.blocked } : {}),
  };
}

function accept(raw: object): UsageEntry | undefined {
  const parsed = usageEntrySchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export class UsageLog {
  private readonly file: AppendFile;
  private syncing = false;
  /** Lines written since the last fsync started. */
  private unsynced = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private counts: Map<string, UsageCount> | undefined;
  private connections: Map<string, ConnectionCalls> | undefined;

  constructor(
    private readonly path: string,
    /** Told how many damaged lines were set aside, when a read finds some. */
    private readonly onSetAside: (lines: number) => void = () => undefined,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.file = new AppendFile(path);
  }

  /** Writes the entry's line now: when this returns, the line is in the file. */
  append(entry: UsageEntry): void {
    this.file.write(`${JSON.stringify(lineOf(entry))}\n`);
    this.syncSoon();
    if (this.counts) this.count(this.counts, entry);
    if (this.connections) this.remember(this.connections, entry);
  }

  /**
   * Every entry, oldest first; damaged lines are set aside (and reported), a torn last line and
   * objects of another schema (a newer Scopekeeper's) are left out.
   */
  read(): UsageEntry[] {
    const { entries, setAside } = readSettingAside(this.path, this.path.replace(/(\.jsonl)?$/, '.damaged.jsonl'), accept, () => this.file.close());
    if (setAside > 0) this.onSetAside(setAside);
    return entries;
  }

  /** Forwarded calls per tool (`toolId`) and per approval (`toolId connectionId action`); read once, then kept current. */
  usage(key: string): UsageCount {
    if (!this.counts) {
      const counts = new Map<string, UsageCount>();
      for (const entry of this.read()) this.count(counts, entry);
      this.counts = counts;
    }
    return this.counts.get(key) ?? { calls: 0 };
  }

  /** Per tool and action, the forwarded calls on one connection: what "Used by" is made of. */
  uses(connectionId: string): ActionUse[] {
    return [...(this.byConnection().get(connectionId)?.uses.values() ?? [])];
  }

  /** The connection's latest calls, newest first (at most RECENT_CALLS), and how many there were in all. */
  recent(connectionId: string): { calls: UsageEntry[]; total: number } {
    const known = this.byConnection().get(connectionId);
    return { calls: known ? [...known.recent].reverse() : [], total: known?.total ?? 0 };
  }

  /** Syncs what is not on disk yet, then closes: at quit, nothing logged is left in the page cache only. */
  close(): void {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    if (this.unsynced) this.file.syncNow();
    this.file.close();
    this.unsynced = false;
  }

  /** Read from the file once, then kept current by `append`. */
  private byConnection(): Map<string, ConnectionCalls> {
    if (!this.connections) {
      const connections = new Map<string, ConnectionCalls>();
      for (const entry of this.read()) this.remember(connections, entry);
      this.connections = connections;
    }
    return this.connections;
  }

  private remember(connections: Map<string, ConnectionCalls>, entry: UsageEntry): void {
    let known = connections.get(entry.connectionId);
    if (!known) connections.set(entry.connectionId, (known = { uses: new Map(), recent: [], total: 0 }));
    known.total++;
    known.recent.push(entry);
    if (known.recent.length > RECENT_CALLS) known.recent.shift();
    if (entry.outcome !== 'ok' && entry.outcome !== 'token-handout') return;
    const key = `${entry.toolId} ${entry.action}`;
    const before = known.uses.get(key);
    known.uses.set(key, { toolId: entry.toolId, tool: entry.tool, action: entry.action, calls: (before?.calls ?? 0) + 1, lastUsedAt: entry.at });
  }

  private count(counts: Map<string, UsageCount>, entry: UsageEntry): void {
    if (entry.outcome !== 'ok' && entry.outcome !== 'token-handout') return;
    for (const key of [entry.toolId, `${entry.toolId} ${entry.connectionId} ${entry.action}`]) {
      const before = counts.get(key);
      counts.set(key, { calls: (before?.calls ?? 0) + 1, lastUsedAt: entry.at });
    }
  }

  /**
   * At most one fsync per SYNC_EVERY_MS while lines come in, started from a timer: never on a
   * call's path (on busy machines one fsync dispatch costs as much as the broker's own checks).
   */
  private syncSoon(): void {
    this.unsynced = true;
    if (this.syncTimer !== undefined || this.syncing) return;
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      this.sync();
    }, SYNC_EVERY_MS);
    this.syncTimer.unref();
  }

  private sync(): void {
    if (!this.unsynced) return;
    this.unsynced = false;
    this.syncing = true;
    const done = (): void => {
      this.syncing = false;
      if (this.unsynced) this.syncSoon();
    };
    this.file.sync().then(done, done);
  }
}
