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
 * The one IPC edge: checks the sender, parses the payload from `unknown`, calls core, and turns
 * every outcome into a Result. Electron passes only a thrown error's message across IPC, so
 * nothing here throws.
 */
export function createIpcBinding(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean): InvokeHandler {
  return async (channel, payload, sender) => {
    if (!isInvokeChannel(channel)) {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Unknown request.' } };
    }
    if (!sender.isMainFrame || !isTrustedSender(sender)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from Scopekeeper’s own window.' } };
    }
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
  };
}
