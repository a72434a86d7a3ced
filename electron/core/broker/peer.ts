import { execFile } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import type { Socket } from 'node:net';

/**
 * Who holds the other end of a broker connection, as the operating system tells it (never as the
 * tool says): the processes holding the peer socket and their executable. Known on Linux only;
 * elsewhere, or whenever anything does not add up, `UNKNOWN_PEER`, shown as "unknown program".
 *
 * Linux, without a native module: the accepted socket's inode from /proc/self/fd; the peer's inode
 * from the one line of `ss -xpn` that is our own socket (our endpoint path, our inode, our pid and
 * fd: a client cannot split that line, and a copy it forges through a socket path with a newline
 * makes two, which counts as unknown); then every process `ss` names beside that peer inode is
 * checked against the kernel itself (/proc/<pid>/fd/<fd> must be that very socket) before its
 * /proc/<pid>/exe is read. Forged text in the output can hide a caller, never invent one.
 */
export type Peer = { known: true; pids: number[]; executable: string } | { known: false };
export const UNKNOWN_PEER: Peer = Object.freeze({ known: false });

/** What the dialog, the Tools view and the audit show for a caller. */
export function describePeer(peer: Peer): string {
  return peer.known ? peer.executable : 'unknown program';
}

/** How long one `ss` may run, and how much it may print. */
const SS_TIME_LIMIT_MS = 2_000;
const SS_MAX_OUTPUT = 16 * 1024 * 1024;
const SS_PATHS = ['/usr/bin/ss', '/usr/sbin/ss', '/bin/ss', '/sbin/ss'];

type Snapshot = () => Promise<string | undefined>;

/** `ss -xpnH`'s output, or undefined when it is missing, fails or is too slow. */
const runSs: Snapshot = () => {
  const ss = SS_PATHS.find((path) => existsSync(path));
  if (!ss) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(ss, ['-xpnH'], { timeout: SS_TIME_LIMIT_MS, maxBuffer: SS_MAX_OUTPUT, encoding: 'utf8', env: { LC_ALL: 'C' } }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The inode a /proc fd link names, if it is a socket. */
function socketInode(link: string): string | undefined {
  try {
    return /^socket:\[(\d+)\]$/.exec(readlinkSync(link))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The peer inode from the one `ss` line of our accepted socket: our endpoint, our inode, an
 * unnamed peer, and our own pid and fd as its only or last holder. None or several: undefined.
 */
export function peerInodeFrom(output: string, own: { endpoint: string; inode: string; pid: number; fd: number }): string | undefined {
  const line = new RegExp(
    `^u_str\\s+ESTAB\\s+\\d+\\s+\\d+\\s+${escapeRegExp(own.endpoint)}\\s+${own.inode}\\s+\\*\\s+(\\d+)\\s+users:\\(\\(.*,pid=${own.pid},fd=${own.fd}\\)\\)\\s*$`,
  );
  const found = output.split('\n').flatMap((l) => line.exec(l)?.[1] ?? []);
  return found.length === 1 ? found[0] : undefined;
}

/** The processes `ss` names beside `inode` that the kernel confirms hold it, and their executables. */
function holders(output: string, inode: string): Peer {
  const link = `socket:[${inode}]`;
  const pids = new Set<number>();
  const executables = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.split(/\s+/).includes(inode)) continue;
    for (const [, pid, fd] of line.matchAll(/pid=(\d+),fd=(\d+)/g)) {
      const held = `/proc/${pid}/fd/${fd}`;
      if (socketInode(held) !== inode) continue;
      let executable: string;
      try {
        executable = readlinkSync(`/proc/${pid}/exe`);
      } catch {
        continue;
      }
      // Still the same process holding the same socket after reading its executable (no pid reuse).
      if (socketInode(held) !== inode || `socket:[${socketInode(held)}]` !== link) continue;
      pids.add(Number(pid));
      executables.add(executable);
    }
  }
  if (pids.size === 0) return UNKNOWN_PEER;
  return { known: true, pids: [...pids].sort((a, b) => a - b), executable: [...executables].sort().join(', ') };
}

/**
 * Finds the peers of the sockets a broker endpoint accepts. Lookups share `ss` runs: one runs at a
 * time, and every lookup that arrives meanwhile waits for the next one (which starts after its
 * socket was accepted), so a burst of connections costs two runs, not one each.
 */
export class PeerFinder {
  private running: Promise<string | undefined> | undefined;
  private queued: Promise<string | undefined> | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly snapshot: Snapshot = runSs,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async find(socket: Socket): Promise<Peer> {
    if (this.platform !== 'linux') return UNKNOWN_PEER;
    // Node keeps the descriptor on its handle; it has no public name for it.
    const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
    if (typeof fd !== 'number' || fd < 0) return UNKNOWN_PEER;
    const inode = socketInode(`/proc/self/fd/${fd}`);
    if (!inode) return UNKNOWN_PEER;
    const output = await this.nextSnapshot();
    if (output === undefined || socket.destroyed) return UNKNOWN_PEER;
    const peerInode = peerInodeFrom(output, { endpoint: this.endpoint, inode, pid: process.pid, fd });
    return peerInode ? holders(output, peerInode) : UNKNOWN_PEER;
  }

  private nextSnapshot(): Promise<string | undefined> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<string | undefined> {
    const run: Promise<string | undefined> = this.snapshot()
      .catch(() => undefined)
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }
}
