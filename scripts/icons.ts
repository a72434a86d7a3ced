/**
 * `npm run icons`: regenerates every icon file in resources/ from resources/icon.svg, the one
 * source: the PNG set (resources/icons/<n>x<n>.png, Linux), icon.icns (macOS), icon.ico (Windows);
 * and the tray / menu bar icon (resources/tray/, `renderTrayIcons`): a template image for macOS from
 * resources/tray.svg (one colour, tinted by the system), the app's own icon elsewhere.
 * resvg renders the SVG; @shockpkg/icon-encoder writes the ICNS and ICO containers.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { IconIcns, IconIco } from '@shockpkg/icon-encoder';

export const RESOURCES = resolve(import.meta.dirname, '..', 'resources');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS entry types by pixel size, in the order iconutil writes them (@2x types hold double-size images). */
const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic04', 16],
  ['ic14', 512],
  ['ic09', 512],
  ['ic05', 32],
  ['ic10', 1024],
  ['ic11', 32],
];

/** Every icon file, by its path inside resources/, rendered from the SVG text. */
export async function renderIcons(svg: string): Promise<Map<string, Buffer>> {
  const png = new Map<number, Buffer>();
  for (const size of PNG_SIZES) png.set(size, Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()));
  const files = new Map<string, Buffer>();
  for (const [size, data] of png) files.set(join('icons', `${size}x${size}.png`), data);

  // PNG entries as rendered (raw); the encoder picks BMP for the small sizes, as older Windows expects.
  const ico = new IconIco();
  for (const size of ICO_SIZES) await ico.addFromPng(png.get(size)!, null, true);
  files.set('icon.ico', Buffer.from(ico.encode()));

  const icns = new IconIcns();
  icns.toc = true;
  for (const [type, size] of ICNS_TYPES) await icns.addFromPng(png.get(size)!, [type], true);
  files.set('icon.icns', Buffer.from(icns.encode()));
  return files;
}

/** Tray icons are 16 px (and 32 px for @2x screens), the size every platform's tray starts from. */
const TRAY_SIZE = 16;

/**
 * The tray / menu bar icon, by path inside resources/: `trayTemplate.png` (macOS tints a "Template"
 * image for light and dark menu bars) and `tray.png` (Windows, Linux), each with its @2x twin.
 */
export function renderTrayIcons(appSvg: string, traySvg: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const [name, svg] of [['trayTemplate', traySvg], ['tray', appSvg]] as const) {
    for (const [suffix, scale] of [['', 1], ['@2x', 2]] as const) {
      files.set(join('tray', `${name}${suffix}.png`), Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: TRAY_SIZE * scale } }).render().asPng()));
    }
  }
  return files;
}

async function main(): Promise<void> {
  const appSvg = readFileSync(join(RESOURCES, 'icon.svg'), 'utf8');
  const files = new Map([...(await renderIcons(appSvg)), ...renderTrayIcons(appSvg, readFileSync(join(RESOURCES, 'tray.svg'), 'utf8'))]);
  for (const [path, data] of files) {
    mkdirSync(dirname(join(RESOURCES, path)), { recursive: true });
    writeFileSync(join(RESOURCES, path), data);
  }
  console.log(`Wrote ${files.size} icon files in resources/ from resources/icon.svg and resources/tray.svg.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
