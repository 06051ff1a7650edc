/**
 * Benchmark 4: what the app ships. Renderer JS/CSS gzip bytes; the main process's scripts (main.js,
 * what it loads at launch, the core's worker and every chunk beside them) and the preload's.
 */
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
  /** main.js alone (older results: the only main-process file counted). */
  main: FileSize[];
  /** Every main-process script in dist-electron: main.js, core-worker.js and their chunks. Absent in older results. */
  mainProcess?: FileSize[];
  preload: FileSize[];
  totals: { rendererJsGzip: number; rendererCssGzip: number; mainBytes: number; preloadBytes: number; mainProcessBytes?: number };
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
  const mainProcess = measure(electron, (f) => /\.(c|m)?js$/.test(f) && !/^preload\./.test(f));
  return {
    rendererJs,
    rendererCss,
    main,
    mainProcess,
    preload,
    totals: {
      rendererJsGzip: sum(rendererJs, 'gzipBytes'),
      rendererCssGzip: sum(rendererCss, 'gzipBytes'),
      mainBytes: sum(main, 'bytes'),
      preloadBytes: sum(preload, 'bytes'),
      mainProcessBytes: sum(mainProcess, 'bytes'),
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
    { benchmark: 'Main bundle (main.js)', app: `${formatBytes(r.totals.mainBytes)} (${gz(r.main)} gzip)`, reference: '', ratio: '', budget: '', result: 'n/a' },
    ...(r.mainProcess
      ? [
          {
            benchmark: 'Main process, its own scripts (main.js, core-worker.js, chunks; node_modules not counted)',
            app: `${formatBytes(r.totals.mainProcessBytes ?? sum(r.mainProcess, 'bytes'))} (${gz(r.mainProcess)} gzip) in ${r.mainProcess.length} files`,
            reference: '',
            ratio: '',
            budget: '',
            result: 'n/a' as const,
          },
        ]
      : []),
    { benchmark: 'Preload bundle', app: `${formatBytes(r.totals.preloadBytes)} (${gz(r.preload)} gzip)`, reference: '', ratio: '', budget: '', result: 'n/a' },
  ];
}
