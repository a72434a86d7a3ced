import { closeSync, fchmodSync, fstatSync, fsync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * One owner-only file that only ever grows by whole lines: each append is one `write` of complete
 * lines followed by `fsync`, so when it returns the lines are on disk. A crash can still cut the
 * last line short: that append never returned, so the fragment is cut off before the next one.
 */
export class AppendFile {
  private fd: number | undefined;
  private bytes = 0;

  constructor(readonly path: string) {}

  /** The size in bytes, the file opened if it was not yet. */
  get size(): number {
    this.open();
    return this.bytes;
  }

  /** Appends `text` (whole lines, each ending in a newline) and makes it durable. */
  append(text: string): void {
    this.write(text);
    fsyncSync(this.open());
  }

  /** Appends `text` without waiting for the disk; `sync()` then makes it durable. */
  write(text: string): void {
    const fd = this.open();
    const data = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    this.bytes += data.length;
  }

  /**
   * Waits until everything written is on disk. Asynchronous so that two files written for one
   * change are flushed together (the file system can commit both in one journal transaction).
   */
  sync(): Promise<void> {
    const fd = this.open();
    return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  }

  /** Makes everything written durable before returning (at close; `sync` otherwise). */
  syncNow(): void {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  /** Empties the file durably. */
  truncate(): void {
    const fd = this.open();
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    this.bytes = 0;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.path, 'a+', 0o600);
    // The mode given to openSync only applies to a new file (and the umask may lower it further).
    fchmodSync(fd, 0o600);
    this.bytes = fstatSync(fd).size;
    const complete = completeLength(fd, this.bytes);
    if (complete < this.bytes) {
      ftruncateSync(fd, complete);
      this.bytes = complete;
    }
    this.fd = fd;
    return fd;
  }
}

/** The length of the file up to and including its last newline, read backwards in chunks. */
function completeLength(fd: number, size: number): number {
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return 0;
}

/** The complete lines of a file's text; a last line without its newline (cut short) is left out. */
export function completeLines(text: string): { lines: string[]; torn: boolean } {
  const parts = text.split('\n');
  const tail = parts.pop()!;
  return { lines: parts.filter((line) => line !== ''), torn: tail !== '' };
}
