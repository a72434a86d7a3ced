import { closeSync, fdatasync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Every broker call as one JSON line, appended (mode 0600). What a line may hold is fixed by its
 * schema: who, which action, method, host and path. Never a token, never a query value (only the
 * parameter names), never a body, in either direction.
 *
 * The line is written before the call's answer goes back; syncing it to disk is coalesced (one
 * fdatasync in flight at a time covers every line written before it), so a busy tool does not
 * wait for the disk on every call. The log is also where "last used" and call counts come from.
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
  /** 'ok' when forwarded, else the broker's refusal code. */
  outcome: z.string(),
  durationMs: z.number().nonnegative(),
});
export type UsageEntry = z.infer<typeof usageEntrySchema>;

/** Calls that reached the provider, and the last one. */
export interface UsageCount {
  calls: number;
  lastUsedAt?: string;
}

export class UsageLog {
  private fd: number | undefined;
  private syncing = false;
  private syncAgain = false;
  private counts: Map<string, UsageCount> | undefined;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  append(entry: UsageEntry): void {
    const line = `${JSON.stringify(usageEntrySchema.parse(entry))}\n`;
    this.fd ??= openSync(this.path, 'a', 0o600);
    writeSync(this.fd, line);
    if (this.counts) this.count(this.counts, entry);
    this.sync();
  }

  /** Every entry, oldest first; lines that do not parse are skipped (a torn last line after a crash). */
  read(): UsageEntry[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: UsageEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const parsed = usageEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // skipped: not JSON
      }
    }
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

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private count(counts: Map<string, UsageCount>, entry: UsageEntry): void {
    if (entry.outcome !== 'ok' && entry.outcome !== 'token-handout') return;
    for (const key of [entry.toolId, `${entry.toolId} ${entry.connectionId} ${entry.action}`]) {
      const before = counts.get(key);
      counts.set(key, { calls: (before?.calls ?? 0) + 1, lastUsedAt: entry.at });
    }
  }

  private sync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    const fd = this.fd;
    if (fd === undefined) return;
    this.syncing = true;
    fdatasync(fd, () => {
      this.syncing = false;
      if (this.syncAgain && this.fd !== undefined) {
        this.syncAgain = false;
        this.sync();
      }
    });
  }
}
