/** Builds the app (renderer, main, the core's worker, preload) for tests that need dist/ and dist-electron/, and finds an Electron binary. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The environment of a build started from a test: production, as the app ships. Vitest sets
 * NODE_ENV=test, and a vite build that inherits it bundles React's development build (the
 * renderer then weighs ~540 KB instead of ~300 KB and the bundle budget test fails).
 */
export const BUILD_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const outputs = ['dist/renderer/index.html', 'dist-electron/main.js', 'dist-electron/core-worker.js', 'dist-electron/preload.cjs'].map((p) => path.join(ROOT, p));
  const sources = Math.max(...['main', 'shared', 'renderer'].map((d) => newestMtime(path.join(ROOT, d))));
  return outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= sources);
}

const LOCK = path.join(ROOT, 'node_modules', '.cache', 'htt-app-build.lock');
const STALE_LOCK_MS = 180_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Holds a cross-process lock (test files run in parallel workers) while fn runs. */
function withBuildLock(fn: () => void): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs `vite build` unless dist/ and dist-electron/ are newer than every source file; one build at a time. */
export function ensureAppBuilt(): void {
  if (isFresh()) return;
  withBuildLock(() => {
    if (!isFresh()) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore', env: BUILD_ENV });
  });
}

const E2E_DIR = path.join(ROOT, 'dist-e2e');

function isE2eFresh(): boolean {
  const outputs = ['dist/renderer/index.html', 'main.js', 'preload.cjs', 'package.json'].map((p) => path.join(E2E_DIR, p));
  const sources = Math.max(...['main', 'shared', 'renderer'].map((d) => newestMtime(path.join(ROOT, d))));
  return outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= sources);
}

/**
 * The e2e build (`vite build --mode e2e`: the test hooks compiled in) laid out as an app Electron
 * can start: dist-e2e/ with main.js, preload.cjs, dist/renderer, a package.json and build/ linked.
 * The app's own build (dist-electron/, what gets packaged) never has the hooks. Returns the app folder.
 */
export function ensureE2eAppBuilt(): string {
  if (isE2eFresh()) return E2E_DIR;
  withBuildLock(() => {
    if (isE2eFresh()) return;
    execFileSync('npx', ['vite', 'build', '--mode', 'e2e'], { cwd: ROOT, stdio: 'ignore', env: BUILD_ENV });
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const app = { name: pkg.name, productName: pkg.productName, version: pkg.version, desktopName: pkg.desktopName, type: 'module', main: 'main.js' };
    writeFileSync(path.join(E2E_DIR, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
    const icons = path.join(E2E_DIR, 'build');
    if (!existsSync(icons)) symlinkSync(path.join(ROOT, 'build'), icons);
  });
  return E2E_DIR;
}

/**
 * The installed Electron binary, or null. Reads node_modules/electron/path.txt instead of
 * require('electron'), which would try to download the binary when it is missing.
 */
export function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron');
    return existsSync(bin) ? bin : null;
  }
  if (!existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : null;
}
