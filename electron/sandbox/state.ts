/**
 * Where the sandbox keeps what must outlive one run: oidc-provider's records (grants, refresh
 * tokens, sessions), the signing and cookie keys, and each account's workspace data. In memory
 * for tests; for `npm run sandbox` in one JSON file in the sandbox's own data folder, so that a
 * restart does not invalidate the connections the app already holds.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterPayload } from 'oidc-provider';
import { z } from 'zod';
import { readJsonText, writeJsonAtomically } from '../core/files/jsonFile';
import { workspaceSchema, type Workspace } from './workspace';

export const STATE_FILE = 'sandbox-state.json';
const STATE_VERSION = 1;

const stateDocumentSchema = z.object({
  version: z.literal(STATE_VERSION),
  /** One P-256 private JWK: ID tokens issued before a restart still verify after it. */
  signingKey: z.record(z.string(), z.unknown()),
  cookieKeys: z.array(z.string()).min(1),
  /** `${model}:${id}` → oidc-provider's payload. */
  records: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** Account id → its workspace. */
  workspaces: z.record(z.string(), workspaceSchema),
});
type StateDocument = z.infer<typeof stateDocumentSchema>;

export interface SandboxState {
  readonly signingKey: Record<string, unknown>;
  readonly cookieKeys: readonly string[];
  readonly records: Map<string, AdapterPayload>;
  readonly workspaces: Map<string, Workspace>;
  /** Call after any change to `records` or `workspaces`: a file-backed state writes itself. */
  changed(): void;
  /** The file, when there is one. */
  readonly path?: string;
}

function freshDocument(): StateDocument {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    version: STATE_VERSION,
    signingKey: { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' },
    cookieKeys: [randomBytes(32).toString('base64url')],
    records: {},
    workspaces: {},
  };
}

function stateFrom(document: StateDocument, changed: (state: SandboxState) => void, path?: string): SandboxState {
  const state: SandboxState = {
    signingKey: document.signingKey,
    cookieKeys: document.cookieKeys,
    records: new Map(Object.entries(document.records) as [string, AdapterPayload][]),
    workspaces: new Map(Object.entries(document.workspaces)),
    changed: () => changed(state),
    ...(path ? { path } : {}),
  };
  return state;
}

/** Everything in memory, new keys: one test run. */
export function memoryState(): SandboxState {
  return stateFrom(freshDocument(), () => undefined);
}

/** Records oidc-provider would refuse anyway (expired) are dropped when the file is read. */
function withoutExpired(records: StateDocument['records'], nowSeconds: number): StateDocument['records'] {
  return Object.fromEntries(Object.entries(records).filter(([, payload]) => typeof payload.exp !== 'number' || payload.exp > nowSeconds));
}

/**
 * The state in `directory`/sandbox-state.json (created 0700/0600 when missing). A file that is
 * not a sandbox state stops the start with a clear message rather than being overwritten.
 */
export function fileState(directory: string): SandboxState {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, STATE_FILE);
  let document: StateDocument;
  const raw = readJsonText(path);
  if (raw === undefined) {
    document = freshDocument();
  } else {
    const parsed = stateDocumentSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`${path} is not a sandbox state file (${parsed.error.issues[0]?.message ?? 'invalid'}); move it away to start afresh.`);
    document = { ...parsed.data, records: withoutExpired(parsed.data.records, Math.floor(Date.now() / 1000)) };
  }
  const write = (state: SandboxState): void => {
    const next: StateDocument = {
      version: STATE_VERSION,
      signingKey: state.signingKey,
      cookieKeys: [...state.cookieKeys],
      records: Object.fromEntries(state.records),
      workspaces: Object.fromEntries(state.workspaces),
    };
    writeJsonAtomically(path, next);
  };
  const state = stateFrom(document, write, path);
  write(state);
  return state;
}
