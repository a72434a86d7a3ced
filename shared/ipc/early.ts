import type { IpcTransport } from './api';
import type { RequestOf } from './contract';

/** The window's first ask: the list with the first connection's detail. Main prepares its answer at start. */
export const FIRST_LIST_ASK = { withFirstDetail: true } as const satisfies RequestOf<'grants:list'>;

/**
 * What the window shows first, asked for the moment the preload runs, while the window's own
 * code is still loading: the connection list with the first connection's detail. Main builds it
 * while the page parses its scripts, and the window's first `grants.list({ withFirstDetail })`
 * takes that answer.
 *
 * The early answer is taken at most once, by an ask for the same thing, and only while nothing
 * made it stale: a `grants:changed` pushed since it was asked drops it, and the ask then goes to
 * main as every later one does. An answer nobody takes is dropped without an unhandled rejection.
 */
export function listAskedEarly(transport: IpcTransport): (request?: RequestOf<'grants:list'>) => Promise<unknown> {
  let early: Promise<unknown> | undefined = transport.invoke('grants:list', FIRST_LIST_ASK);
  early.catch(() => undefined);
  let off: (() => void) | undefined;
  const drop = (): void => {
    early = undefined;
    off?.();
    off = undefined;
  };
  off = transport.on('grants:changed', drop);
  return (request) => {
    const answer = request?.withFirstDetail === true ? early : undefined;
    drop();
    return answer ?? transport.invoke('grants:list', request);
  };
}
