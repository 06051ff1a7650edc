/**
 * Benchmark 5: API requests per hour per account during a simulated idle day: the app's
 * background work (core.start(): RefreshScheduler + ExpiryWatcher) on a manual clock, against the emulator, counting the requests it served.
 * The emulator's clock moves with the app's, so tokens expire as they would.
 */
import { ManualClock } from '../tests/support/fakes.js';
import { signedInCore } from './lib/core.js';
import { startSeededEmulator, type BenchEmulator } from './lib/emulator.js';
import { verdict, type Row } from './lib/stats.js';

export const HEROKU_LIMIT_PER_HOUR = 4500;
const DAY_MS = 24 * 3600_000;
const STEP_MS = 60_000;

export interface ApiBudgetResult {
  tokens: number;
  /** The emulator's RateLimit-Remaining at the start (Heroku's budget is 4,500). */
  rateLimitStart: number;
  simulatedHours: number;
  requests: number;
  requestsPerHour: number;
  /** requestsPerHour / 4,500. */
  shareOfLimit: number;
  byRoute: Record<string, number>;
  wallMs: number;
  notes: string[];
}

function syncEmulatorClock(emu: BenchEmulator, ms: number): void {
  const c = (emu as { clock?: { set?: (ms: number) => void } }).clock;
  c?.set?.(ms);
}

/** One simulated idle day with `tokens` tokens on the account. */
export async function runApiBudget(tokens: number, rateLimitStart = HEROKU_LIMIT_PER_HOUR): Promise<ApiBudgetResult> {
  const t0 = performance.now();
  const start = Date.now();
  const emu = await startSeededEmulator(tokens, { clockStart: start, rateLimit: rateLimitStart });
  const notes: string[] = [];
  try {
    const clock = new ManualClock(start);
    const core = await signedInCore(emu.url, emu.apiKey, clock);
    // The app's background work as wired in main/core.ts: RefreshScheduler + ExpiryWatcher.
    const scheduler = core.scheduler;
    const from = emu.requests?.length ?? 0;
    if (!emu.requests) notes.push('emulator keeps no request log: count unavailable');
    core.start();
    await scheduler.idle();
    for (let t = 0; t < DAY_MS; t += STEP_MS) {
      clock.advance(STEP_MS);
      syncEmulatorClock(emu, clock.now());
      await scheduler.idle();
    }
    core.stop();
    const day = (emu.requests ?? []).slice(from);
    const byRoute: Record<string, number> = {};
    for (const r of day) {
      const key = `${r.method} ${r.path.replace(/\/oauth\/authorizations\/[^/]+/, '/oauth/authorizations/{id}')}`;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
    }
    const requestsPerHour = day.length / 24;
    return {
      tokens,
      rateLimitStart,
      simulatedHours: 24,
      requests: day.length,
      requestsPerHour,
      shareOfLimit: requestsPerHour / HEROKU_LIMIT_PER_HOUR,
      byRoute,
      wallMs: performance.now() - t0,
      notes,
    };
  } finally {
    await emu.close();
  }
}

/** Table row: under 1.5 % of Heroku's 4,500 requests per hour. */
export function apiBudgetRow(r: ApiBudgetResult): Row {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return {
    benchmark:
      r.rateLimitStart < HEROKU_LIMIT_PER_HOUR
        ? `Idle API use, RateLimit-Remaining ${r.rateLimitStart} (24 h)`
        : `Idle API use, ${r.tokens} tokens (24 h simulated)`,
    app: `${r.requestsPerHour.toFixed(1)} req/h = ${pct(r.shareOfLimit)} of 4,500/h`,
    reference: '',
    ratio: '',
    budget: '< 1.5%',
    result: verdict(r.shareOfLimit, { limit: 0.015, op: '<', label: '< 1.5%' }),
  };
}


