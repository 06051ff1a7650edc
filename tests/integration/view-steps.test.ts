/**
 * A long list's views are built in steps of 250 with a turn of the event loop between them (and
 * the sort in a turn of its own), so IPC and the tray run while 1,000 new tokens get their views.
 * A mutation that lands between two steps makes the refresh fetch again, as one that crosses the
 * list itself always did: the snapshot shown never predates it. Real services, client and emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import type { Core } from '../../main/core.js';
import { createTestCore } from '../support/test-core.js';

let emu: Emulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

/** A core whose clock counts its reads: a view built from scratch reads it once. */
async function setup(): Promise<{ core: Core; emu: Emulator; reads: () => number }> {
  emu = await startEmulator({});
  let reads = 0;
  const clock = { now: () => (reads++, systemClock.now()), setTimeout: systemClock.setTimeout };
  const core = createTestCore(emu.url, { clock });
  const signed = await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey });
  if (!signed.ok) throw new Error(signed.error.message);
  await core.authorizations.refresh();
  return { core, emu, reads: () => reads };
}

/** Counts, turn by turn of the event loop, how far `reads` moved; stop() ends it. */
function ticker(reads: () => number): { perTurn: number[]; stop(): void } {
  const perTurn: number[] = [];
  let last = reads();
  let on = true;
  const tick = () => {
    if (!on) return;
    perTurn.push(reads() - last);
    last = reads();
    setImmediate(tick);
  };
  setImmediate(tick);
  return { perTurn, stop: () => void (on = false) };
}

describe('views of a long list, step by step', () => {
  it('builds 1,000 new views at most about 250 per turn of the event loop', async () => {
    const { core, emu, reads } = await setup();
    emu.addAuthorizations(1000);
    const t = ticker(reads);
    const r = await core.authorizations.refresh();
    t.stop();
    expect(r.ok && r.value.items.length).toBe(emu.liveAuthorizations().length);
    // Every new token had its view built (one clock read each), never more than a step per turn.
    expect(t.perTurn.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...t.perTurn)).toBeLessThanOrEqual(250 + 10);
    expect(t.perTurn.filter((n) => n >= 200).length).toBeGreaterThanOrEqual(4);
  });

  it('a revoke that lands between two steps is never undone by the list built before it', async () => {
    const { core, emu, reads } = await setup();
    emu.addAuthorizations(1000);
    const victim = emu.liveAuthorizations().at(-1)!;
    const start = reads();
    let revoking: Promise<unknown> | null = null;
    // Revoke as soon as the views have started (some built, far from all).
    const watch = () => {
      const built = reads() - start;
      if (built >= 200 && built < 900 && !revoking) revoking = core.handlers['authorizations:revoke']({ id: victim.id });
      else if (!revoking) setImmediate(watch);
    };
    setImmediate(watch);
    const r = await core.authorizations.refresh();
    expect(revoking).not.toBeNull();
    await revoking;
    expect(emu.liveAuthorizations().some((a) => a.id === victim.id)).toBe(false);
    // The refresh fetched again: what it returns and what it keeps both lack the revoked token.
    expect(r.ok && r.value.items.some((a) => a.id === victim.id)).toBe(false);
    expect(core.authorizations.cached(emu.account.id)!.items.some((a) => a.id === victim.id)).toBe(false);
  });
});
