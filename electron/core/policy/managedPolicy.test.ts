import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES } from '../../../shared/policy/schema';
import type { ChildRun, ChildAnswer } from './managedPolicy';
import { macosPolicyReader, MANAGED_DOMAIN, windowsPolicyReader } from './managedPolicy';
import { Policy } from './policy';

/**
 * The machine's policy where macOS and Windows keep managed settings: a configuration profile's
 * managed preferences (read by plutil in a child process) and the Policies registry key (read by
 * reg.exe). They cannot run here, so the child process is a stub that answers as they do; every
 * odd answer is a refused policy (the app then grants nothing new), never "no policy".
 */

const POLICY = { version: 1, tools: { tokenHandout: false } };

/** A child-process runner that answers `answer` and records what it was asked. */
function stub(answer: Partial<ChildAnswer>): ChildRun & { asked: { command: string; args: readonly string[]; timeoutMs: number }[] } {
  const asked: { command: string; args: readonly string[]; timeoutMs: number }[] = [];
  const run = ((command: string, args: readonly string[], timeoutMs: number): ChildAnswer => {
    asked.push({ command, args, timeoutMs });
    return { status: 0, stdout: '', stderr: '', ...answer };
  }) as ChildRun & { asked: typeof asked };
  run.asked = asked;
  return run;
}

const USER_PLIST = `/Library/Managed Preferences/alex/${MANAGED_DOMAIN}.plist`;
const MACHINE_PLIST = `/Library/Managed Preferences/${MANAGED_DOMAIN}.plist`;
/** File sizes of the stand-in file system (absent: undefined). */
const sizes = (files: Record<string, number>) => (path: string) => files[path];

describe('macOS managed preferences', () => {
  it('uses the bundle id from electron-builder.json as the domain', () => {
    expect(MANAGED_DOMAIN).toBe('app.scopekeeper.desktop');
  });

  it('reads the per-user profile first, with plutil in a child process and a time-out; Policy as JSON text', () => {
    const run = stub({ stdout: JSON.stringify({ Policy: JSON.stringify(POLICY), PayloadUUID: 'x' }) });
    const reader = macosPolicyReader('alex', { run, size: sizes({ [USER_PLIST]: 300, [MACHINE_PLIST]: 300 }) });
    expect(reader.read()).toEqual({ where: USER_PLIST, text: JSON.stringify(POLICY) });
    expect(run.asked).toEqual([{ command: '/usr/bin/plutil', args: ['-convert', 'json', '-o', '-', USER_PLIST], timeoutMs: 3000 }]);
    expect(reader.folders).toEqual(expect.arrayContaining(['/Library/Managed Preferences', '/Library/Managed Preferences/alex', '/Library/Application Support/Scopekeeper']));
  });

  it('then the machine’s profile; Policy as a dictionary of the same fields', () => {
    const run = stub({ stdout: JSON.stringify({ Policy: POLICY }) });
    const reader = macosPolicyReader('alex', { run, size: sizes({ [MACHINE_PLIST]: 300 }) });
    expect(reader.read()).toEqual({ where: MACHINE_PLIST, text: JSON.stringify(POLICY) });
  });

  it('without a profile, the policy.json file', () => {
    const run = stub({});
    expect(macosPolicyReader('alex', { run, size: sizes({}) }).read()).toEqual({ file: '/Library/Application Support/Scopekeeper/policy.json' });
    expect(run.asked).toEqual([]);
  });

  it('refuses every odd answer, saying why', () => {
    const read = (answer: Partial<ChildAnswer>, size = 300) => macosPolicyReader('alex', { run: stub(answer), size: sizes({ [MACHINE_PLIST]: size }) }).read();
    expect(read({ status: 1, stderr: 'Property List error: Unexpected character' })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('plutil could not read it (exit 1: Property List error: Unexpected character)') });
    expect(read({ status: null, error: Object.assign(new Error('spawnSync /usr/bin/plutil ETIMEDOUT'), { code: 'ETIMEDOUT' }) })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('did not answer within 3 seconds') });
    expect(read({ status: null, error: Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }) })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('could not be run') });
    expect(read({ stdout: 'not json' })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('not a dictionary') });
    expect(read({ stdout: '[1]' })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('not a dictionary') });
    expect(read({ stdout: '{}' })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('has no Policy key') });
    expect(read({ stdout: '{"Policy": 3}' })).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('Policy is neither') });
    expect(read({}, MAX_POLICY_BYTES + 1)).toEqual({ where: MACHINE_PLIST, problem: expect.stringContaining('larger than') });
  });
});

