/**
 * Draws the tray and app icons from a few shapes and writes them as PNG/ICO into build/
 * (no network, no image tools): `npx tsx scripts/generate-icons.ts`. The outputs are committed,
 * so tests and packaging never need this script.
 *   build/tray/tray-<level>Template.png, @2x  macOS template images (black + alpha)
 *   build/tray/tray-<level>.ico               Windows (16, 24, 32 px)
 *   build/tray/tray-<level>.png               Linux (32 px, colour)
 *   build/icon.png (512 px), build/icon.ico    the application icon
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Level = 'normal' | 'warning' | 'expired';
type Rgba = [number, number, number, number];

const root = path.resolve(import.meta.dirname, '..');
const out = (...p: string[]) => path.join(root, 'build', ...p);

// ---- shapes in unit coordinates (0..1), y down -------------------------------------------------
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inBox = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const BADGE = { cx: 0.78, cy: 0.24, r: 0.2, moat: 0.08 };

function inKey(x: number, y: number): boolean {
  const bow = inCircle(x, y, 0.3, 0.6, 0.24) && !inCircle(x, y, 0.3, 0.6, 0.1);
  const shaft = inBox(x, y, 0.5, 0.54, 0.96, 0.66);
  const teeth = inBox(x, y, 0.74, 0.66, 0.82, 0.8) || inBox(x, y, 0.88, 0.66, 0.96, 0.84);
  return bow || shaft || teeth;
}

/** Which part a point belongs to for a tray level: the key, the status badge, or nothing. */
function part(level: Level, x: number, y: number): 'key' | 'badge' | null {
  if (level !== 'normal') {
    if (inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r)) return 'badge';
    if (inCircle(x, y, BADGE.cx, BADGE.cy, BADGE.r + BADGE.moat)) return null;
  }
  return inKey(x, y) ? 'key' : null;
}

/** Renders size x size RGBA with 4x4 supersampling. */
function render(size: number, paint: (x: number, y: number) => Rgba | null): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const acc = [0, 0, 0, 0];
      for (let sj = 0; sj < n; sj++) {
        for (let si = 0; si < n; si++) {
          const c = paint((i + (si + 0.5) / n) / size, (j + (sj + 0.5) / n) / size);
          if (!c) continue;
          const a = c[3] / 255;
          acc[0]! += c[0] * a;
          acc[1]! += c[1] * a;
          acc[2]! += c[2] * a;
          acc[3]! += a;
        }
      }
      const o = (j * size + i) * 4;
      const alpha = acc[3]! / (n * n);
      px[o] = alpha > 0 ? Math.round(acc[0]! / acc[3]!) : 0;
      px[o + 1] = alpha > 0 ? Math.round(acc[1]! / acc[3]!) : 0;
      px[o + 2] = alpha > 0 ? Math.round(acc[2]! / acc[3]!) : 0;
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

// ---- PNG and ICO encoders ----------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no filtering). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
/** Packs PNG images into one .ico (PNG-compressed entries, Windows Vista and later). */
export function encodeIco(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + i * 16;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

// ---- palettes ----------------------------------------------------------------------------------
const PURPLE: Rgba = [0x8b, 0x6f, 0xc4, 255];
const BADGE_COLOUR: Record<Level, Rgba> = { normal: PURPLE, warning: [0xf5, 0xa6, 0x23, 255], expired: [0xe5, 0x48, 0x4d, 255] };

function templatePaint(level: Level) {
  // Template images carry meaning in alpha only; an expired key is drawn faded.
  return (x: number, y: number): Rgba | null => {
    const p = part(level, x, y);
    if (p === 'badge') return [0, 0, 0, 255];
    if (p === 'key') return [0, 0, 0, level === 'expired' ? 128 : 255];
    return null;
  };
}
function colourPaint(level: Level) {
  return (x: number, y: number): Rgba | null => {
    const p = part(level, x, y);
    if (p === 'badge') return BADGE_COLOUR[level];
    if (p === 'key') return level === 'expired' ? [PURPLE[0], PURPLE[1], PURPLE[2], 150] : PURPLE;
    return null;
  };
}
function appIconPaint(x: number, y: number): Rgba | null {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (!inCircle(x, y, cx, cy, r)) return null;
  // The key, scaled to 72% and centred (its own box is y 0.36..0.84).
  const u = (x - 0.14) / 0.72;
  const v = (y - 0.06) / 0.72;
  return u >= 0 && u <= 1 && v >= 0 && v <= 1 && inKey(u, v) ? [255, 255, 255, 255] : [0x5b, 0x3e, 0x96, 255];
}

function main(): void {
  mkdirSync(out('tray'), { recursive: true });
  for (const level of ['normal', 'warning', 'expired'] as const) {
    writeFileSync(out('tray', `tray-${level}Template.png`), encodePng(16, render(16, templatePaint(level))));
    writeFileSync(out('tray', `tray-${level}Template@2x.png`), encodePng(32, render(32, templatePaint(level))));
    writeFileSync(out('tray', `tray-${level}.png`), encodePng(32, render(32, colourPaint(level))));
    const sizes = [16, 24, 32];
    writeFileSync(out('tray', `tray-${level}.ico`), encodeIco(sizes.map((s) => ({ size: s, png: encodePng(s, render(s, colourPaint(level))) }))));
  }
  writeFileSync(out('icon.png'), encodePng(512, render(512, appIconPaint)));
  writeFileSync(out('icon.ico'), encodeIco([16, 32, 48, 256].map((s) => ({ size: s, png: encodePng(s, render(s, appIconPaint)) }))));
  console.log(`icons written to ${out()}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
