import { readFileSync, statSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { MAX_POLICY_BYTES, parsePolicyText, type PolicyFile } from '../../../shared/policy/schema';

/** One policy file as read now: not there, a valid policy, or refused with why. */
export type PolicyReading = { state: 'absent' } | { state: 'in-force'; policy: PolicyFile; text: string } | { state: 'refused'; problem: string; text?: string };

/**
 * Reads a policy file. Absent (ENOENT) is no policy; anything else that is not a valid version 1
 * policy (unreadable, too large, not JSON, an unknown field) is refused with a sentence naming why:
 * the caller then locks down rather than run as if there were no policy.
 */
export function readPolicyFile(path: string): PolicyReading {
  let text: string;
  try {
    if (statSync(path).size > MAX_POLICY_BYTES) return { state: 'refused', problem: `it is larger than ${MAX_POLICY_BYTES / 1024} KB` };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'absent' };
    return { state: 'refused', problem: `it could not be read (${code ?? (error as Error).message})` };
  }
  return readPolicyText(text);
}

/** A policy's text (from a file, or an OS's managed settings) read as version 1, or refused with why. */
export function readPolicyText(text: string): PolicyReading {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) return { state: 'refused', problem: `it is larger than ${MAX_POLICY_BYTES / 1024} KB` };
  const parsed = parsePolicyText(text);
  return parsed.ok ? { state: 'in-force', policy: parsed.policy, text } : { state: 'refused', problem: parsed.problem, text };
}

/**
 * Where an organisation puts the machine's policy file. Linux: /etc/scopekeeper/policy.json.
 * Windows: %ProgramData%\Scopekeeper\policy.json. macOS: /Library/Application Support/Scopekeeper/policy.json.
 * On macOS and Windows the OS's managed settings come first (managedPolicy.ts: a configuration
 * profile's managed preferences, the registry's Policies key); this file is read when they set
 * nothing. Only the Electron host asks this: no switch or variable of Scopekeeper's own moves it
 * (a tool could otherwise point the app at a file of its choosing).
 */
export function machinePolicyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return '/etc/scopekeeper/policy.json';
  if (platform === 'darwin') return '/Library/Application Support/Scopekeeper/policy.json';
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA;
    return programData ? win32.join(programData, 'Scopekeeper', 'policy.json') : 'C:\\ProgramData\\Scopekeeper\\policy.json';
  }
  return undefined;
}

/** The person's own policy: policy.json in the app's data folder. */
export function ownPolicyPath(dataDir: string): string {
  return join(dataDir, 'policy.json');
}
