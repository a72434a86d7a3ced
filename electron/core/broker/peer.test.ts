import { spawn } from 'node:child_process';
import { realpathSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describePeer, PeerFinder, peerInodeFrom, UNKNOWN_PEER, type Peer } from './peer';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A listening socket whose accepted connections are handed to the test, one by one. */
async function listening(): Promise<{ endpoint: string; accepted: () => Promise<Socket> }> {
  const endpoint = join(tmpdir(), `sk-peer-${process.pid}-${Math.random().toString(36).slice(2)}.sock`);
  const sockets: Socket[] = [];
  const waiting: ((socket: Socket) => void)[] = [];
  const server: Server = createServer((socket) => {
    const next = waiting.shift();
    if (next) next(socket);
    else sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(endpoint, resolve));
  cleanups.push(() => {
    server.close();
    for (const socket of sockets) socket.destroy();
    try {
      unlinkSync(endpoint);
    } catch {
      // already gone
    }
  });
  return {
    endpoint,
    accepted: () => new Promise<Socket>((resolve) => (sockets.length ? resolve(sockets.shift()!) : waiting.push(resolve))),
  };
}

/** What the finder must say: the kernel's answer on Linux, "unknown" anywhere else. */
function onLinux(peer: Peer): Peer {
  return process.platform === 'linux' ? peer : UNKNOWN_PEER;
}

describe('the peer of a real broker connection', () => {
  it('is this test process, with its pid and executable, when it connects to itself', async () => {
    const { endpoint, accepted } = await listening();
    const client = connect(endpoint);
    cleanups.push(() => client.destroy());
    const peer = await new PeerFinder(endpoint).find(await accepted());
    expect(peer).toEqual(onLinux({ known: true, pids: [process.pid], executable: realpathSync(process.execPath) }));
    expect(describePeer(peer)).toBe(process.platform === 'linux' ? realpathSync(process.execPath) : 'unknown program');
  });

  it('is the other process when another program connects: the path the kernel shows, not one it says', async () => {
    const { endpoint, accepted } = await listening();
    const script = `require('net').connect(process.argv[1]); process.title = '/usr/bin/innocent'; process.stdin.resume()`;
    const child = spawn(process.execPath, ['-e', script, endpoint], { stdio: ['pipe', 'ignore', 'ignore'] });
    cleanups.push(() => child.kill());
    const peer = await new PeerFinder(endpoint).find(await accepted());
    expect(peer).toEqual(onLinux({ known: true, pids: [child.pid!], executable: realpathSync(process.execPath) }));
  });

  it('serves a burst of connections, each found', async () => {
    const { endpoint, accepted } = await listening();
    const finder = new PeerFinder(endpoint);
    const clients = Array.from({ length: 20 }, () => connect(endpoint));
    cleanups.push(() => clients.forEach((c) => c.destroy()));
    const sockets = await Promise.all(clients.map(() => accepted()));
    const peers = await Promise.all(sockets.map((s) => finder.find(s)));
    expect(peers).toEqual(clients.map(() => onLinux({ known: true, pids: [process.pid], executable: realpathSync(process.execPath) })));
  });

  it('is unknown for a connection already closed', async () => {
    const { endpoint, accepted } = await listening();
    const client = connect(endpoint);
    const socket = await accepted();
    socket.destroy();
    client.destroy();
    expect(await new PeerFinder(endpoint).find(socket)).toEqual(UNKNOWN_PEER);
  });

  it('is unknown, and said so, where the OS does not tell (macOS, Windows)', async () => {
    const { endpoint, accepted } = await listening();
    const client = connect(endpoint);
    cleanups.push(() => client.destroy());
    const peer = await new PeerFinder(endpoint, undefined, 'darwin').find(await accepted());
    expect(peer).toEqual(UNKNOWN_PEER);
    expect(describePeer(peer)).toBe('unknown program');
  });

  it('is unknown when ss is missing, fails or prints nothing it can trust', async () => {
    const { endpoint, accepted } = await listening();
    const client = connect(endpoint);
    cleanups.push(() => client.destroy());
    const socket = await accepted();
    for (const snapshot of [() => Promise.resolve(undefined), () => Promise.reject(new Error('ENOENT')), () => Promise.resolve('garbage\n')]) {
      expect(await new PeerFinder(endpoint, snapshot).find(socket)).toEqual(UNKNOWN_PEER);
    }
  });
});

describe('reading the peer inode from ss output', () => {
  const endpoint = '/run/user/1000/scopekeeper/broker.sock';
  const own = `u_str ESTAB 0      0      ${endpoint} 181373 * 181372 users:(("node",pid=77,fd=21))   `;

  it('takes the peer inode from the one line of our own socket', () => {
    const output = ['u_str LISTEN 0 511 /tmp/x.sock 1 * 0 users:(("node",pid=77,fd=19))', own, 'u_str ESTAB 0 0 * 181372 * 181373 users:(("python3",pid=80,fd=4))'].join('\n');
    expect(peerInodeFrom(output, { endpoint, inode: '181373', pid: 77, fd: 21 })).toBe('181372');
  });

  it('refuses to choose when a client forged a copy of our line through a socket path with a newline', () => {
    const forged = `u_str ESTAB 0 0 /tmp/evil x\n${own.replace('181372', '99')}\n 181372 * 181373 users:(("python3",pid=80,fd=4))`;
    expect(peerInodeFrom([own, forged].join('\n'), { endpoint, inode: '181373', pid: 77, fd: 21 })).toBeUndefined();
  });

  it('finds nothing in output of another form (another ss, or our line missing)', () => {
    expect(peerInodeFrom('', { endpoint, inode: '181373', pid: 77, fd: 21 })).toBeUndefined();
    expect(peerInodeFrom(own, { endpoint, inode: '181373', pid: 78, fd: 21 })).toBeUndefined();
    expect(peerInodeFrom(own.replace('*', '/tmp/bound'), { endpoint, inode: '181373', pid: 77, fd: 21 })).toBeUndefined();
  });
});
