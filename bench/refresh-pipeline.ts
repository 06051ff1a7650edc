/**
 * Benchmark 2: fetch, page through, check and plan N authorizations with the app's client and
 * services (createCore + authorizations.refresh), against the official `heroku-client` fetching
 * the same pages (it follows Next-Range by itself; see node_modules/heroku-client/lib/request.js).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startSeededEmulator, requestsSince } from './lib/emulator.js';
import { signedInCore } from './lib/core.js';
import { formatMs, formatSpeedup, median, verdict, type Row } from './lib/stats.js';

interface HerokuClient {
  get(path: string, options?: Record<string, unknown>): Promise<unknown>;
}
const require = createRequire(import.meta.url);
const Heroku = require('heroku-client') as new (options: Record<string, unknown>) => HerokuClient;

export interface PipelineResult {
  size: number;
  appMs: number[];
  herokuClientMs: number[];
  /** The app's API client alone (fetch, page through, zod), without the services' work. */
  appClientOnlyMs: number[];
  appMedianMs: number;
  appClientOnlyMedianMs: number;
  herokuClientMedianMs: number;
  /** app median / heroku-client median (below 1: the app is faster). */
  ratio: number;
  requestsPerRefresh: { app: number; herokuClient: number };
  notes: string[];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs both clients `samples` times (after warm-up), alternating which goes first. */
export async function runPipeline(size: number, samples: number): Promise<PipelineResult> {
  const emu = await startSeededEmulator(size);
  const notes: string[] = [];
  let core: Awaited<ReturnType<typeof signedInCore>> | null = null;
  try {
    const c = await signedInCore(emu.url, emu.apiKey);
    core = c;
    // The expiry watcher re-plans on every snapshot, as in the app; the scheduler stays off so
    // nothing refreshes behind the bench's back.
    c.expiry.start();
    const hk = new Heroku({ token: emu.apiKey, host: emu.url, headers: { Authorization: `Bearer ${emu.apiKey}` } });
    const app = async () => {
      const r = await c.authorizations.refresh();
      if (!r.ok) throw new Error(`app refresh failed: ${r.error.message}`);
      if (r.value.items.length !== size) notes.push(`app saw ${r.value.items.length} of ${size} tokens`);
    };
    const ref = async () => {
      const list = (await hk.get('/oauth/authorizations')) as unknown[];
      if (list.length !== size) notes.push(`heroku-client saw ${list.length} of ${size} tokens`);
    };
    const target = await c.accounts.api();
    if (!target.ok) throw new Error(target.error.message);
    const api = target.value.api;
    const clientOnly = async () => {
      const r = await api.listAuthorizations();
      if (!r.ok) throw new Error(`app client failed: ${r.error.message}`);
    };
    const count = async (fn: () => Promise<void>) => {
      const from = emu.requests?.length ?? 0;
      await fn();
      return requestsSince(emu, from).length;
    };
    // Warm-up first: the app's first refresh also checks which token is its own key.
    await app();
    await ref();
    const requestsPerRefresh = { app: await count(app), herokuClient: await count(ref) };
    const appMs: number[] = [];
    const herokuClientMs: number[] = [];
    const appClientOnlyMs: number[] = [];
    const runs: Array<[() => Promise<void>, number[]]> = [
      [app, appMs],
      [ref, herokuClientMs],
      [clientOnly, appClientOnlyMs],
    ];
    for (let i = 0; i < samples; i++) {
      // Rotate who goes first, so garbage one leaves behind does not always land on the same one.
      for (let k = 0; k < runs.length; k++) {
        const [fn, into] = runs[(i + k) % runs.length]!;
        into.push(await timed(fn));
      }
    }
    const appMedianMs = median(appMs);
    const herokuClientMedianMs = median(herokuClientMs);
    return {
      size,
      appMs,
      herokuClientMs,
      appClientOnlyMs,
      appMedianMs,
      appClientOnlyMedianMs: median(appClientOnlyMs),
      herokuClientMedianMs,
      ratio: appMedianMs / herokuClientMedianMs,
      requestsPerRefresh,
      notes: [...new Set(notes)],
    };
  } finally {
    core?.expiry.stop();
    await emu.close();
  }
}

/** The table row for one size: the budget is "no slower than heroku-client" (ratio <= 1). */
export function pipelineRow(r: PipelineResult): Row {
  return {
    benchmark: `Refresh pipeline, ${r.size.toLocaleString('en-US')} tokens (median)`,
    app: `${formatMs(r.appMedianMs)} (client alone ${formatMs(r.appClientOnlyMedianMs)})`,
    reference: `${formatMs(r.herokuClientMedianMs)} (heroku-client)`,
    ratio: formatSpeedup(r.appMedianMs, r.herokuClientMedianMs),
    budget: '≤ heroku-client',
    result: verdict(r.ratio, { limit: 1, op: '<=', label: '≤ heroku-client' }),
  };
}
