/**
 * Packages the app for Linux (`--dir`) against a stub Electron distribution (no Electron binary,
 * no download), then opens app.asar: the main, preload and renderer builds are in it, the preload
 * main asks for exists, and no tests, fixtures, source maps, dev dependencies or token-shaped
 * strings are. The stub carries a real fuse wire, so the afterPack hook's fuses are checked too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as asar from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { PRELOAD_FILE } from '../../main/adapters/electron/app-paths.js';
import { CORE_WORKER_FILE } from '../../main/thread/spawn.js';
import { DESKTOP_NAME } from '../../main/adapters/electron/startup.js';
import { checkKeyringBinaries } from '../../scripts/keyring-binary.mjs';
import { CHANNELS } from '../../shared/contract.js';
import { ensureAppBuilt } from '../support/app-build.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  desktopName?: string;
};
const builderYml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

/** The items of a YAML list under `section:` -> `key:` (electron-builder.yml is plain block YAML). */
function yamlList(section: string, key: string): string[] | null {
  const block = new RegExp(`^${section}:\\n((?:[ \\t].*\\n|\\n)*)`, 'm').exec(builderYml)?.[1];
  if (!block) return null;
  const list = new RegExp(`^  ${key}:(.*)\\n((?:    - .*\\n)*)`, 'm').exec(block);
  if (!list) return null;
  if (list[1]!.trim() === '[]') return [];
  return [...list[2]!.matchAll(/^ {4}- (.+)$/gm)].map((m) => m[1]!.trim());
}
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's factory fuse states, in wire order: RunAsNode, CookieEncryption, NodeOptions,
// NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, FileProtocolPrivileges.
const FACTORY_WIRE = '10110001';
const FuseState = { DISABLE: '0'.charCodeAt(0), ENABLE: '1'.charCodeAt(0) };

/** A folder that looks enough like an unpacked Electron for electron-builder. */
function stubElectronDist(dir: string): void {
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([Buffer.from('#!/bin/sh\necho "stub electron"\n# '), Buffer.from(SENTINEL), Buffer.from([1, FACTORY_WIRE.length]), Buffer.from(FACTORY_WIRE), Buffer.from('\n')]);
  writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  writeFileSync(path.join(dir, 'version'), '45.0.0');
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(path.join(dir, 'LICENSE'), 'stub');
}

/** The production dependency closure, by package name (hoisted node_modules). */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const queue = Object.keys(pkg.dependencies);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object; optionalDependencies?: object };
    queue.push(...Object.keys(m.dependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {}));
  }
  return seen;
}

