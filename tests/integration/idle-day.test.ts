/**
 * A simulated day of idle running (the app open, nobody touching it) against the emulator: the
 * background refresh stays within 300 API requests per account, and makes fewer when Heroku's
 * RateLimit-Remaining runs low. Simulated time: the app's clock and the emulator's move together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createHerokuClient } from '../../main/heroku/client.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';
import { flush, SimClock } from '../support/sim-clock.js';
import { RecordingNotifier } from '../support/expiry-harness.js';

const START = Date.parse('2026-11-27T08:00:00Z');
const DAY = 24 * 3600_000;

interface Run {
  emu: Emulator;
  core: Core;
  clock: SimClock;
  /** Requests each API key sent (counted at fetch, so pages count too). */
  sent: Map<string, number>;
  day(): Promise<void>;
}

let running: Run | null = null;

async function boot(): Promise<Run> {
  const emu = await startEmulator({ clockStart: START });
  const clock = new SimClock(START);
  clock.onWallChange = (wall) => emu.clock.set(wall);
  const sent = new Map<string, number>();
  const core = createTestCore(emu.url, {
    clock,
    notifier: new RecordingNotifier(),
    apiFactory: (apiKey) =>
      createHerokuClient({
        origin: emu.url,
        apiKey,
        userAgent: 'heroku-token-tray/test',
        now: () => clock.now(),
        fetch: (input, init) => {
          sent.set(apiKey, (sent.get(apiKey) ?? 0) + 1);
          return fetch(input, init);
        },
      }),
  });
  const settle = async () => {
    await flush();
    await core.scheduler.idle();
    await flush();
  };
  core.start();
  running = { emu, core, clock, sent, day: () => clock.advanceAsync(DAY, settle) };
  return running;
}

async function signIn(run: Run, apiKey: string): Promise<void> {
  const r = await run.core.accounts.signIn(apiKey);
  if (!r.ok) throw new Error(r.error.message);
}

afterEach(async () => {
  running?.core.stop();
  await running?.emu.close();
  running = null;
});

/** A day of refreshes every 5 minutes. */
const NORMAL_DAY = 24 * 12;

describe('a day of idle running', () => {
  it('stays within 300 requests per account (the 5-minute refresh, and nothing else)', async () => {
    const run = await boot();
    const second = run.emu.addAccount({ email: 'ops@example.com', authorizations: 4 });
    await signIn(run, run.emu.apiKey);
    await signIn(run, second.apiKey);
    const before = run.emu.requests.length;
    await run.day();
    const perAccount = [run.sent.get(run.emu.apiKey) ?? 0, run.sent.get(second.apiKey) ?? 0];
    // Every request the emulator saw is accounted for by one of the two keys.
    expect(perAccount[0]! + perAccount[1]!).toBe(run.emu.requests.length);
    for (const n of perAccount) {
      expect(n).toBeLessThanOrEqual(300);
      expect(n).toBeGreaterThanOrEqual(NORMAL_DAY); // it did keep the lists fresh all day
    }
    expect(run.emu.requests.length - before).toBeLessThanOrEqual(600);
    expect(run.emu.requests.every((r) => r.status < 400)).toBe(true);
    if (process.env.SHOW_COUNTS) console.log('requests per account in a day', perAccount);
  });

  it('a big account (3 pages per list) refreshes less often and stays within 300 requests', async () => {
    const run = await boot();
    const big = run.emu.addAccount({ email: 'big@example.com', authorizations: 2_500 });
    await signIn(run, big.apiKey);
    await run.day();
    const made = run.sent.get(big.apiKey) ?? 0;
    expect(made).toBeLessThanOrEqual(300);
    // Still refreshed all day: every 15 minutes, 3 requests each.
    expect(made).toBeGreaterThanOrEqual((NORMAL_DAY / 3) * 3 - 3);
  });

  it('makes fewer requests when RateLimit-Remaining runs low', async () => {
    const run = await boot();
    await signIn(run, run.emu.apiKey);
    run.emu.setRateLimitRemaining(400);
    const before = run.emu.requests.length;
    await run.day();
    const made = run.emu.requests.length - before;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(24 * 3 + 2); // every 20 minutes at most, then slower still
    expect(made).toBeLessThan(NORMAL_DAY / 3);
    if (process.env.SHOW_COUNTS) console.log('requests in a day with RateLimit-Remaining low', made);
    expect(run.emu.requests.every((r) => r.status !== 429)).toBe(true);
  });
});
