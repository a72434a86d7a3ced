import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG_SIZES, RESOURCES, renderIcons, renderTrayIcons } from './icons';

/**
 * The packaging decisions, read from the files electron-builder reads. `npm run dist` itself
 * needs Electron's binary, which our build machines cannot download, so it is not run here.
 */
const ROOT = resolve(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** electron-builder's own schema check (its scheme.json), from the copy of app-builder-lib it uses. */
function validate(configuration: unknown): void {
  const require = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator') as {
    validateSchema(schema: unknown, config: unknown, options: { name: string; postFormatter: (message: string) => string }): void;
  };
  validateSchema(require('app-builder-lib/scheme.json'), configuration, { name: 'electron-builder', postFormatter: (message) => message });
}

describe('electron-builder.json', () => {
  it('passes electron-builder’s own schema, which refuses an unknown key', () => {
    validate(config);
    expect(() => validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toThrow(/electronFuses/);
  });

  it('flips the fuses SECURITY.md item 19 lists; changing one is a visible decision', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      // Playwright attaches with --inspect, but only to the unpackaged build (E2E_TARGET=electron), where no fuse is flipped.
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // The app serves its pages on scopekeeper://, never file://.
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, a universal dmg for macOS, nsis for Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.appId).toBe('app.scopekeeper.desktop');
    expect(config.productName).toBe('Scopekeeper');
  });

  it('ships the built app, the icons from resources/ and the built-in clients file as an extra resource', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
    // The command's files join it: scripts/packagingCommand.test.ts.
    expect(config.extraResources[0]).toEqual({ from: 'resources/oauth-clients.json', to: 'oauth-clients.json' });
    // The tray / menu bar icons, read beside the app's resources (electron/main/tray.ts).
    expect(config.extraResources).toContainEqual({ from: 'resources/tray', to: 'tray' });
    for (const path of [config.linux.icon, config.mac.icon, config.win.icon, config.extraResources[0].from, 'resources/tray/trayTemplate.png', 'resources/tray/tray.png']) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
    expect(packageJson.scripts.dist).toMatch(/electron-builder --config electron-builder\.json/);
  });
});

describe('resources/', () => {
  it('holds an empty built-in clients file', () => {
    expect(JSON.parse(readFileSync(join(RESOURCES, 'oauth-clients.json'), 'utf8'))).toEqual({});
  });

  it('every icon file is what `npm run icons` makes from icon.svg, byte for byte', async () => {
    const files = await renderIcons(readFileSync(join(RESOURCES, 'icon.svg'), 'utf8'));
    expect([...files.keys()].sort()).toEqual(
      ['icon.icns', 'icon.ico', ...PNG_SIZES.map((size) => join('icons', `${size}x${size}.png`))].sort(),
    );
    for (const [path, data] of files) expect(readFileSync(join(RESOURCES, path)).equals(data), path).toBe(true);
  });

  it('the tray icons are what `npm run icons` makes: a 16 px template for macOS and the app icon elsewhere, each with its @2x', () => {
    const files = renderTrayIcons(readFileSync(join(RESOURCES, 'icon.svg'), 'utf8'), readFileSync(join(RESOURCES, 'tray.svg'), 'utf8'));
    expect([...files.keys()].sort()).toEqual(['tray.png', 'tray@2x.png', 'trayTemplate.png', 'trayTemplate@2x.png'].map((name) => join('tray', name)));
    for (const [path, data] of files) {
      expect(readFileSync(join(RESOURCES, path)).equals(data), path).toBe(true);
      const width = path.includes('@2x') ? 32 : 16;
      expect([data.readUInt32BE(16), data.readUInt32BE(20)], path).toEqual([width, width]);
    }
  });

  it('the PNGs have the sizes their names say; the ICO and ICNS hold their sizes', () => {
    for (const size of PNG_SIZES) {
      const png = readFileSync(join(RESOURCES, 'icons', `${size}x${size}.png`));
      expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = readFileSync(join(RESOURCES, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(widths.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = readFileSync(join(RESOURCES, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('latin1'));
    expect(types.sort()).toEqual(['TOC ', 'ic04', 'ic05', 'ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']);
  });
});
