/**
 * The consumers feature against the real emulator: the real core (memory keychain and settings),
 * the real scan and Replace services, the real file adapter on a temp folder. Seeds token A (made
 * by the app, so it is held), apps that hold it in HEROKU_API_KEY, and a .env file holding it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../../main/core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemoryConsumerStore } from '../../main/adapters/consumer-store.js';
import { LocalConsumerFiles } from '../../main/adapters/local-consumer-files.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { ConsumerScanService } from '../../main/services/consumer-scan.js';
import { ReplaceService } from '../../main/services/replace-service.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../heroku-emulator/server.js';
import { createTestCore } from './test-core.js';
import { RecordingLogger } from './fakes.js';

export interface ConsumersHarness {
  emu: Emulator;
  core: Core;
  secrets: MemorySecretStore;
  logger: RecordingLogger;
  scan: ConsumerScanService;
  replace: ReplaceService;
  store: MemoryConsumerStore;
  accountId: string;
  /** Token A: made by the app, held in the keychain. */
  tokenA: string;
  idA: string;
  dir: string;
  envFile: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Apps holding token A in HEROKU_API_KEY. */
  apps?: string[];
  /** Write a .env holding A (default true). */
  envFile?: boolean;
  emulator?: EmulatorOptions;
  /** Client timeout (ms) so "timeout" cases stay quick. */
  timeoutMs?: number;
  reserve?: number;
  pauseMs?: number;
  /** Apps per list page the client asks for (default Heroku's 1,000). */
  appsPerPage?: number;
}

/** Starts the emulator, signs in, creates token A and seeds its consumers. */
export async function startConsumersHarness(o: HarnessOptions = {}): Promise<ConsumersHarness> {
  const emu = await startEmulator({ seed: 'empty', ...o.emulator });
  const secrets = new MemorySecretStore();
  const logger = new RecordingLogger();
  const core = createTestCore(emu.url, {
    secrets,
    logger,
    apiFactory: (apiKey) => createHerokuClient({ origin: emu.url, apiKey, userAgent: 'consumers-test', timeoutMs: o.timeoutMs ?? 1_000, appsFirstRange: o.appsPerPage ? `id ..; max=${o.appsPerPage}` : undefined, retry: { sleep: async () => undefined } }),
  });
  const signed = await core.accounts.signIn(emu.apiKey);
  if (!signed.ok) throw new Error(signed.error.message);
  const made = await core.authorizations.create({ description: 'Backup job key', scopes: ['read', 'write'], expiresIn: 30 * 86400 });
  if (!made.ok) throw new Error(made.error.message);
  const tokenA = made.value.token;
  for (const name of o.apps ?? []) emu.addApp(name, { HEROKU_API_KEY: tokenA, RAILS_ENV: 'production' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'consumers-'));
  const envFile = path.join(dir, '.env');
  const store = new MemoryConsumerStore();
  if (o.envFile !== false) {
    writeFileSync(envFile, `# deploy script\nexport HEROKU_API_KEY="${tokenA}"\nAPP_NAME=backup-worker\n`, { mode: 0o640 });
    store.update((s) => ({ ...s, files: [envFile] }));
  }
  const files = new LocalConsumerFiles();
  const api = (id?: string) => core.accounts.api(id);
  const scan = new ConsumerScanService({ api, authorizations: core.authorizations, secrets, files, store, clock: systemClock, logger, reserve: o.reserve, pauseMs: o.pauseMs });
  const replace = new ReplaceService({ api, authorizations: core.authorizations, files, store, clock: systemClock, logger });
  return {
    emu,
    core,
    secrets,
    logger,
    scan,
    replace,
    store,
    accountId: signed.value.id,
    tokenA,
    idA: made.value.authorization.id,
    dir,
    envFile,
    close: async () => {
      await core.stop();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
