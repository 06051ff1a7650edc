/** The committed icons: one per OS and tray level, valid PNG/ICO, macOS templates black + alpha. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { TRAY_LEVELS, trayIconFile } from '../../../../../main/adapters/electron/tray-icons.js';
import { appPaths, PRELOAD_FILE } from '../../../../../main/adapters/electron/app-paths.js';

const root = path.resolve(import.meta.dirname, '../../../../..');
const trayDir = path.join(root, 'build', 'tray');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes an 8-bit RGBA PNG without filters (what scripts/generate-icons.ts writes). */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  expect([buf[24], buf[25]]).toEqual([8, 6]);
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    if (buf.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const opaqueCount = (rgba: Buffer) => {
  let n = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! > 0) n++;
  return n;
};

describe('tray icons', () => {
  it.each(TRAY_LEVELS)('macOS %s: @1x 16 px and @2x 32 px template images, black + alpha', (level) => {
    const file = trayIconFile('darwin', level);
    for (const [name, size] of [[file, 16], [file.replace('.png', '@2x.png'), 32]] as const) {
      const { width, height, rgba } = decodePng(readFileSync(path.join(trayDir, name)));
      expect([width, height]).toEqual([size, size]);
      for (let i = 0; i < rgba.length; i += 4) expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
      expect(opaqueCount(rgba)).toBeGreaterThan(size * 2);
    }
  });

  it.each(TRAY_LEVELS)('Linux %s: a 32 px colour PNG', (level) => {
    const { width, rgba } = decodePng(readFileSync(path.join(trayDir, trayIconFile('linux', level))));
    expect(width).toBe(32);
    expect(opaqueCount(rgba)).toBeGreaterThan(64);
  });

  it.each(TRAY_LEVELS)('Windows %s: an .ico with 16, 24 and 32 px PNG entries', (level) => {
    const ico = readFileSync(path.join(trayDir, trayIconFile('win32', level)));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      sizes.push(ico[e]!);
      const png = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(decodePng(png).width).toBe(ico[e]);
    }
    expect(sizes).toEqual([16, 24, 32]);
  });

  it('levels look different from each other', () => {
    const files = TRAY_LEVELS.map((l) => readFileSync(path.join(trayDir, trayIconFile('linux', l))).toString('base64'));
    expect(new Set(files).size).toBe(3);
  });

  it('the application icons exist (512 px PNG, ICO)', () => {
    expect(decodePng(readFileSync(path.join(root, 'build', 'icon.png'))).width).toBe(512);
    expect(existsSync(path.join(root, 'build', 'icon.ico'))).toBe(true);
  });
});

describe('appPaths', () => {
  it('finds preload beside main, the renderer in the app, icons beside the asar when packaged', () => {
    const packaged = appPaths({ appPath: '/opt/H/resources/app.asar', mainDir: '/opt/H/resources/app.asar/dist-electron', isPackaged: true, resourcesPath: '/opt/H/resources' });
    expect(packaged).toEqual({
      preload: `/opt/H/resources/app.asar/dist-electron/${PRELOAD_FILE}`,
      renderer: '/opt/H/resources/app.asar/dist/renderer',
      trayIcons: '/opt/H/resources/tray',
      appIcon: '/opt/H/resources/icon.png',
    });
    expect(appPaths({ appPath: '/src', mainDir: '/src/dist-electron', isPackaged: false, resourcesPath: '/x' }).trayIcons).toBe('/src/build/tray');
  });
});