function hasAptCache(): boolean {
  try {
    execFileSync('apt-cache', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.log('.deb dependencies: skipped: no apt-cache on this machine');
    return false;
  }
}

let tmp: string;
let appOutDir: string;
let archive: string;
let files: string[];
const read = (p: string) => asar.extractFile(archive, p.replace(/^\//, '')).toString('utf8');

// electron-builder collects the production dependencies with npm, which cannot see through a
// symlinked node_modules (a git worktree sharing another checkout's): it would package an app
// without them (no keychain binary, no conf dependencies). Such a checkout skips, saying why.
const linkedModules = lstatSync(path.join(root, 'node_modules')).isSymbolicLink();
if (linkedModules) console.log('Packaging: skipped: node_modules is a symlink (electron-builder cannot collect dependencies through it)');

beforeAll(() => {
  if (linkedModules) return;
  ensureAppBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'htt-package-'));
  stubElectronDist(path.join(tmp, 'electron-dist'));
  const env = {
    ...process.env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    ELECTRON_BUILDER_CACHE: path.join(tmp, 'cache'),
    // Anything electron-builder tried to download would fail fast here instead of reaching out.
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/',
  };
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'electron-builder'),
    ['--linux', 'dir', '--config', 'electron-builder.yml', '--publish', 'never', `-c.electronDist=${path.join(tmp, 'electron-dist')}`, `-c.directories.output=${path.join(tmp, 'out')}`],
    { cwd: root, env, stdio: 'pipe', timeout: 110_000 },
  );
  const unpacked = readdirSync(path.join(tmp, 'out')).find((d) => /^linux.*unpacked$/.test(d));
  appOutDir = path.join(tmp, 'out', unpacked!);
  archive = path.join(appOutDir, 'resources', 'app.asar');
  files = asar.listPackage(archive, { isPack: false }).map((f) => f.split(path.sep).join('/'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(linkedModules)('the packaged Linux app', () => {
  it('holds the main, core worker, preload and renderer builds', () => {
    for (const f of ['/package.json', '/dist-electron/main.js', `/dist-electron/${CORE_WORKER_FILE}`, `/dist-electron/${PRELOAD_FILE}`, '/dist/renderer/index.html']) expect(files).toContain(f);
    expect(JSON.parse(read('package.json')).main).toBe('dist-electron/main.js');
  });

  it('has a core worker that main starts and that imports no electron (Electron does not exist in a worker)', () => {
    expect(read('dist-electron/main.js')).toContain(CORE_WORKER_FILE);
    expect(read(`dist-electron/${CORE_WORKER_FILE}`)).toContain('startCore');
    // The worker's file and every chunk it loads, statically or on demand.
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = read(`dist-electron/${file}`);
      expect(code, file).not.toMatch(/\bfrom\s*["']electron["']|import\(\s*["']electron["']\s*\)|require\(\s*["']electron["']\s*\)/);
      for (const m of code.matchAll(/(?:from\s*|import\(\s*)["']\.\/([^"']+\.js)["']/g)) walk(m[1]!);
    };
    walk(CORE_WORKER_FILE);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('holds the preload main asks for, and every script the renderer loads', () => {
    expect(read('dist-electron/main.js')).toContain(PRELOAD_FILE);
    const html = read('dist/renderer/index.html');
    const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => `/dist/renderer/${m[1]}`);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(files).toContain(r);
  });

  it('has a CommonJS preload that runs with only `electron` to require (as sandbox: true allows)', () => {
    const code = read(`dist-electron/${PRELOAD_FILE}`);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    const exposed: Record<string, { api: object }> = {};
    const electronStub = { contextBridge: { exposeInMainWorld: (k: string, v: { api: object }) => void (exposed[k] = v) }, ipcRenderer: {} };
    const requireStub = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electronStub;
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: requireStub, module, exports: module.exports, console });
    expect(Object.keys(exposed.tokenTray!.api).sort()).toEqual([...CHANNELS].sort());
  });

  it('ships the tray icons beside the asar', () => {
    for (const f of ['tray-normal.png', 'tray-warning.ico', 'tray-expiredTemplate@2x.png']) expect(existsSync(path.join(appOutDir, 'resources', 'tray', f))).toBe(true);
    expect(existsSync(path.join(appOutDir, 'resources', 'icon.png'))).toBe(true);
  });

  it('holds no tests, fixtures, sources, source maps or dev tooling', () => {
    const ownFiles = files.filter((f) => !f.startsWith('/node_modules/'));
    expect(ownFiles.filter((f) => /^\/(tests|main|shared|renderer|scripts|build|bench|docs|release|\.ci)(\/|$)/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.map$|\.tsx?$|\.test\.|\/(tests?|__tests__|fixtures|__fixtures__)\//.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    for (const f of ['dist-electron/main.js', `dist-electron/${PRELOAD_FILE}`]) expect(read(f)).not.toMatch(/sourceMappingURL/);
  });

  it('holds production dependencies only', () => {
    const closure = productionClosure();
    const shipped = new Set(files.map((f) => /^\/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(f)?.[1]).filter((n): n is string => !!n));
    expect(shipped.size).toBeGreaterThan(0);
    expect([...shipped].filter((n) => !closure.has(n))).toEqual([]);
    for (const dev of ['electron', 'vite', 'vitest', 'typescript', 'electron-builder', 'playwright-core', 'heroku', 'eslint', 'tsx', 'esbuild', '@electron/fuses']) {
      expect(shipped.has(dev), `${dev} is a dev dependency`).toBe(false);
    }
  });

  it('holds no token-shaped strings in the app code', () => {
    const own = files.filter((f) => /^\/(dist|dist-electron)\/.+\.(js|cjs|html|css|json)$/.test(f) || f === '/package.json');
    for (const f of own) {
      const text = read(f);
      expect(text, f).not.toMatch(/HRKU-[A-Za-z0-9_-]{10,}/);
      // The nil and max UUIDs (RFC 9562) are constants in zod, not credentials.
      const uuids = text.match(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi) ?? [];
      expect(uuids.filter((u) => !/^(0{8}-(0{4}-){3}0{12}|f{8}-(f{4}-){3}f{12})$/i.test(u)), f).toEqual([]);
    }
  });

  it('carries the keychain binary for its target (linux x64) outside the archive', () => {
    const { expected, missing } = checkKeyringBinaries(path.join(appOutDir, 'resources'), 'linux', process.arch);
    expect(expected).toHaveLength(1);
    expect(missing).toEqual([]);
  });

  it('has no test hook code at all, and never --no-sandbox', () => {
    const code = files.filter((f) => /^\/dist-electron\/.+\.(js|cjs|mjs)$/.test(f)).map((f) => read(f));
    expect(code.length).toBeGreaterThan(0);
    for (const text of code) {
      for (const hook of ['__httE2E', 'installE2eHooks', 'recordingNotifier', 'e2e-hooks', 'clickTray']) expect(text).not.toContain(hook);
      expect(text).not.toContain('no-sandbox');
    }
    expect(yamlList('linux', 'executableArgs') ?? []).not.toContain('--no-sandbox');
  });

  it('names its desktop file for Wayland and the shortcut portal', () => {
    expect(pkg.desktopName).toBe(DESKTOP_NAME);
    expect(JSON.parse(read('package.json')).desktopName).toBe(DESKTOP_NAME);
    expect(builderYml).toMatch(/^ {2}syncDesktopName: true$/m);
  });

  it.skipIf(!hasAptCache())('declares only .deb dependencies this machine’s apt knows (Debian 12 here)', () => {
    const declared = [...(yamlList('deb', 'depends') ?? []), ...(yamlList('deb', 'recommends') ?? [])];
    expect(declared.length).toBeGreaterThan(0);
    // One apt-cache call for all names (one call per name takes minutes on a loaded machine).
    const out = execFileSync('apt-cache', ['policy', ...declared], { encoding: 'utf8' });
    const blocks = new Map(out.split(/^(?=\S+:$)/m).map((b) => [b.slice(0, b.indexOf(':')), b] as const));
    const unknown = declared.filter((name) => !/Candidate: (?!\(none\))\S+/.test(blocks.get(name) ?? ''));
    expect(unknown).toEqual([]);
    expect(declared).not.toContain('libappindicator3-1');
  }, 120_000);

  it('flipped the fuses in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(path.join(appOutDir, 'heroku-token-tray'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  });
});
