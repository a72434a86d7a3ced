import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Every broker call as one JSON line, appended and synced (mode 0600). What a line may hold is
 * fixed by its schema: who, which action, method, host and path. Never a token, never a query
 * value (only the parameter names), never a body, in either direction.
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

export class UsageLog {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  append(entry: UsageEntry): void {
    const line = `${JSON.stringify(usageEntrySchema.parse(entry))}\n`;
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
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
}
