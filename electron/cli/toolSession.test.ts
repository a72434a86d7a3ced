import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretFile, toolsDir } from './toolSession';

const SECRET = 'a'.repeat(43);

describe('SecretFile', () => {
  it('has no secret before the first one is kept, then keeps one per tool, indented', () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'sk-secrets-')), 'tools');
    const file = new SecretFile(directory);
    expect(file.get('notes')).toBeUndefined();
    file.set('notes', SECRET);
    expect(new SecretFile(directory).get('notes')).toBe(SECRET);
    expect(readFileSync(file.path, 'utf8')).toBe(`{\n  "notes": "${SECRET}"\n}`);
  });

  it('says which file is not one it wrote, rather than starting over', () => {
    const directory = mkdtempSync(join(tmpdir(), 'sk-secrets-'));
    writeFileSync(join(directory, 'secrets.json'), '{ not json');
    expect(() => new SecretFile(directory).get('notes')).toThrow(/secrets\.json is not a secrets file Scopekeeper wrote/);
  });
});

describe('toolsDir', () => {
  it('is SCOPEKEEPER_TOOLS_DIR when set, else scopekeeper-tools in the app data folder', () => {
    expect(toolsDir({ SCOPEKEEPER_TOOLS_DIR: '/somewhere' }, 'linux')).toBe('/somewhere');
    expect(toolsDir({}, 'linux')).toBe(join(homedir(), '.config', 'scopekeeper-tools'));
  });
});
