import { ScopekeeperError } from '../../shared/ipc/errors';

/**
 * A package main loads when first needed rather than at start: main's every module is loaded
 * before it answers the window, so a package only some actions use (openid-client for a sign-in,
 * the MCP SDK for an MCP server) waits until one of them runs. The code that uses it awaits
 * `load()` first (those paths are async); code that runs after that reads the module with `get()`.
 * Only `import type` of the package elsewhere (eslint.config.js keeps it so).
 */
export interface LazyModule<M> {
  /** The module, loading it once; a failed load is a ScopekeeperError (INTERNAL, `module-unavailable`), tried again next time. */
  load(): Promise<M>;
  /** Starts loading it once the current work is done, unless it is loading or loaded; a failure is left for `load()` to report. */
  loadSoon(): void;
  /** The loaded module; throws when a code path used it before `load()` resolved (a bug, said plainly). */
  get(): M;
  /** The loaded module, or undefined: an error can be one of its classes only once it is loaded. */
  loaded(): M | undefined;
}

/** `what` names the package in the sentences; `importer` is its `import()`, written out so the bundler leaves it to node_modules. */
export function lazyModule<M>(what: string, importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  const load = (): Promise<M> =>
    (loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined;
        throw new ScopekeeperError('INTERNAL', `Scopekeeper could not load ${what} (${error instanceof Error ? error.message : String(error)}): try again, or reinstall Scopekeeper if this keeps happening.`, {
          reason: 'module-unavailable',
          module: what,
        });
      },
    ));
  return {
    load,
    loadSoon: () => {
      if (loading === undefined) setImmediate(() => void load().catch(() => undefined));
    },
    get: () => {
      if (loaded === undefined) throw new Error(`${what} was used before it was loaded.`);
      return loaded;
    },
    loaded: () => loaded,
  };
}
