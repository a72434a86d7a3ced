import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataFolder } from './appDataFolder';

describe('appDataFolder', () => {
  it('is under %APPDATA% on Windows, or the roaming folder when it is not set', () => {
    expect(appDataFolder('app', { APPDATA: join('/roaming') }, 'win32')).toBe(join('/roaming', 'app'));
    expect(appDataFolder('app', {}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'app'));
  });

  it('is under Application Support on macOS, whatever XDG says', () => {
    expect(appDataFolder('app', { XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'app'));
  });

  it('is under $XDG_CONFIG_HOME elsewhere, or ~/.config', () => {
    expect(appDataFolder('app', { XDG_CONFIG_HOME: join('/xdg') }, 'linux')).toBe(join('/xdg', 'app'));
    expect(appDataFolder('app', {}, 'linux')).toBe(join(homedir(), '.config', 'app'));
  });
});
