import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { toolSecretSchema } from '../core/broker/protocol';

/**
 * Where a tool keeps the secret Scopekeeper issued it: the OS keychain where there is one (macOS
 * Keychain, Windows Credential Manager, the Secret Service on Linux), else the 0600 `secrets.json`
 * (toolSession.ts). Either way a process of the same user can read it: the keychain keeps it out
 * of files that backups, sync folders and careless `cat`s pick up; it is not a wall between
 * programs of one user (see the broker's peer check, electron/core/broker/peer.ts).
 */

/** What an OS keychain gives: `get` rejects when no keychain answers (a read of nothing is an answer). */
export interface Keychain {
  get(service: string, account: string): Promise<string | undefined>;
  set(service: string, account: string, secret: string): Promise<void>;
}

export type SecretStoreKind = 'keychain' | 'file';

export interface ToolSecretStore {
  /**
   * Where the tool's secret is: settled by the first `get` ('file' when the keychain did not
   * answer, or the secret was found in the file), and by a `set` the keychain refused.
   */
  readonly kind: SecretStoreKind;
  get(tool: string): Promise<string | undefined>;
  set(tool: string, secret: string): Promise<void>;
}

/** The keychain item's service; its account is the tool's name, as in the file. */
export const KEYCHAIN_SERVICE = 'Scopekeeper';

/**
 * The keychain while it answers, else the file. A tool whose secret is in the file (kept before the
 * keychain came, or after it failed) stays with the file; a keychain that fails once is not asked
 * again by this store.
 */
export function chooseSecretStore(file: { get(tool: string): string | undefined; set(tool: string, secret: string): void }, keychain: Keychain | undefined): ToolSecretStore {
  let kind: SecretStoreKind = keychain ? 'keychain' : 'file';
  return {
    get kind() {
      return kind;
    },
    get: async (tool) => {
      if (!keychain || kind === 'file') return file.get(tool);
      let kept: string | undefined;
      try {
        kept = await keychain.get(KEYCHAIN_SERVICE, tool);
      } catch {
        kind = 'file';
        return file.get(tool);
      }
      if (kept !== undefined) return kept;
      const inFile = file.get(tool);
      if (inFile !== undefined) kind = 'file';
      return inFile;
    },
    set: async (tool, secret) => {
      if (keychain && kind === 'keychain') {
        try {
          await keychain.set(KEYCHAIN_SERVICE, tool, secret);
          return;
        } catch {
          kind = 'file';
        }
      }
      file.set(tool, secret);
    },
  };
}

/**
 * Run in a child Node process for each keychain read or write. @napi-rs/keyring blocks the thread
 * that calls it, and on Linux even making an entry waits on the D-Bus session bus: a bus that never
 * answers (or a Secret Service prompting to unlock) would hang the CLI. A child can be killed.
 * Linux is pinned to the Secret Service: the package's own fallback, the kernel keyring, is
 * per-login-session and expires, so the next run would not find the secret. The request comes on
 * stdin (never argv, which other users can read); one JSON answer goes to stdout.
 */
const CHILD_SCRIPT = `
let input = '';
process.stdin.setEncoding('utf8').on('data', (c) => (input += c)).on('end', () => {
  const answer = (value) => process.stdout.write(JSON.stringify(value));
  try {
    const { Entry } = require(process.argv[1]);
    const q = JSON.parse(input);
    const entry = new Entry(q.service, q.account, process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
    if (q.op === 'set') answer({ ok: true, secret: (entry.setPassword(q.secret), null) });
    else answer({ ok: true, secret: entry.getPassword() });
  } catch (error) {
    answer({ ok: false, message: String((error && error.message) || error).slice(0, 500) });
  }
});`;

const childAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), secret: toolSecretSchema.nullable() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

type KeychainRequest = { op: 'get'; service: string; account: string } | { op: 'set'; service: string; account: string; secret: string };

/** One keychain operation in a child (CHILD_SCRIPT), killed after `timeoutMs`. */
function inChild(binding: string, request: KeychainRequest, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', CHILD_SCRIPT, binding],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error?.killed) return reject(new Error(`The system keychain did not answer within ${timeoutMs / 1000} s.`));
        const parsed = childAnswer.safeParse(safeJson(stdout));
        if (!parsed.success) return reject(new Error(`The system keychain gave no answer Scopekeeper understands${error ? ` (${error.message})` : ''}.`));
        if (!parsed.data.ok) return reject(new Error(`The system keychain cannot be used: ${parsed.data.message}`));
        resolve(parsed.data.secret ?? undefined);
      },
    );
    child.stdin?.end(JSON.stringify(request));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The OS keychain through @napi-rs/keyring, or none: when the package (or its prebuilt binary for
 * this platform) is missing, SCOPEKEEPER_SECRET_STORE=file says to keep tool secrets in the file, or
 * the command runs in the app's own binary rather than Node.
 * Each operation gives up after `timeoutMs` (the store then uses the file).
 */
export function systemKeychain(env: NodeJS.ProcessEnv = process.env, options: { timeoutMs?: number } = {}): Keychain | undefined {
  if (env.SCOPEKEEPER_SECRET_STORE === 'file') return undefined;
  // Run by the app's own binary (`--scopekeeper-command`, process.type 'browser'), process.execPath is
  // the app, not Node, and RunAsNode is off: the child would start the app. The file keeps the secret.
  if ((process as { type?: string }).type === 'browser') return undefined;
  let binding: string;
  try {
    binding = createRequire(import.meta.url).resolve('@napi-rs/keyring');
  } catch {
    return undefined;
  }
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    get: (service, account) => inChild(binding, { op: 'get', service, account }, env, timeoutMs),
    set: async (service, account, secret) => void (await inChild(binding, { op: 'set', service, account, secret }, env, timeoutMs)),
  };
}
