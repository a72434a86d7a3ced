import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aesKeyFileCipher } from './adapters';

describe('the headless key file', () => {
  const folder = (): string => mkdtempSync(join(tmpdir(), 'sk-keyfile-'));

  it('is made, owner-only, at the first seal, and opens what it sealed', async () => {
    const dir = folder();
    const cipher = aesKeyFileCipher(join(dir, 'vault.key'));
    expect(await cipher.unavailableReason()).toBeNull();
    const sealed = await cipher.encrypt('tokens');
    expect(statSync(join(dir, 'vault.key')).mode & 0o777).toBe(0o600);
    expect(await aesKeyFileCipher(join(dir, 'vault.key')).decrypt(sealed)).toBe('tokens');
  });

  it('says an empty key file is empty, without a path, and never replaces it', async () => {
    const dir = folder();
    const sealed = await aesKeyFileCipher(join(dir, 'vault.key')).encrypt('tokens');
    writeFileSync(join(dir, 'vault.key'), '');
    const cipher = aesKeyFileCipher(join(dir, 'vault.key'));
    const reason = await cipher.unavailableReason();
    expect(reason).toBe('The key file vault.key in Scopekeeper’s data folder is empty, so saved tokens cannot be opened or sealed.');
    const failure = await cipher.decrypt(sealed).catch((error: unknown) => (error as Error).message);
    expect(failure).toBe(reason);
    await expect(cipher.encrypt('more')).rejects.toThrow(reason!);
    expect(statSync(join(dir, 'vault.key')).size).toBe(0);
    for (const text of [reason!, failure]) expect(text).not.toContain(dir);
  });

  it('says a key file of the wrong size is damaged, without a path', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'vault.key'), 'short');
    const reason = await aesKeyFileCipher(join(dir, 'vault.key')).unavailableReason();
    expect(reason).toBe('The key file vault.key in Scopekeeper’s data folder is damaged (5 bytes instead of 32), so saved tokens cannot be opened or sealed.');
    expect(reason).not.toContain(dir);
  });

  it('says a missing key file is missing when there are sealed tokens to open, instead of making a new key', async () => {
    const dir = folder();
    const sealed = await aesKeyFileCipher(join(dir, 'vault.key')).encrypt('tokens');
    rmSync(join(dir, 'vault.key'));
    const cipher = aesKeyFileCipher(join(dir, 'vault.key'));
    const failure = await cipher.decrypt(sealed).catch((error: unknown) => (error as Error).message);
    expect(failure).toBe('The key file vault.key is missing from Scopekeeper’s data folder, so saved tokens cannot be opened.');
    expect(failure).not.toContain(dir);
    expect(() => statSync(join(dir, 'vault.key'))).toThrow();
  });
});
