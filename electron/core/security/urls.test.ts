import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, resolveAppAsset } from './urls';

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://accounts.google.com/o/oauth2/v2/auth?x=1', true],
    ['http://127.0.0.1:4890/auth', true],
    ['http://localhost:4890/auth', true],
    ['http://example.com/auth', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:privacy', false],
    ['https://user:pass@example.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('resolveAppAsset', () => {
  const dir = '/opt/scopekeeper/renderer';
  it.each([
    ['scopekeeper://app/', '/opt/scopekeeper/renderer/index.html'],
    ['scopekeeper://app/index.html', '/opt/scopekeeper/renderer/index.html'],
    ['scopekeeper://app/assets/index-abc.js', '/opt/scopekeeper/renderer/assets/index-abc.js'],
    // URL parsing removes dot segments, plain or percent-encoded, before the path is resolved.
    ['scopekeeper://app/../../etc/passwd', '/opt/scopekeeper/renderer/etc/passwd'],
    ['scopekeeper://app/%2e%2e/%2e%2e/etc/passwd', '/opt/scopekeeper/renderer/etc/passwd'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppAsset(dir, url)).toBe(file);
  });

  it.each(['scopekeeper://app/a%5c..%5c..%5cx', 'scopekeeper://other/index.html', 'scopekeeper://app/%00', 'scopekeeper://app/%E0%A4%A'])(
    'refuses %s',
    (url) => {
      expect(resolveAppAsset(dir, url)).toBeNull();
    },
  );
});
