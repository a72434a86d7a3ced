import type { z } from 'zod';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc/channels';
import { invokeContract, type ResponseOf } from '../../../shared/ipc/contract';
import { toAppError, type Result } from '../../../shared/ipc/errors';

/** One handler per contract entry, taking the already-validated request. */
export type Handlers = {
  [C in InvokeChannel]: (request: z.output<(typeof invokeContract)[C]['request']>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** Who sent an invoke: Electron's senderFrame, or the headless host's page origin. */
export interface Sender {
  url: string | undefined;
  isMainFrame: boolean;
}

export type InvokeHandler = (channel: unknown, payload: unknown, sender: Sender) => Promise<Result<unknown>>;

const known = new Set<string>(INVOKE_CHANNELS);
function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && known.has(channel);
}

/**
 * The IPC edge with one answer made before it is asked: main builds the window's first content
 * (`prepare`) while the window loads, and the window's first ask for exactly that channel and
 * payload takes it, once, after the same sender check as any ask. Anything main pushes to the
 * window since (`dropPrepared`) drops it, and the ask is then answered as every later one is.
 */
export interface IpcBinding extends InvokeHandler {
  /** Makes the answer now; resolves once it is made (it never rejects: a failure is its Result). */
  prepare(channel: InvokeChannel, payload?: unknown): Promise<void>;
  dropPrepared(): void;
}

/**
 * The one IPC edge: checks the sender, parses the payload from `unknown`, calls core, and turns
 * every outcome into a Result. Electron passes only a thrown error's message across IPC, so
 * nothing here throws.
 */
export function createIpcBinding(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean): IpcBinding {
  let prepared: { key: string; answer: Promise<Result<unknown>> } | undefined;
  const invoke = async (channel: unknown, payload: unknown, sender: Sender): Promise<Result<unknown>> => {
    if (!isInvokeChannel(channel)) {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Unknown request.' } };
    }
    if (!sender.isMainFrame || !isTrustedSender(sender)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from Scopekeeper’s own window.' } };
    }
    const key = askKey(channel, payload);
    if (key !== undefined && prepared?.key === key) {
      const { answer } = prepared;
      prepared = undefined;
      return answer;
    }
    return answer(handlers, channel, payload);
  };
  return Object.assign(invoke, {
    prepare: async (channel: InvokeChannel, payload?: unknown) => {
      const key = askKey(channel, payload);
      prepared = key === undefined ? undefined : { key, answer: answer(handlers, channel, payload) };
      await prepared?.answer;
    },
    dropPrepared: () => {
      prepared = undefined;
    },
  });
}

/** Which ask a prepared answer is for: the channel and the payload exactly as sent. */
function askKey(channel: InvokeChannel, payload: unknown): string | undefined {
  try {
    return JSON.stringify([channel, payload ?? null]);
  } catch {
    return undefined;
  }
}

/** A trusted sender's ask: the payload parsed, the handler called, its answer checked against the contract. */
async function answer(handlers: Handlers, channel: InvokeChannel, payload: unknown): Promise<Result<unknown>> {
  const parsed = invokeContract[channel].request.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'The request was not in the expected form.',
        details: { issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`) },
      },
    };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: invokeContract[channel].response.parse(value) };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}
