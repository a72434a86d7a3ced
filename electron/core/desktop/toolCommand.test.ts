import { describe, expect, it } from 'vitest';
import { toolSetup } from '../broker/toolSetup';
import { desktopToolCommand } from './toolCommand';

describe('the command the Electron app names for tools', () => {
  it('unpackaged: this binary run as Node on the built command, absolute', () => {
    const command = desktopToolCommand(false, '/repo/node_modules/electron/dist/electron', '/repo', 'linux');
    expect(command).toEqual({ command: '/repo/node_modules/electron/dist/electron', args: ['/repo/out/cli/scopekeeper.mjs'], env: { ELECTRON_RUN_AS_NODE: '1' } });
    const env = { XDG_CONFIG_HOME: '/home/alex/.config' };
    expect(toolSetup({ toolCommand: command! }, '/home/alex/.config/scopekeeper', env)).toEqual({
      launch: { command: '/repo/node_modules/electron/dist/electron', args: ['/repo/out/cli/scopekeeper.mjs', 'mcp'], env: { ELECTRON_RUN_AS_NODE: '1' } },
      dataDir: '/home/alex/.config/scopekeeper',
      dataDirMoved: false,
    });
  });

  it('packaged: the launcher the package ships; without the Electron app, the installed `scopekeeper`, with the data folder and endpoint where they were moved', () => {
    const shipped = desktopToolCommand(true, '/opt/Scopekeeper/scopekeeper', '/opt/Scopekeeper/resources/app.asar', 'linux');
    expect(shipped).toEqual({ command: '/opt/Scopekeeper/resources/cli/scopekeeper', args: [] });
    expect(toolSetup({ toolCommand: shipped }, '/home/alex/.config/scopekeeper', { XDG_CONFIG_HOME: '/home/alex/.config' }).launch).toEqual({
      command: '/opt/Scopekeeper/resources/cli/scopekeeper',
      args: ['mcp'],
    });
    expect(desktopToolCommand(true, 'C:\\Program Files\\Scopekeeper\\Scopekeeper.exe', 'C:\\Program Files\\Scopekeeper\\resources\\app.asar', 'win32').command).toBe(
      'C:\\Program Files\\Scopekeeper\\resources\\cli\\scopekeeper.cmd',
    );
    const setup = toolSetup({ brokerEndpoint: '/run/sk.sock' }, '/srv/sk', { XDG_CONFIG_HOME: '/home/alex/.config', SCOPEKEEPER_DATA_DIR: '/srv/sk' });
    expect(setup).toEqual({
      launch: { command: 'scopekeeper', args: ['mcp'], env: { SCOPEKEEPER_DATA_DIR: '/srv/sk', SCOPEKEEPER_BROKER: '/run/sk.sock' } },
      dataDir: '/srv/sk',
      dataDirMoved: true,
    });
  });
});
