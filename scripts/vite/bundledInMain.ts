/**
 * The packages the main process imports at every start, bundled into its own file instead of
 * loaded from node_modules. Node loads an ES module package file by file: resolving, reading and
 * linking each. For zod and the store (electron-store, with conf, ajv and the rest under it) that
 * took longer than running their code: 170–190 ms to import both, against 75 ms for the same code
 * as one file. The packages main loads later (sign-in, the MCP SDK, CSV export) and the native
 * keyring stay in node_modules.
 *
 * The bench's stand-in for main (scripts/bench/uiProcesses.ts) is built with the same list; its
 * host reads the vault with conf, as electron-store does under main.
 */
export const BUNDLED_IN_MAIN = ['zod', 'electron-store', 'conf'] as const;
