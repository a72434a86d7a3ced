import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonText, writeJsonAtomically } from './jsonFile';

const posix = process.platform !== 'win32';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scopekeeper-json-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readJsonText', () => {
  it('is undefined for a missing file, so the caller can start from its own default', () => {
    expect(readJsonText(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('gives the text as it is, parsed or not: an invalid file is the caller’s to judge', () => {
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(readJsonText(join(dir, 'bad.json'))).toBe('{ not json');
  });

  it('throws any other read error rather than treating it as no file', () => {
    mkdirSync(join(dir, 'folder.json'));
    expect(() => readJsonText(join(dir, 'folder.json'))).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});

describe('writeJsonAtomically', () => {
  it('writes the value as JSON, indented when asked, and leaves no temporary file behind', () => {
    writeJsonAtomically(join(dir, 'a.json'), { version: 1, items: ['x'] });
    writeJsonAtomically(join(dir, 'b.json'), { version: 1 }, 2);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"version":1,"items":["x"]}');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('{\n  "version": 1\n}');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('replaces the whole file, and reads back what it wrote', () => {
    const path = join(dir, 'state.json');
    writeJsonAtomically(path, { long: 'x'.repeat(1000) });
    writeJsonAtomically(path, { short: true });
    expect(JSON.parse(readJsonText(path)!)).toEqual({ short: true });
  });

  it('leaves the old file untouched when the value cannot be written', () => {
    const path = join(dir, 'state.json');
    writeJsonAtomically(path, { kept: true });
    expect(() => writeJsonAtomically(path, { size: 1n })).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('{"kept":true}');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it.runIf(posix)('leaves the file owner-only, even over a wider file or a stale temporary one', () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    writeFileSync(`${path}.${process.pid}.tmp`, 'left by a crash', { mode: 0o644 });
    chmodSync(path, 0o644);
    writeJsonAtomically(path, { a: 1 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeJsonAtomically(join(dir, 'new.json'), {});
    expect(statSync(join(dir, 'new.json')).mode & 0o777).toBe(0o600);
  });
});
