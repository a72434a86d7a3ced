import type { AppError, Result } from '../../../shared/ipc/errors';

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * A failure on this side of the bridge (no bridge, a rejected invoke) as an AppError. Not
 * shared/ipc/errors' toAppError: importing that module's values would bundle zod into the page
 * for one line, and nothing on this side throws ScopekeeperError anyway.
 */
export function internalError(error: unknown): AppError {
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs one bridge call and always settles with a Result. The main process answers every invoke
 * with `{ ok, ... }` and never rejects on purpose, so a rejection (or a missing bridge) means the
 * transport itself broke: report it as INTERNAL instead of letting it escape a store action.
 */
export async function call<T>(invoke: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result: unknown = await invoke();
    if (!isResult(result)) {
      return { ok: false, error: { code: 'INTERNAL', message: 'The main process sent an answer that is not a Result.' } };
    }
    return result as Result<T>;
  } catch (error) {
    return { ok: false, error: internalError(error) };
  }
}
