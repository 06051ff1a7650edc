/**
 * What the RemoteCore tests share (tests/unit/main/thread/remote-core.test.ts): the real core's
 * entry from source, the in-thread fallback as main/index.ts passes it, shell parts that record
 * what the core asked of them, and a spawner of real workers a test can kill.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoreEndpoint, ShellParts } from '../../main/thread/remote-core.js';
import { workerEndpoint } from '../../main/thread/spawn.js';
import { inThreadCore as inThreadEndpoint } from '../../main/thread/in-thread.js';
import type { CoreInit } from '../../main/thread/protocol.js';
import type { NotificationSpec, TrayState } from '../../main/ports.js';
import type { Result } from '../../shared/result.js';
import { decodeRelayed, type Relayed } from '../../shared/relay.js';
import { MemoryClipboard, RecordingLogger } from './fakes.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The fallback as main/index.ts passes it. */
export const inThreadCore = (init: CoreInit) => inThreadEndpoint(init, () => import('../../main/core-worker.js'));
export const BOOT = path.join(ROOT, 'main/thread/ts-boot.mjs');
export const ENTRY = path.join(ROOT, 'main/core-worker.ts');
/** Nothing listens there: a core that never reaches the network in these tests. */
export const NOWHERE = 'http://127.0.0.1:9';
export const WAIT = { timeout: 15_000, interval: 50 };

/** A handler's answer as the renderer reads it (the worker's answers are relayed encoded: shared/relay.ts). */
export async function answer<T>(pending: Promise<Relayed<Result<T>>>): Promise<Result<T>> {
  return decodeRelayed<Result<T>>(await pending);
}

export interface Recorded {
  clipboard: MemoryClipboard;
  logger: RecordingLogger;
  notified: NotificationSpec[];
  trays: TrayState[];
  hides: number;
  parts: ShellParts;
}

export function recordingShell(): Recorded {
  const r: Recorded = {
    clipboard: new MemoryClipboard(),
    logger: new RecordingLogger(),
    notified: [],
    trays: [],
    hides: 0,
    parts: undefined as unknown as ShellParts,
  };
  r.parts = {
    clipboard: r.clipboard,
    logger: r.logger,
    notifier: {
      isSupported: () => true,
      show: async (spec) => {
        r.notified.push(spec);
        return { shown: true };
      },
    },
    tray: { render: (state) => void r.trays.push(state) },
    hidePopover: () => void (r.hides += 1),
  };
  return r;
}

/**
 * Real workers running the core from source, each kept so the test can kill it: `terminate()` on
 * the Worker itself is a crash to RemoteCore (only its own terminate() is an end it asked for).
 * `track` records each endpoint (afterEach checks none is left running).
 */
export function killableWorkers(track: (endpoint: CoreEndpoint) => CoreEndpoint): { workers: Worker[]; spawn: (init: CoreInit) => CoreEndpoint } {
  const workers: Worker[] = [];
  const spawn = (init: CoreInit) => {
    const worker = new Worker(BOOT, { workerData: { core: init, entry: ENTRY } });
    workers.push(worker);
    return track(workerEndpoint(worker));
  };
  return { workers, spawn };
}
