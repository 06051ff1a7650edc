/**
 * Expiry warnings end to end, on simulated time: the real services (createCore, real HTTP client,
 * background refresh) against the emulator, whose clock moves in step with the app's. A token
 * created with expires_in 90 minutes gets its 1-hour warning once both clocks pass 30 minutes,
 * then the expired notice at 90 minutes; nothing else is notified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { createTestCore } from '../support/test-core.js';
import { flush, SimClock } from '../support/sim-clock.js';
import { RecordingNotifier, RecordingTray } from '../support/expiry-harness.js';

const START = Date.parse('2026-11-27T12:00:00Z');
const S = 1000;
const MIN = 60 * S;

describe('expiry warnings against the emulator clock', () => {
  let emu: Emulator;
  let core: Core;
  let clock: SimClock;
  const notifier = new RecordingNotifier();
  const tray = new RecordingTray();
  const settle = async () => {
    await flush();
    await core.scheduler.idle();
    await flush();
  };
  /** Moves the app clock (and with it the emulator's), letting every refresh finish on the way. */
  const advance = (ms: number) => clock.advanceAsync(ms, settle);

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'empty', clockStart: START });
    clock = new SimClock(START);
    clock.onWallChange = (wall) => emu.clock.set(wall);
    core = createTestCore(emu.url, { clock, notifier, tray });
    core.start();
  });
  afterAll(async () => {
    core?.stop();
    await emu?.close();
  });

  it('warns at 1 hour left, then says expired, and nothing else', async () => {
    const signedIn = await core.accounts.signIn(emu.apiKey);
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    await settle();
    expect(core.authorizations.cached(signedIn.value.id)?.items).toHaveLength(1);

    const created = await core.authorizations.create({ description: 'Deploy bot', scopes: ['read'], expiresIn: 90 * 60 });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.authorization.id;
    expect(created.value.authorization.expiresAt).toBe(new Date(START + 90 * MIN).toISOString());
    expect(notifier.shown).toEqual([]); // the app's own token is not a "new authorization"

    await advance(30 * MIN - 5 * S);
    expect(notifier.shown).toEqual([]);
    expect(tray.last?.level).toBe('warning'); // under a day left: the tray says so before any notification

    await advance(10 * S);
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]).toMatchObject({
      key: `expiry:${id}:3600`,
      title: expect.stringMatching(/^Heroku token “Deploy bot” expires in (59 min 5\d s|1 h 00 min)$/),
      body: expect.stringContaining('Account empty@example.com'),
      actions: [{ id: 'rotate', label: 'Rotate now' }],
      target: { accountId: signedIn.value.id, authorizationId: id },
    });

    await advance(60 * MIN - 10 * S);
    expect(notifier.shown).toHaveLength(1);
    await advance(10 * S);
    expect(notifier.shown.map((n) => n.key)).toEqual([`expiry:${id}:3600`, `expiry:${id}:0`]);
    expect(notifier.shown[1]?.title).toMatch(/^Heroku token “Deploy bot” expired (just now|\d s ago)$/);
    expect(tray.last?.level).toBe('expired');

    // The emulator agrees the token is dead, and background refreshes kept going all along.
    const emuToken = emu.liveAuthorizations().find((a) => a.id === id);
    expect(emuToken?.expiresAt).toBeLessThanOrEqual(emu.clock.now());
    expect(emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/oauth/authorizations')).length).toBeGreaterThanOrEqual(18);

    // Refreshes after expiry (expires_in 0) do not bring the notice back.
    await advance(30 * MIN);
    expect(notifier.shown).toHaveLength(2);
  });
});
