/**
 * The real services (createCore) on the real adapters of issue 4: KeyringSecretStore, the conf
 * settings store in a temp data folder, the file logger (plus a console logger sink), against the
 * emulator. Every IPC result and every pushed event is recorded for the canary checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../main/core.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { createConsoleLogger } from '../../../main/adapters/console-logger.js';
import { createFileLogger } from '../../../main/adapters/file-logger.js';
import { herokuCliImporter } from '../../../main/adapters/heroku-cli-importer.js';
import { KeyringSecretStore } from '../../../main/adapters/keyring-secret-store.js';
import { ConfSettingsStore } from '../../../main/adapters/settings-store.js';
import { JsonConsumerStore } from '../../../main/adapters/consumer-store.js';
import type { CliLoginStore, Logger, SecretStore } from '../../../main/ports.js';
import type { KeyImporter } from '../../../main/ports.js';
import type { Channel } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import { ManualClock, MemoryClipboard } from '../../support/fakes.js';

export interface Recorded {
  channel: Channel;
  args: unknown;
  result: Result<unknown>;
}

export interface Harness {
  core: Core;
  dataDir: string;
  logFile: string;
  consoleLines: string[];
  clipboard: MemoryClipboard;
  clock: ManualClock;
  secrets: SecretStore;
  store: ConfSettingsStore;
  calls: Recorded[];
  events: Array<{ name: string; payload: unknown }>;
  /** Dispatches like the IPC transport does, and records the Result. */
  call<T = unknown>(channel: Channel, args?: unknown): Promise<Result<T>>;
}

export interface HarnessOptions {
  apiOrigin: string;
  /** Reuse a data folder (a "restart"); default a new temp folder. */
  dataDir?: string;
  secrets?: SecretStore;
  importer?: KeyImporter;
  /** The Heroku CLI's login stores (issue 13); default none. */
  cliLogin?: CliLoginStore;
  env?: Record<string, string | undefined>;
}

/** Both loggers the app uses, fanned out: the file log and the console (captured). */
function fanOut(...loggers: Logger[]): Logger {
  const each = (level: keyof Logger) => (message: string, meta?: Record<string, unknown>) => loggers.forEach((l) => l[level](message, meta));
  return { debug: each('debug'), info: each('info'), warn: each('warn'), error: each('error') };
}

/** Builds a core over the real issue-4 adapters. */
export function startHarness(o: HarnessOptions): Harness {
  const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'htt-data-'));
  const logFile = path.join(dataDir, 'logs', 'main.log');
  const consoleLines: string[] = [];
  const logger = fanOut(createFileLogger({ file: logFile, minLevel: 'debug' }), createConsoleLogger('debug', (l) => consoleLines.push(l)));
  const clock = new ManualClock(Date.now());
  const clipboard = new MemoryClipboard();
  const secrets = o.secrets ?? new KeyringSecretStore({ linuxFallback: 'none', timeoutMs: 20_000, logger });
  // An app that ran on this folder before has quit: what it wrote is on disk (core.stop() flushes).
  flushStores(dataDir);
  const store = new ConfSettingsStore({ cwd: dataDir, logger });
  openStores.push({ dataDir, store });
  const home = path.join(dataDir, 'home'); // the Heroku CLI's files, if a test writes any
  const importer = o.importer ?? herokuCliImporter({ env: o.env ?? {}, homeDir: home, netrcHost: new URL(o.apiOrigin).host });
  // Consumer records and Replace runs persist in the data folder, as in the app.
  const consumerStore = new JsonConsumerStore(path.join(dataDir, 'consumers.json'));
  const core = createCore({ secrets, store, clipboard, clock, logger, apiOrigin: o.apiOrigin, version: '0.0.0-test', platform: process.platform, importer, consumerStore, cliLogin: o.cliLogin, hostname: 'keychain-test' });
  const calls: Recorded[] = [];
  const events: Array<{ name: string; payload: unknown }> = [];
  core.bus.subscribe((name, payload) => events.push({ name, payload: structuredClone(payload) }));
  return {
    core,
    dataDir,
    logFile,
    consoleLines,
    clipboard,
    clock,
    secrets,
    store,
    calls,
    events,
    async call<T>(channel: Channel, args?: unknown): Promise<Result<T>> {
      const result = await dispatch(core.handlers, channel, args, logger);
      calls.push({ channel, args: structuredClone(args), result: structuredClone(result) });
      return result as Result<T>;
    },
  };
}

/** Every settings store a harness opened: the settings file is written behind (settings-store.ts). */
const openStores: Array<{ dataDir: string; store: ConfSettingsStore }> = [];

/** Writes what the stores on a folder (every folder when none is named) have not written yet. */
export function flushStores(dataDir?: string): void {
  for (const o of openStores) if (dataDir === undefined || o.dataDir === dataDir) o.store.flush();
}

/** Every file under a folder, with its text (binary files read as latin1 so bytes still match); pending settings writes land first. */
export function filesUnder(dir: string): Array<{ file: string; text: string }> {
  flushStores();
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, text: fs.readFileSync(file).toString('latin1') });
  }
  return out;
}

/** Unwraps an ok Result or fails the test with its error. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Waits until a condition holds (polling; no fixed sleeps in assertions). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
