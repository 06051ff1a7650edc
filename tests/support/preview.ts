/** Starts the emulator and the browser preview wired to it, as the e2e tests and benches need. */
import { BUILD_ENV } from './app-build.js';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../heroku-emulator/server.js';
import { startPreview, RENDERER_DIST, type Preview } from '../preview/preview-server.js';
import { createConsoleLogger } from '../../main/adapters/console-logger.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import type { CoreAdapters } from '../../main/core.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the renderer unless dist/renderer is newer than every source file it depends on. */
export function ensureRendererBuilt(): void {
  const index = path.join(RENDERER_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'ignore', env: BUILD_ENV });
}

export interface Stack {
  emulator: Emulator;
  preview: Preview;
  close(): Promise<void>;
}

/** Emulator + preview; signs the demo account in unless signIn is false. */
export async function startStack(
  opts: { signIn?: boolean; emulator?: EmulatorOptions; adapters?: Partial<Omit<CoreAdapters, 'clipboard'>>; rendererDir?: string } = {},
): Promise<Stack> {
  // Another renderer build (the bench compares candidates) is served as it is.
  if (!opts.rendererDir) ensureRendererBuilt();
  const emulator = await startEmulator(opts.emulator ?? {});
  const preview = await startPreview({
    rendererDir: opts.rendererDir,
    adapters: {
      secrets: new MemorySecretStore(),
      store: new MemorySettingsStore(),
      clock: systemClock,
      logger: createConsoleLogger('warn'),
      apiOrigin: emulator.url,
      version: '0.1.0-test',
      platform: process.platform,
      importer: envKeyImporter({}),
      ...opts.adapters,
    },
  });
  if (opts.signIn !== false) {
    const r = await preview.core.accounts.signIn(emulator.apiKey);
    if (!r.ok) throw new Error(`demo sign-in failed: ${r.error.message}`);
  }
  return {
    emulator,
    preview,
    close: async () => {
      await preview.close();
      await emulator.close();
    },
  };
}
