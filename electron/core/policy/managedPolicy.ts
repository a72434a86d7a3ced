import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { MAX_POLICY_BYTES } from '../../../shared/policy/schema';
import type { MachinePolicyAnswer, MachinePolicyReader } from '../ports';
import { machinePolicyPath } from './policyFiles';

/**
 * The machine's managed policy where macOS and Windows keep managed settings, read in a child
 * process with a time-out (plutil, reg.exe; Scopekeeper parses neither a binary plist nor the
 * registry itself). Nothing set there: the policy.json file of policyFiles.ts. Any odd answer (the
 * program fails, is slow, answers something else) is a refused policy with why, never "no policy".
 */

/** The preference domain a configuration profile sets: the app's bundle id (electron-builder.json `appId`). */
export const MANAGED_DOMAIN = 'app.scopekeeper.desktop';
/** The registry key an organisation's Group Policy sets; its `Policy` value (REG_SZ) holds the JSON. */
export const POLICY_KEY = 'HKLM\\Software\\Policies\\Scopekeeper';
/** How long plutil or reg.exe may take before the answer counts as a failure. */
export const CHILD_TIMEOUT_MS = 3000;

/** What a child process answered (spawnSync's result, trimmed to what is read). */
export interface ChildAnswer {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error & { code?: string };
}
export type ChildRun = (command: string, args: readonly string[], timeoutMs: number) => ChildAnswer;

/** Runs a program (never through a shell) and waits for it, at most `timeoutMs`. */
export const runChild: ChildRun = (command, args, timeoutMs) => {
  const result = spawnSync(command, [...args], { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 4 * MAX_POLICY_BYTES, windowsHide: true, shell: false });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ...(result.error ? { error: result.error } : {}) };
};

/** A file's size, undefined when there is none. */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // There but unreadable: plutil says why.
    return 0;
  }
}

/** Why a child process's answer cannot be used, or undefined when it exited 0. */
function childFailure(program: string, answer: ChildAnswer): string | undefined {
  if (answer.error?.code === 'ETIMEDOUT') return `${program} did not answer within ${CHILD_TIMEOUT_MS / 1000} seconds`;
  if (answer.error) return `${program} could not be run (${answer.error.code ?? answer.error.message})`;
  if (answer.status !== 0) return `${program} could not read it (exit ${answer.status ?? 'by a signal'}: ${answer.stderr.trim().slice(0, 300)})`;
  return undefined;
}

/** The policy's text from plutil's JSON of the domain: its `Policy` key, JSON text or a dictionary of the same fields. */
function policyOfDomain(stdout: string): { text: string } | { problem: string } {
  let domain: unknown;
  try {
    domain = JSON.parse(stdout);
  } catch {
    domain = undefined;
  }
  if (typeof domain !== 'object' || domain === null || Array.isArray(domain)) return { problem: 'what plutil answered is not a dictionary' };
  if (!Object.hasOwn(domain, 'Policy')) return { problem: `the ${MANAGED_DOMAIN} domain has no Policy key` };
  const policy = (domain as Record<string, unknown>).Policy;
  if (typeof policy === 'string') return { text: policy };
  if (typeof policy === 'object' && policy !== null && !Array.isArray(policy)) return { text: JSON.stringify(policy) };
  return { problem: 'its Policy is neither JSON text nor a dictionary' };
}

/**
 * macOS: a configuration profile's managed preferences for the domain, the person's own
 * (/Library/Managed Preferences/<user>/) before the machine's, converted by /usr/bin/plutil (a
 * binary plist included); without either, /Library/Application Support/Scopekeeper/policy.json.
 */
export function macosPolicyReader(user: string, deps: { run?: ChildRun; size?: (path: string) => number | undefined } = {}): MachinePolicyReader {
  const run = deps.run ?? runChild;
  const size = deps.size ?? sizeOf;
  const root = '/Library/Managed Preferences';
  // A user name is one path segment: anything else is not looked up.
  const userPlist = user !== '' && !/[/\0]/.test(user) && user !== '.' && user !== '..' ? posix.join(root, user, `${MANAGED_DOMAIN}.plist`) : undefined;
  const plists = [...(userPlist ? [userPlist] : []), posix.join(root, `${MANAGED_DOMAIN}.plist`)];
  const file = machinePolicyPath('darwin', {})!;
  return {
    folders: [...plists.map((p) => posix.dirname(p)), posix.dirname(file)],
    read(): MachinePolicyAnswer {
      const where = plists.find((p) => size(p) !== undefined);
      if (where === undefined) return { file };
      if (size(where)! > MAX_POLICY_BYTES) return { where, problem: `it is larger than ${MAX_POLICY_BYTES / 1024} KB` };
      const answer = run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', where], CHILD_TIMEOUT_MS);
      const failed = childFailure('plutil', answer);
      if (failed) return { where, problem: failed };
      return { where, ...policyOfDomain(answer.stdout) };
    },
  };
}

/**
 * Windows: the `Policy` value (REG_SZ, the policy's JSON) of HKLM\Software\Policies\Scopekeeper,
 * read by reg.exe in the 64-bit view; without the key or value (reg.exe exits 1 with nothing on
 * its output), %ProgramData%\Scopekeeper\policy.json.
 */
export function windowsPolicyReader(env: Readonly<Record<string, string | undefined>>, deps: { run?: ChildRun } = {}): MachinePolicyReader {
  const run = deps.run ?? runChild;
  const reg = win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'reg.exe');
  const file = machinePolicyPath('win32', env)!;
  const where = `${POLICY_KEY} (Policy)`;
  return {
    folders: [win32.dirname(file)],
    read(): MachinePolicyAnswer {
      const answer = run(reg, ['query', POLICY_KEY, '/v', 'Policy', '/reg:64'], CHILD_TIMEOUT_MS);
      if (!answer.error && answer.status === 1 && answer.stdout.trim() === '') return { file };
      const failed = childFailure('reg.exe', answer);
      if (failed) return { where, problem: failed };
      const line = /^[ \t]+Policy[ \t]{2,}(REG_\w+)[ \t]{2,}(.*)$/m.exec(answer.stdout);
      if (!line) return { where, problem: 'what reg.exe answered could not be understood' };
      if (line[1] !== 'REG_SZ') return { where, problem: `the Policy value is ${line[1]}, not REG_SZ` };
      const text = line[2]!.trimEnd();
      if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) return { where, problem: `it is larger than ${MAX_POLICY_BYTES / 1024} KB` };
      return { where, text };
    },
  };
}

/** The Electron host's machine policy: the OS's managed settings where they exist, else the managed file. */
export function machinePolicyReader(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, user: string): MachinePolicyReader | string | undefined {
  if (platform === 'darwin') return macosPolicyReader(user);
  if (platform === 'win32') return windowsPolicyReader(env);
  return machinePolicyPath(platform, env);
}
