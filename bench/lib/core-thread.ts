/**
 * The event-loop benchmark's core thread: the app's core served over the app's link
 * (main/thread/serve-core.ts), as main/core-worker.ts serves it, but with the bench's clock (moved
 * on with the emulator's), the app's settings store in a temporary folder, memory secrets, and a
 * control port of the bench's own: refresh every account (as the refresh scheduler would), move
 * the clock, and read this thread's own event-loop delay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createCore } from '../../main/core.js';
import { ConfSettingsStore } from '../../main/adapters/settings-store.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { takeTurn } from '../../main/heroku/turns.js';
import { Peer } from '../../main/thread/peer.js';
import type { CoreInit } from '../../main/thread/protocol.js';
import { serveCore } from '../../main/thread/serve-core.js';
import { lowerV8Helpers, runAsBackgroundThread } from '../../main/thread/background.js';
import { steppingClock } from './core.js';

/** The bench's control operations, served by the core's thread. */
export interface CoreThreadControl {
  [op: string]: (...args: never[]) => unknown;
  /** Signs in without the first refresh the sign-in handler starts (the bench measures that refresh). */
  signIn(apiKey: string): Promise<string>;
  /** Starts the expiry watcher (the scheduler stays off: the bench refreshes). */
  startExpiry(): void;
  /** Refreshes every account at once, then waits for the expiry watcher's walk; problems as notes. */
  refreshAll(tokens: number): Promise<string[]>;
  /** Moves the core's clock on (the emulator's moved as much). */
  advance(ms: number): void;
  /** Starts this thread's event-loop delay monitor. */
  watch(): void;
  /** Stops it: this thread's delay percentiles (ms). */
  watched(): { p50: number; p99: number; max: number };
  /** Stops the watcher, removes the temporary folder. */
  close(): void;
}

const { core: init, control } = workerData as { core: CoreInit; control: MessagePort };
// As main/core-worker.ts does for the app's core thread (and V8's helpers, named as Node 24 names them: bench/lib/v8-helper-names.ts).
runAsBackgroundThread();
lowerV8Helpers();
const clock = steppingClock();
// The app's own settings store (conf, one JSON file) on the app's turn queue, as in main/core-worker.ts.
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-settings-'));
const core = serveCore(parentPort!, init, (shell) =>
  createCore({
    ...shell,
    secrets: new MemorySecretStore(),
    store: new ConfSettingsStore({ cwd: dir, turn: takeTurn }),
    importer: envKeyImporter({}),
    clock,
    apiOrigin: init.apiOrigin,
    version: init.version,
    platform: init.platform,
    hostname: init.hostname,
  }),
);
const h = monitorEventLoopDelay({ resolution: 1 });
const ms = (ns: number) => ns / 1e6;
const ops: CoreThreadControl = {
  signIn: async (apiKey) => {
    const r = await core.accounts.signIn(apiKey);
    if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
    return r.value.id;
  },
  startExpiry: () => core.expiry.start(),
  refreshAll: async (tokens) => {
    const notes: string[] = [];
    const results = await Promise.all(core.accounts.list().map((a) => core.authorizations.refresh(a.id)));
    // The expiry watcher's walk of the new lists goes on in later turns: measured too.
    await core.expiry.idle();
    for (const r of results) if (!r.ok) notes.push(`a refresh failed: ${r.error.message}`);
    else if (r.value.items.length !== tokens) notes.push(`an account showed ${r.value.items.length} of ${tokens} tokens`);
    return notes;
  },
  advance: (by) => clock.advance(by),
  watch: () => {
    h.reset();
    h.enable();
  },
  watched: () => {
    h.disable();
    return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
  },
  close: () => {
    core.expiry.stop();
    rmSync(dir, { recursive: true, force: true });
  },
};
new Peer<Record<string, never>, CoreThreadControl>(control, ops, (message) => console.error(`[bench core thread] ${message}`));
