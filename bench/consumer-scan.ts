/**
 * Benchmark: "Find where tokens are used" on an account with 100 apps (10 of them hold a token
 * the app made), through the app's core (apps list + one config-vars read per app, matching,
 * files), against the official `heroku-client` making the same reads one after another (what a
 * script doing this by hand would do). Also counts the requests: apps + 1.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../tests/heroku-emulator/server.js';
import { signedInCore } from './lib/core.js';
import { formatMs, formatSpeedup, median, verdict, type Row } from './lib/stats.js';

interface HerokuClient {
  get(path: string): Promise<unknown>;
}
const require = createRequire(import.meta.url);
const Heroku = require('heroku-client') as new (options: Record<string, unknown>) => HerokuClient;

export interface ConsumerScanResult {
  apps: number;
  appMs: number[];
  herokuClientMs: number[];
  appMedianMs: number;
  herokuClientMedianMs: number;
  /** Requests one scan made (apps list pages + config-vars reads). */
  requestsPerScan: number;
  consumersFound: number;
}

/** Scans `apps` apps `samples` times (after one warm-up), alternating with heroku-client. */
export async function runConsumerScan(apps: number, samples: number): Promise<ConsumerScanResult> {
  const emu = await startEmulator({ seed: 'empty', rateLimit: 1_000_000 });
  try {
    const core = await signedInCore(emu.url, emu.apiKey);
    const made = await core.authorizations.create({ description: 'Bench consumer key', scopes: ['read'], expiresIn: 86400 });
    if (!made.ok) throw new Error(made.error.message);
    for (let i = 0; i < apps; i++) {
      emu.addApp(`bench-app-${String(i).padStart(4, '0')}`, i % 10 === 0 ? { HEROKU_API_KEY: made.value.token, RAILS_ENV: 'production' } : { RAILS_ENV: 'production', WEB_CONCURRENCY: '2' });
    }
    const hk = new Heroku({ token: emu.apiKey, host: emu.url, headers: { Authorization: `Bearer ${emu.apiKey}` } });
    let found = 0;
    let requests = 0;
    const app = async () => {
      const before = emu.requests.length;
      const r = await core.consumers.scan.scan();
      if (!r.ok) throw new Error(`scan failed: ${r.error.message}`);
      found = r.value.consumers.length;
      requests = emu.requests.slice(before).filter((x) => x.path.startsWith('/apps')).length;
    };
    const ref = async () => {
      const list = (await hk.get('/apps')) as Array<{ name: string }>;
      for (const a of list) await hk.get(`/apps/${a.name}/config-vars`);
    };
    await app();
    await ref();
    const appMs: number[] = [];
    const refMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      for (const [fn, out] of (i % 2 === 0 ? [[app, appMs], [ref, refMs]] : [[ref, refMs], [app, appMs]]) as Array<[() => Promise<void>, number[]]>) {
        const t0 = performance.now();
        await fn();
        out.push(performance.now() - t0);
      }
    }
    await core.stop();
    return { apps, appMs, herokuClientMs: refMs, appMedianMs: median(appMs), herokuClientMedianMs: median(refMs), requestsPerScan: requests, consumersFound: found };
  } finally {
    await emu.close();
  }
}

/** The report line. */
export function consumerScanRow(r: ConsumerScanResult): Row {
  return {
    benchmark: `Find where tokens are used, ${r.apps} apps (median)`,
    app: `${formatMs(r.appMedianMs)}, ${r.requestsPerScan} requests`,
    reference: `${formatMs(r.herokuClientMedianMs)} (heroku-client, same reads)`,
    ratio: formatSpeedup(r.appMedianMs, r.herokuClientMedianMs),
    budget: `${r.apps + 1} requests`,
    result: verdict(r.requestsPerScan, { limit: r.apps + 1, op: '<=', label: `${r.apps + 1} requests` }),
  };
}
