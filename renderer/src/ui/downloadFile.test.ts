// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile, REVOKE_DOWNLOAD_URL_AFTER_MS } from './downloadFile';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('downloadFile', () => {
  it('clicks a temporary link to a Blob URL, removes it, and revokes the URL afterwards', () => {
    vi.useFakeTimers();
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const links: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      links.push(this);
    });

    downloadFile({ filename: 'perms.json', mimeType: 'application/json', content: '{}' });

    expect(create).toHaveBeenCalledTimes(1);
    expect(links).toHaveLength(1);
    expect(links[0]?.download).toBe('perms.json');
    expect(links[0]?.getAttribute('href')).toBe('blob:test/1');
    expect(links[0]?.isConnected).toBe(false);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_DOWNLOAD_URL_AFTER_MS);
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
  });
});
