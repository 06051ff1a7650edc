/**
 * The core's own thread: composition root of everything that is not the Electron shell. The main
 * thread (main/index.ts, through main/thread/remote-core.ts) starts it as a worker_threads Worker
 * and keeps the windows, the tray, notifications and the clipboard; this thread builds the stores
 * (keychain, settings file, the Heroku CLI's stores) and the core on them, and serves the core over
 * the link. Nothing here may import electron: Electron's modules do not exist in a worker.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { createCore, type Core } from './core.js';
import { takeTurn } from './heroku/turns.js';
import { systemClock } from './adapters/system-clock.js';
import { MemorySecretStore } from './adapters/memory-secret-store.js';
import { MemorySettingsStore } from './adapters/memory-settings-store.js';
import { JsonConsumerStore } from './adapters/consumer-store.js';
import { envKeyImporter } from './adapters/env-key-importer.js';
import type { PortLike } from './thread/peer.js';
import type { CoreInit } from './thread/protocol.js';
import { serveCore } from './thread/serve-core.js';
import { lowerV8Helpers, runAsBackgroundThread } from './thread/background.js';
import { redact } from '../shared/domain/redact.js';

/**
 * Builds the stores and the core for `init` and serves it over `port`. `background`: this is the
 * core's own worker thread, which then yields to the main thread (thread/background.ts).
 */
export async function startCore(port: PortLike, init: CoreInit, options: { background?: boolean } = {}): Promise<Core> {
  // Loaded only when used: the keychain's native binary is not needed by demo and test runs.
  const machine = init.volatile
    ? null
    : await Promise.all([
        import('./adapters/keyring-secret-store.js'),
        import('./adapters/settings-store.js'),
        import('./adapters/heroku-cli-importer.js'),
        import('./adapters/heroku-cli-login-store.js'),
      ]);
  return serveCore(port, init, (shell) => {
    const { logger } = shell;
    if (options.background) {
      const priority = runAsBackgroundThread();
      logger.info(priority.lowered ? `the core's thread runs at nice ${priority.nice}` : `the core's thread runs at normal priority (${priority.reason})`);
      const helpers = lowerV8Helpers();
      logger.info(helpers.lowered ? `V8's ${helpers.helpers} helper threads run at nice ${helpers.nice} or above (a lower priority)${helpers.notLowered ? `; ${helpers.notLowered}` : ''}` : `V8's helper threads run at normal priority (${helpers.reason})`);
    }
    const stores = machine
      ? (() => {
          const [{ KeyringSecretStore }, { ConfSettingsStore }, { herokuCliImporter }, { cliHostsFor, herokuCliLoginStore }] = machine;
          return {
            secrets: new KeyringSecretStore({ logger }),
            // conf, the engine of electron-store: the same file (config.json in userData) as before.
            store: new ConfSettingsStore({ cwd: init.userData, logger, turn: takeTurn }),
            importer: herokuCliImporter({ env: process.env, netrcHost: new URL(init.apiOrigin).host }),
            cliLogin: herokuCliLoginStore({ env: process.env, ...cliHostsFor(init.apiOrigin, process.env) }),
            consumerStore: new JsonConsumerStore(path.join(init.userData, 'consumers.json')),
          };
        })()
      : // The demo's volatile mode never touches the Heroku CLI's real files or keychain entry.
        { secrets: new MemorySecretStore(), store: new MemorySettingsStore(), importer: envKeyImporter(process.env) };
    return createCore({
      ...shell,
      ...stores,
      clock: systemClock,
      apiOrigin: init.apiOrigin,
      version: init.version,
      platform: init.platform,
      hostname: init.hostname,
    });
  });
}

// As a worker: the main thread passed the init (a module imported in the main thread does nothing).
if (!isMainThread && parentPort && (workerData as { core?: CoreInit } | null)?.core) {
  const port = parentPort;
  startCore(port, (workerData as { core: CoreInit }).core, { background: true }).catch((e: unknown) => {
    // The main thread sees the thread end before 'ready' and runs the core itself.
    console.error('[core thread] could not start:', redact(e instanceof Error ? e.message : String(e)));
    process.exit(1);
  });
}
