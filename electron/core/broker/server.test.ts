import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broker } from './broker';
import { CONNECTION_LIMITS, type ConnectionLimits } from './limits';
import type { ResponseMessage } from './protocol';
import { startBrokerServer, type BrokerServer } from './server';
import type { BrokerSession } from './sessions';

/**
 * The endpoint on its own: a protocol that knows `hello` (a secret makes the tool that secret's
 * tool) and answers anything else with `ok`, so what is tested is the connection handling.
 */
const protocol = {
  open: () => () => undefined,
  receive(session: BrokerSession, line: string, send: (message: ResponseMessage) => void) {
    const message = JSON.parse(line) as { id: number; method: string; params?: { tool: string; secret?: string } };
    if (message.method === 'hello') {
      session.helloed = true;
      session.claimedName = message.params!.tool;
      if (message.params!.secret) session.toolId = `tool-of-${message.params!.secret}`;
    }
    queueMicrotask(() => send({ id: message.id, ok: true, result: message.method }));
  },
};

let server: BrokerServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

async function start(limits: Partial<ConnectionLimits> = {}): Promise<string> {
  const endpoint = join(mkdtempSync(join(tmpdir(), 'sk-endpoint-')), 'broker.sock');
  server = await startBrokerServer({ protocol } as unknown as Broker, endpoint, { ...CONNECTION_LIMITS, ...limits });
  return endpoint;
}

/** A raw client: its lines as they arrive, and whether the broker closed it. */
async function client(endpoint: string): Promise<{ socket: Socket; send(message: object): void; line(): Promise<ResponseMessage>; closed: Promise<void>; rest(): ResponseMessage[] }> {
  const socket = connect(endpoint);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const lines: ResponseMessage[] = [];
  const waiting: ((message: ResponseMessage) => void)[] = [];
  let buffered = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let n = buffered.indexOf('\n'); n !== -1; n = buffered.indexOf('\n')) {
      const message = JSON.parse(buffered.slice(0, n)) as ResponseMessage;
      buffered = buffered.slice(n + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else lines.push(message);
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    send: (message) => socket.write(`${JSON.stringify(message)}\n`),
    line: () => {
      const ready = lines.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    closed,
    rest: () => lines.splice(0),
  };
}

const hello = (id: number, secret?: string) => ({ id, method: 'hello', params: { tool: 'my-agent', ...(secret ? { secret } : {}) } });

describe('the endpoint’s connections', () => {
  it('closes a connection that says nothing, with a typed time-out, and keeps one that said hello', async () => {
    // Long enough that the talker's hello, sent at once, arrives in time on a loaded machine (50 ms did not, 1 run in ~50 at load 20).
    const endpoint = await start({ helloTimeoutMs: 1000 });
    const talker = await client(endpoint);
    talker.send(hello(1));
    expect(await talker.line()).toEqual({ id: 1, ok: true, result: 'hello' });
    const idle = await client(endpoint);

    expect(await idle.line()).toMatchObject({ id: null, ok: false, error: { code: 'timeout' } });
    await idle.closed;
    // The one that said hello first, and so had its clock started first, is still served.
    talker.send({ id: 2, method: 'list' });
    expect(await talker.line()).toEqual({ id: 2, ok: true, result: 'list' });
  });

  it('a line other than hello does not stop the clock', async () => {
    const endpoint = await start({ helloTimeoutMs: 50 });
    const chatty = await client(endpoint);
    chatty.send({ id: 1, method: 'list' });
    await chatty.closed;
    // Whether `list` was answered before the clock ran out depends on the machine's load and is not
    // what is tested: the connection is refused and closed for want of hello all the same.
    const lines = chatty.rest();
    expect(lines).toContainEqual(expect.objectContaining({ id: null, ok: false, error: expect.objectContaining({ code: 'timeout' }) }));
  });

  it('answers the 65th connection of one tool with busy, and still serves other tools and the first 64', async () => {
    const endpoint = await start();
    const mine = await Promise.all(Array.from({ length: 64 }, () => client(endpoint)));
    for (const [i, c] of mine.entries()) c.send(hello(i, 'secret-a'));
    for (const [i, c] of mine.entries()) expect(await c.line()).toEqual({ id: i, ok: true, result: 'hello' });

    const extra = await client(endpoint);
    extra.send(hello(99, 'secret-a'));
    expect(await extra.line()).toMatchObject({ id: null, ok: false, error: { code: 'busy' } });
    await extra.closed;

    const other = await client(endpoint);
    other.send(hello(1, 'secret-b'));
    expect(await other.line()).toEqual({ id: 1, ok: true, result: 'hello' });
    mine[0]!.send({ id: 100, method: 'list' });
    expect(await mine[0]!.line()).toEqual({ id: 100, ok: true, result: 'list' });

    // One closes: its place is free again.
    mine[1]!.socket.destroy();
    await mine[1]!.closed;
    const again = await client(endpoint);
    again.send(hello(7, 'secret-a'));
    expect(await again.line()).toEqual({ id: 7, ok: true, result: 'hello' });
  });

  it('answers a connection over the global limit with busy at once, and nothing it sends is handled', async () => {
    const endpoint = await start({ total: 3 });
    const held = await Promise.all([client(endpoint), client(endpoint), client(endpoint)]);
    const fourth = await client(endpoint);
    fourth.send(hello(1, 'secret-c'));
    expect(await fourth.line()).toMatchObject({ id: null, ok: false, error: { code: 'busy' } });
    await fourth.closed;
    held[0]!.socket.destroy();
    await held[0]!.closed;
    const fifth = await client(endpoint);
    fifth.send(hello(2, 'secret-c'));
    expect(await fifth.line()).toEqual({ id: 2, ok: true, result: 'hello' });
  });
});
