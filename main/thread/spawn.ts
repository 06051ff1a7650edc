/**
 * Starts main/core-worker.ts in a worker_threads Worker. The build bundles it next to main.js
 * (dist-electron/core-worker.js); a run from source (the tests, the bench) loads the TypeScript
 * entry through tsx (ts-boot.mjs), which the build never uses.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CoreModule } from './in-thread.js';
import type { CoreEndpoint } from './remote-core.js';
import type { CoreInit } from './protocol.js';

/** Whether this module runs from the TypeScript source (the tests, the bench) rather than from the build. */
const FROM_SOURCE = fileURLToPath(import.meta.url).endsWith('.ts');

/** The bundled worker's file name, next to main.js. */
export const CORE_WORKER_FILE = 'core-worker.js';

/** A Worker as the link's endpoint: its exit (with the error that ended it, if any) reported once. */
export function workerEndpoint(worker: Worker): CoreEndpoint {
  let failure: Error | null = null;
  let terminated = false;
  worker.on('error', (e) => (failure = e));
  return {
    postMessage: (m, transfer) => worker.postMessage(m, transfer),
    on: (event, listener) => worker.on(event, listener),
    off: (event, listener) => worker.off(event, listener),
    onExit: (listener) =>
      void worker.once('exit', (code) => listener(terminated ? null : (failure ?? (code === 0 ? new Error('it exited') : new Error(`it exited with code ${code}`))))),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

/**
 * A ceiling on the core thread's heap: past it Node ends only that worker
 * (ERR_WORKER_OUT_OF_MEMORY) and RemoteCore starts another, where a worker with no limit of its own
 * can take the whole process down (Electron's V8 uses pointer compression, whose ~4 GB cage others
 * report to be shared by every isolate of a process; not verified here). The core holds ~1.4 KB a
 * token (bench: heap), so 1 GB is far above any real list.
 */
export const CORE_HEAP_LIMIT_MB = 1024;

/** A function starting the core's worker for `mainDir` (the folder of the running main bundle, or main/ from source). */
export function coreWorkerSpawner(mainDir: string, entry: string = path.join(mainDir, CORE_WORKER_FILE)): (init: CoreInit) => CoreEndpoint {
  return (init) => {
    const workerData = { core: init };
    const resourceLimits = { maxOldGenerationSizeMb: CORE_HEAP_LIMIT_MB };
    // The source only from source: a build without its core-worker.js fails naming that file.
    if (!FROM_SOURCE || existsSync(entry)) return workerEndpoint(new Worker(entry, { workerData, name: 'core', resourceLimits }));
    // From source: the TypeScript entry, compiled on the fly by tsx. (Paths joined, not
    // `new URL(x, import.meta.url)`: vite would inline those files into the build as data URLs.)
    const here = path.dirname(fileURLToPath(import.meta.url));
    const boot = path.join(here, 'ts-boot.mjs');
    return workerEndpoint(new Worker(boot, { workerData: { ...workerData, entry: coreSource() }, name: 'core', resourceLimits }));
  };
}

/** main/core-worker.ts, for runs from source. */
function coreSource(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'core-worker.ts');
}

/**
 * The core's module for the in-thread fallback (in-thread.ts), loaded only when it is needed: the
 * very file the worker runs (the build's core-worker.js next to main.js, or the TypeScript source
 * from source). Not an import the bundler follows, so the build ships one copy of the core, not a
 * second one for the fallback (a ~234 KB chunk, with its own copies of three of the core's chunks).
 */
export function coreModuleLoader(mainDir: string, entry: string = path.join(mainDir, CORE_WORKER_FILE)): () => Promise<CoreModule> {
  return async () => (await import(/* @vite-ignore */ pathToFileURL(!FROM_SOURCE || existsSync(entry) ? entry : coreSource()).href)) as CoreModule;
}
