import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requiredScopeMode } from '../../../shared/policy/decide';
import { MAX_POLICY_BYTES } from '../../../shared/policy/schema';
import { Policy } from './policy';
import { machinePolicyPath, readPolicyFile } from './policyFiles';

/** Replaces a policy file whole, as an editor or a deployment tool does (never seen half-written). */
function replaceFile(path: string, content: string): void {
  writeFileSync(`${path}.new`, content);
  renameSync(`${path}.new`, path);
}

const folder = (): string => mkdtempSync(join(tmpdir(), 'sk-policy-file-'));
const policies: Policy[] = [];
afterEach(() => {
  for (const policy of policies.splice(0)) policy.dispose();
});

describe('the machine policy location', () => {
  it('is the OS managed place, and nothing of Scopekeeper moves it', () => {
    expect(machinePolicyPath('linux', { SCOPEKEEPER_POLICY: '/tmp/x' })).toBe('/etc/scopekeeper/policy.json');
    expect(machinePolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Scopekeeper\\policy.json');
    expect(machinePolicyPath('darwin', {})).toBe('/Library/Application Support/Scopekeeper/policy.json');
  });
});

describe('reading a policy file', () => {
  it('is absent without a file, refused when too large or not a policy', () => {
    const dir = folder();
    expect(readPolicyFile(join(dir, 'policy.json'))).toEqual({ state: 'absent' });
    writeFileSync(join(dir, 'big.json'), ' '.repeat(MAX_POLICY_BYTES + 1));
    expect(readPolicyFile(join(dir, 'big.json'))).toMatchObject({ state: 'refused', problem: expect.stringContaining('larger than') });
    expect(readPolicyFile(dir)).toMatchObject({ state: 'refused', problem: expect.stringContaining('could not be read') });
  });

  it('tells listeners only when what is in force changed, and reads the required scope mode', () => {
    const dir = folder();
    const own = join(dir, 'policy.json');
    const policy = new Policy({ own });
    policies.push(policy);
    const heard: unknown[] = [];
    policy.onChange((p) => heard.push(p));
    expect(policy.reload()).toBe(false);
    writeFileSync(own, JSON.stringify({ version: 1, requiredScopeMode: 'fixed' }));
    expect(policy.reload()).toBe(true);
    expect(policy.reload()).toBe(false);
    expect(heard).toHaveLength(1);
    expect(requiredScopeMode(policy.current())).toBe('fixed');
    expect(policy.current().sources).toEqual([{ origin: 'own', path: own, state: 'in-force' }]);
  });

  it('hears a file replaced while it runs (the folder is watched)', async () => {
    const dir = folder();
    const own = join(dir, 'policy.json');
    const policy = new Policy({ own });
    policies.push(policy);
    policy.watch();
    const changed = new Promise((resolve) => policy.onChange(resolve));
    replaceFile(own, JSON.stringify({ version: 1, tools: { tokenHandout: false } }));
    expect(await changed).toMatchObject({ tokenHandoutBlocked: { by: 'own' } });
  });
});
