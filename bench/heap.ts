/**
 * Benchmark: main-process heap per authorization at 1,000, 5,000 and 10,000 tokens: the heap a
 * signed-in core holds (after a forced GC) once it has refreshed the list twice (the second
 * with every expires_in moved, as steady state), minus the same core's heap before its first
 * list. It covers everything the app keeps per token: the client's checked pages, the views,
 * the snapshot, the expiry ledger and the new-login spotter's seen ids, and the bytes of each list
 * page the client keeps (Buffers live outside V8's heap, so `arrayBuffers` is added to `heapUsed`).
 * The emulator runs in its own process, so its store is not counted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { signedInCore, steppingClock } from './lib/core.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { formatBytes, verdict, type Row } from './lib/stats.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface HeapPoint {
  tokens: number;
  /** heapUsed + arrayBuffers. */
  beforeBytes: number;
  afterBytes: number;
  perAuthorizationBytes: number;
  /** Of perAuthorizationBytes, what Buffers (kept page bytes) hold; absent in older results. */
  perAuthorizationBufferBytes?: number;
}

const settledHeap = async (): Promise<{ total: number; buffers: number }> => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { total: m.heapUsed + m.arrayBuffers, buffers: m.arrayBuffers };
};

/** Heap per authorization for each size. */
export async function runHeap(sizes = [1000, 5000, 10_000]): Promise<HeapPoint[]> {
  const out: HeapPoint[] = [];
  for (const tokens of sizes) {
    const emu = await startEmulatorProcess(tokens);
    const clock = steppingClock();
    const core = await signedInCore(emu.url, emu.apiKey, clock);
    try {
      core.expiry.start();
      const before = await settledHeap();
      for (const moved of [false, true]) {
        if (moved) await emu.advance(1000);
        clock.advance(1000);
        const r = await core.authorizations.refresh();
        // The watcher's walk of the list (later turns) is part of what the app keeps per token.
        await core.expiry.idle();
        if (!r.ok || r.value.items.length !== tokens) throw new Error(`refresh of ${tokens} tokens failed`);
      }
      const after = await settledHeap();
      out.push({
        tokens,
        beforeBytes: before.total,
        afterBytes: after.total,
        perAuthorizationBytes: (after.total - before.total) / tokens,
        perAuthorizationBufferBytes: (after.buffers - before.buffers) / tokens,
      });
    } finally {
      core.expiry.stop();
      await emu.close();
    }
  }
  return out;
}

/** One row: the curve, budgeted at the largest size. */
export function heapRow(points: HeapPoint[]): Row {
  const last = points[points.length - 1]!;
  return {
    benchmark: `Main-process heap per authorization, kept page bytes included (${points.map((p) => p.tokens.toLocaleString('en-US')).join(' / ')})`,
    app:
      points.map((p) => formatBytes(p.perAuthorizationBytes)).join(' / ') +
      (last.perAuthorizationBufferBytes === undefined ? '' : ` (page bytes ${formatBytes(last.perAuthorizationBufferBytes)} of it at ${last.tokens.toLocaleString('en-US')})`),
    reference: '',
    ratio: '',
    budget: `≤ 2 KB at ${last.tokens.toLocaleString('en-US')}`,
    result: verdict(last.perAuthorizationBytes, { limit: 2000, op: '<=', label: '' }),
  };
}