const KEY = 'HKLM\\Software\\Policies\\Scopekeeper';
const REG = (type: string, value: string) => `\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Scopekeeper\r\n    Policy    ${type}    ${value}\r\n\r\n`;

describe('the Windows registry', () => {
  const env = { SystemRoot: 'C:\\Windows', ProgramData: 'D:\\ProgramData' };

  it('reads the Policy value (REG_SZ holding the JSON) with reg.exe, 64-bit view, a time-out', () => {
    const run = stub({ stdout: REG('REG_SZ', JSON.stringify(POLICY)) });
    expect(windowsPolicyReader(env, { run }).read()).toEqual({ where: `${KEY} (Policy)`, text: JSON.stringify(POLICY) });
    expect(run.asked).toEqual([{ command: 'C:\\Windows\\System32\\reg.exe', args: ['query', KEY, '/v', 'Policy', '/reg:64'], timeoutMs: 3000 }]);
  });

  it('without the key or value, %ProgramData%\\Scopekeeper\\policy.json', () => {
    const reader = windowsPolicyReader(env, { run: stub({ status: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.' }) });
    expect(reader.read()).toEqual({ file: 'D:\\ProgramData\\Scopekeeper\\policy.json' });
    expect(reader.folders).toEqual(['D:\\ProgramData\\Scopekeeper']);
  });

  it('refuses every odd answer, saying why', () => {
    const read = (answer: Partial<ChildAnswer>) => windowsPolicyReader(env, { run: stub(answer) }).read();
    expect(read({ stdout: REG('REG_DWORD', '0x1') })).toEqual({ where: `${KEY} (Policy)`, problem: expect.stringContaining('REG_DWORD, not REG_SZ') });
    expect(read({ stdout: 'something else' })).toEqual({ where: `${KEY} (Policy)`, problem: expect.stringContaining('could not be understood') });
    expect(read({ status: 5, stderr: 'ERROR: Access is denied.' })).toEqual({ where: `${KEY} (Policy)`, problem: expect.stringContaining('reg.exe could not read it (exit 5: ERROR: Access is denied.)') });
    expect(read({ status: null, error: Object.assign(new Error('ETIMEDOUT'), { code: 'ETIMEDOUT' }) })).toEqual({ where: `${KEY} (Policy)`, problem: expect.stringContaining('did not answer within 3 seconds') });
  });
});

describe('a managed reader in the policy in force', () => {
  it('applies what it reads, names where it came from, and locks down on an odd answer', () => {
    const own = join(mkdtempSync(join(tmpdir(), 'sk-managed-')), 'policy.json');
    let answer: Partial<ChildAnswer> = { stdout: JSON.stringify({ Policy: POLICY }) };
    const reader = macosPolicyReader('alex', { run: (c, a, t) => stub(answer)(c, a, t), size: sizes({ [MACHINE_PLIST]: 300 }) });
    const policy = new Policy({ machine: reader, own });
    expect(policy.current()).toMatchObject({ lockedDown: false, tokenHandoutBlocked: { by: 'organisation' }, sources: [{ origin: 'organisation', path: MACHINE_PLIST, state: 'in-force' }, expect.anything()] });
    answer = { status: 1, stderr: 'Property List error' };
    expect(policy.reload()).toBe(true);
    expect(policy.current()).toMatchObject({ lockedDown: true, sources: [{ origin: 'organisation', path: MACHINE_PLIST, state: 'refused', problem: expect.stringContaining('plutil could not read it') }, expect.anything()] });
    policy.dispose();
  });

  it('reads the fallback file it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sk-managed-'));
    const file = join(dir, 'machine.json');
    writeFileSync(file, JSON.stringify({ version: 1, requiredScopeMode: 'fixed' }));
    const policy = new Policy({ machine: { read: () => ({ file }), folders: [dir] }, own: join(dir, 'policy.json') });
    expect(policy.current()).toMatchObject({ requiredScopeMode: { mode: 'fixed', by: 'organisation' }, sources: [{ origin: 'organisation', path: file, state: 'in-force' }, expect.anything()] });
    policy.dispose();
  });
});
