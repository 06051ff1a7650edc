/** The size rows: main.js alone, and every main-process script shipped (the worker and chunks too) when measured. */
import { describe, expect, it } from 'vitest';
import { sizeRows, type SizeResult } from '../../../bench/size.js';

const file = (name: string, bytes: number) => ({ file: `dist-electron/${name}`, bytes, gzipBytes: Math.round(bytes / 3) });

const result = (withAll: boolean): SizeResult => {
  const main = [file('main.js', 76_000)];
  const all = [...main, file('core-worker.js', 236_000), file('settings-store-x.js', 21_000)];
  return {
    rendererJs: [file('index.js', 90_000)],
    rendererCss: [],
    main,
    ...(withAll ? { mainProcess: all } : {}),
    preload: [file('preload.cjs', 2000)],
    totals: { rendererJsGzip: 30_000, rendererCssGzip: 0, mainBytes: 76_000, preloadBytes: 2000, ...(withAll ? { mainProcessBytes: 333_000 } : {}) },
  };
};

describe('sizeRows', () => {
  it('counts every main-process script, not only main.js', () => {
    const rows = sizeRows(result(true));
    expect(rows.find((r) => r.benchmark === 'Main bundle (main.js)')?.app).toMatch(/^76(\.0)? KB/);
    const all = rows.find((r) => r.benchmark.startsWith('Main process, its own scripts'));
    expect(all?.app).toMatch(/^333 KB .* in 3 files$/);
  });

  it('results written before that row existed still print (without it)', () => {
    const rows = sizeRows(result(false));
    expect(rows.some((r) => r.benchmark.startsWith('Main process, its own scripts'))).toBe(false);
    expect(rows.map((r) => r.benchmark)).toContain('Main bundle (main.js)');
  });
});
