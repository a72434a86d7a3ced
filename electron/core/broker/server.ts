import { chmodSync, renameSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Broker } from './broker';
import { CONNECTION_LIMITS, ConnectionBudget, type ConnectionLimits } from './limits';
import { PeerFinder } from './peer';
import { BrokerError, LIMITS, type ResponseMessage } from './protocol';
import type { BrokerSession } from './sessions';
import { refusalMessage, type ToolProtocol } from './toolProtocol';

export interface BrokerServer {
  /** The socket path or pipe name. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** True when something answers on `endpoint` (another Scopekeeper owns it). */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(endpoint);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function removeStale(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function listen(server: Server, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The broker's local endpoint: newline-delimited JSON over a Unix domain socket (created under a
 * temporary name, made 0600, then renamed into place, so nobody else can ever connect) or a
 * Windows named pipe. Every line is bounded and parsed; every answer is one line.
 */
export async function startBrokerServer(broker: Broker, endpoint: string, limits: ConnectionLimits = CONNECTION_LIMITS): Promise<BrokerServer> {
  const isPipe = endpoint.startsWith('\\\\.\\pipe\\');
  if (await answers(endpoint)) throw new Error(`Another Scopekeeper is already serving tools at ${endpoint}.`);
  // A socket is listed under the name it was bound to: the temporary one, renamed below.
  const temporary = `${endpoint}.${process.pid}.tmp`;
  const peers = new PeerFinder(isPipe ? endpoint : temporary);
  const budget = new ConnectionBudget(limits);
  const server = createServer((socket) => serve(broker.protocol, socket, peers, budget, limits.helloTimeoutMs));
  if (isPipe) {
    await listen(server, endpoint);
  } else {
    removeStale(endpoint);
    removeStale(temporary);
    await listen(server, temporary);
    chmodSync(temporary, 0o600);
    renameSync(temporary, endpoint);
  }
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        if (!isPipe) removeStale(endpoint);
      })),
  };
}

/** Ends the connection with one refusal of it as a whole (`id: null`), then closes the socket. */
function refuseConnection(socket: Socket, error: BrokerError): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`${JSON.stringify(refusalMessage(null, error))}\n`, () => socket.destroy());
}

/**
 * One client connection, if the budget has room (limits.ts): its session, its lines handed to the
 * protocol, its answers written back. Without `hello` within `helloTimeoutMs` it is closed.
 */
function serve(protocol: ToolProtocol, socket: Socket, peers: PeerFinder, budget: ConnectionBudget, helloTimeoutMs: number): void {
  socket.on('error', () => socket.destroy());
  const slot = budget.admit();
  if (slot instanceof BrokerError) return refuseConnection(socket, slot);
  const silent = setTimeout(() => refuseConnection(socket, new BrokerError('timeout', `No \`hello\` within ${helloTimeoutMs} ms; the connection is closed.`)), helloTimeoutMs);
  socket.once('close', () => {
    clearTimeout(silent);
    slot.release();
  });
  // Its end ends every message still being answered (one listener: inFlight.ts).
  const lifetime = new AbortController();
  const send = (message: ResponseMessage): void => {
    if (!socket.writable) return;
    socket.write(`${JSON.stringify(message)}\n`);
  };
  const session: BrokerSession = { claimedName: '', signal: lifetime.signal, notify: () => send({ event: 'approvals-changed' }), caller: peers.find(socket) };
  const close = protocol.open(session);
  socket.once('close', () => {
    lifetime.abort();
    close();
  });
  readLines(
    socket,
    (line) => {
      // Nothing more is handled once the connection is being closed (a refusal, a time-out).
      if (!socket.writable) return;
      protocol.receive(session, line, send);
      if (!session.helloed) return;
      clearTimeout(silent);
      const over = slot.identify(session);
      if (over) refuseConnection(socket, over);
    },
    () => send(refusalMessage(null, new BrokerError('too_large', `A message is longer than ${LIMITS.maxLineBytes} bytes; the connection is closed.`))),
  );
}

/**
 * Hands `onLine` each line the client sends. A line longer than LIMITS.maxLineBytes is answered
 * through `onTooLong`, and the connection ends.
 */
function readLines(socket: Socket, onLine: (line: string) => void, onTooLong: () => void): void {
  // Bytes, not characters, count against the limit; a line is cut only at '\n'.
  let buffered: Buffer[] = [];
  let size = 0;
  const tooLong = (): void => {
    onTooLong();
    buffered = [];
    size = 0;
    socket.end();
    socket.removeAllListeners('data');
  };
  socket.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      if (size + piece.length > LIMITS.maxLineBytes) return tooLong();
      onLine(buffered.length === 0 ? piece.toString('utf8') : Buffer.concat([...buffered, piece]).toString('utf8'));
      buffered = [];
      size = 0;
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    size += rest.length;
    if (size > LIMITS.maxLineBytes) return tooLong();
    if (rest.length) buffered.push(rest);
  });
}
