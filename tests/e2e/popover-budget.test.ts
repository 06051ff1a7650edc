/** The popover stays small: plain React and CSS, under 150 KB of gzipped JavaScript in total. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureRendererBuilt } from '../support/preview.js';
import { RENDERER_DIST } from '../preview/preview-server.js';

describe('renderer bundle budget', () => {
  it('ships under 150 KB of gzipped JavaScript, with no inline styles or scripts in its HTML', () => {
    ensureRendererBuilt();
    const assets = path.join(RENDERER_DIST, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f))).length, 0);
    expect(gzipped).toBeLessThan(150 * 1024);
    const html = readFileSync(path.join(RENDERER_DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<style|style="/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
