/** Benchmark 4: what the app ships. Renderer JS/CSS gzip bytes; main and preload bundle bytes. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib/machine.js';
import { formatBytes, verdict, type Row } from './lib/stats.js';

interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface SizeResult {
  rendererJs: FileSize[];
  rendererCss: FileSize[];
  main: FileSize[];
  preload: FileSize[];
  totals: { rendererJsGzip: number; rendererCssGzip: number; mainBytes: number; preloadBytes: number };
}

function measure(dir: string, match: (f: string) => boolean): FileSize[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(match)
    .map((f) => {
      const body = readFileSync(path.join(dir, f));
      return { file: path.relative(ROOT, path.join(dir, f)), bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
}

const sum = (xs: FileSize[], k: 'bytes' | 'gzipBytes') => xs.reduce((a, x) => a + x[k], 0);

/** Builds (vite build: renderer, main, preload) and measures the output. */
export function runSize(): SizeResult {
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const assets = path.join(ROOT, 'dist/renderer/assets');
  const electron = path.join(ROOT, 'dist-electron');
  const rendererJs = measure(assets, (f) => f.endsWith('.js'));
  const rendererCss = measure(assets, (f) => f.endsWith('.css'));
  const main = measure(electron, (f) => /^main\.(c|m)?js$/.test(f));
  const preload = measure(electron, (f) => /^preload\.(c|m)?js$/.test(f));
  return {
    rendererJs,
    rendererCss,
    main,
    preload,
    totals: {
      rendererJsGzip: sum(rendererJs, 'gzipBytes'),
      rendererCssGzip: sum(rendererCss, 'gzipBytes'),
      mainBytes: sum(main, 'bytes'),
      preloadBytes: sum(preload, 'bytes'),
    },
  };
}

/** Table rows: the renderer JS has a budget; the rest is reported. */
export function sizeRows(r: SizeResult): Row[] {
  const gz = (xs: FileSize[]) => formatBytes(sum(xs, 'gzipBytes'));
  return [
    {
      benchmark: 'Renderer JS (gzip)',
      app: formatBytes(r.totals.rendererJsGzip),
      reference: '',
      ratio: '',
      budget: '< 150 KB',
      result: verdict(r.totals.rendererJsGzip, { limit: 150_000, op: '<', label: '< 150 KB' }),
    },
    { benchmark: 'Renderer CSS (gzip)', app: formatBytes(r.totals.rendererCssGzip), reference: '', ratio: '', budget: '', result: 'n/a' },
    { benchmark: 'Main bundle', app: `${formatBytes(r.totals.mainBytes)} (${gz(r.main)} gzip)`, reference: '', ratio: '', budget: '', result: 'n/a' },
    { benchmark: 'Preload bundle', app: `${formatBytes(r.totals.preloadBytes)} (${gz(r.preload)} gzip)`, reference: '', ratio: '', budget: '', result: 'n/a' },
  ];
}
