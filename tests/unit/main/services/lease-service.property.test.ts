/**
 * Leases over random sequences of lease / end / other tokens / time passing / restart / sleep /
 * network failures: the service never revokes anything it did not lease, never sends a second
 * DELETE for a lease Heroku already revoked, and every lease whose end has passed is revoked
 * once the network is back and the app runs (also after restarts and sleep).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewToken } from '../../../../shared/contract.js';
import { err, ok, type Result } from '../../../../shared/result.js';
import { LeaseService } from '../../../../main/services/lease-service.js';
import type { LeaseRecord } from '../../../../main/services/lease-ledger.js';
import { ManualClock, RecordingLogger } from '../../../support/fakes.js';
import { authorizationView } from '../../../support/authorization-view.js';

type Op =
  | { kind: 'lease'; minutes: number; fail: boolean }
  | { kind: 'other' }
  | { kind: 'end'; pick: number }
  | { kind: 'endOther'; pick: number }
  | { kind: 'advance'; minutes: number }
  | { kind: 'sleep'; minutes: number }
  | { kind: 'restart'; closedMinutes: number }
  | { kind: 'network'; mode: 'up' | 'down' | 'lossy' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('lease' as const), minutes: fc.integer({ min: 5, max: 480 }), fail: fc.boolean() }),
  fc.record({ kind: fc.constant('other' as const) }),
  fc.record({ kind: fc.constant('end' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('endOther' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ kind: fc.constant('sleep' as const), minutes: fc.integer({ min: 1, max: 900 }) }),
  fc.record({ kind: fc.constant('restart' as const), closedMinutes: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ kind: fc.constant('network' as const), mode: fc.constantFrom('up' as const, 'down' as const, 'lossy' as const) }),
);

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('lease service (property)', () => {
  it('never revokes a token it did not lease; every ended lease is revoked exactly once (1,000 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        const clock = new ManualClock();
        let ledger: LeaseRecord[] = [];
        const store = { read: () => ledger.map((r) => ({ ...r })), write: (l: LeaseRecord[]) => void (ledger = l.map((r) => ({ ...r }))) };
        const live = new Map<string, { lease: boolean; expiresAt: number | null }>();
        const leased = new Set<string>();
        const deletes: string[] = [];
        const confirmed = new Set<string>();
        let deleteAfterConfirmed = false;
        // 'lossy': a DELETE reaches Heroku but its answer is lost (unknown outcome).
        let mode = 'up' as 'up' | 'down' | 'lossy';
        const unsure = new Set<string>();
        let resentUnread = false;
        let n = 0;
        const create = async (input: { scopes: string[]; expiresIn: number }): Promise<Result<NewToken>> => {
          if (mode === 'down') return err('offline', 'offline');
          const id = `lease-${++n}`;
          live.set(id, { lease: true, expiresAt: clock.now() + input.expiresIn * 1000 });
          leased.add(id);
          const authorization = authorizationView({ id, accountId: 'acc', scopes: input.scopes, expiresAt: new Date(clock.now() + input.expiresIn * 1000).toISOString() });
          return ok({ authorization, token: `HRKU-${id}`, kept: true });
        };
        const revoke = async (id: string) => {
          deletes.push(id);
          if (confirmed.has(id)) deleteAfterConfirmed = true;
          if (unsure.has(id)) resentUnread = true; // house rule 5: read before resending
          if (mode === 'down') return err<{ id: string }>('offline', 'offline');
          if (!live.has(id)) return err<{ id: string }>('not_found', 'gone');
          live.delete(id);
          confirmed.add(id);
          if (mode === 'lossy') return unsure.add(id), err<{ id: string }>('unknown_outcome', 'answer lost');
          return ok({ id });
        };
        const exists = async (id: string): Promise<Result<boolean>> => {
          if (mode === 'down') return err('offline', 'offline');
          unsure.delete(id);
          return ok(live.has(id));
        };
        const make = () => new LeaseService({ clock, store, logger: new RecordingLogger(), create, revoke, exists, power: null });
        let svc = make();
        svc.start();
        for (const o of ops) {
          if (o.kind === 'lease') {
            const before = mode;
            if (o.fail) mode = 'down';
            await svc.lease({ scopes: ['read'], lifetimeSeconds: o.minutes * 60, accountId: 'acc' });
            mode = before;
          } else if (o.kind === 'other') live.set(`other-${++n}`, { lease: false, expiresAt: null });
          else if (o.kind === 'end') {
            const l = svc.list();
            if (l.length) await svc.end(l[o.pick % l.length]!.id, 'acc');
          } else if (o.kind === 'endOther') {
            const others = [...live.keys()].filter((id) => !leased.has(id));
            if (others.length) expect((await svc.end(others[o.pick % others.length]!, 'acc')).ok).toBe(false);
          } else if (o.kind === 'advance') clock.advance(o.minutes * 60_000);
          else if (o.kind === 'sleep') clock.jump(clock.now() + o.minutes * 60_000); // timers did not run while asleep
          else if (o.kind === 'restart') {
            svc.stop();
            clock.jump(clock.now() + o.closedMinutes * 60_000);
            svc = make();
            svc.start();
          } else mode = o.mode;
          await settle();
          // Never anything but a lease; never a DELETE after Heroku confirmed one.
          for (const id of deletes) expect(leased.has(id)).toBe(true);
        }
        // Network back, app running, a minute on: every lease that has ended is revoked.
        mode = 'up';
        clock.advance(61_000);
        await settle();
        for (const id of leased) {
          const l = live.get(id);
          const ended = ledger.every((r) => r.authorizationId !== id);
          if (l && l.expiresAt !== null && l.expiresAt <= clock.now()) expect({ id, revoked: false }).toEqual({ id, revoked: true });
          // Gone at Heroku: dropped from the ledger, unless an unanswered DELETE before a restart
          // left it unsure and it is not due yet (it is read, not re-sent, when it comes due).
          const rec = ledger.find((r) => r.authorizationId === id);
          if (!l) expect(ended || (rec !== undefined && rec.endsAt > clock.now())).toBe(true);
        }
        expect(deleteAfterConfirmed).toBe(false);
        expect(resentUnread).toBe(false);
        svc.stop();
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});

describe('lease service', () => {
  it('takes 5 min to 8 h only, and ends only its own leases', async () => {
    const clock = new ManualClock();
    let ledger: LeaseRecord[] = [];
    const calls: string[] = [];
    const svc = new LeaseService({
      clock,
      store: { read: () => ledger, write: (l) => void (ledger = l) },
      logger: new RecordingLogger(),
      create: async (i) => {
        calls.push(`create ${i.expiresIn} ${i.description}`);
        return ok({ authorization: authorizationView({ id: 'L1', accountId: 'acc', expiresAt: new Date(clock.now() + i.expiresIn * 1000).toISOString() }), token: 't', kept: true });
      },
      revoke: async (id) => (calls.push(`revoke ${id}`), ok({ id })),
      exists: async () => ok(true),
    });
    expect((await svc.lease({ scopes: ['read'], lifetimeSeconds: 299 })).ok).toBe(false);
    expect((await svc.lease({ scopes: ['read'], lifetimeSeconds: 8 * 3600 + 1 })).ok).toBe(false);
    expect((await svc.lease({ scopes: ['read', 'write'], lifetimeSeconds: 900, accountId: 'acc' })).ok).toBe(true);
    expect(calls).toEqual(['create 900 Lease: read, write for 15 min (Heroku Token Tray)']);
    expect(svc.list()).toEqual([{ accountId: 'acc', id: 'L1', endsAt: new Date(clock.now() + 900_000).toISOString(), scopes: ['global'] }]);
    expect(await svc.end('someone-elses', 'acc')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await svc.end('L1', 'acc')).toEqual(ok({ id: 'L1' }));
    expect(calls).toEqual(['create 900 Lease: read, write for 15 min (Heroku Token Tray)', 'revoke L1']);
    expect(svc.list()).toEqual([]);
  });

  it('Heroku refuses to end a lease (403): no automatic retry; the lease says it could not be ended; End lease tries again', async () => {
    const clock = new ManualClock();
    let ledger: LeaseRecord[] = [];
    const calls: string[] = [];
    let refuse = true;
    const svc = new LeaseService({
      clock,
      store: { read: () => ledger, write: (l) => void (ledger = l) },
      logger: new RecordingLogger(),
      create: async (i) => ok({ authorization: authorizationView({ id: 'L1', accountId: 'acc', expiresAt: new Date(clock.now() + i.expiresIn * 1000).toISOString() }), token: 't', kept: true }),
      revoke: async (id) => (calls.push(`revoke ${id}`), refuse ? err<{ id: string }>('forbidden', 'Heroku refused.') : ok({ id })),
      exists: async () => ok(true),
      power: null,
    });
    svc.start();
    await svc.lease({ scopes: ['read'], lifetimeSeconds: 300, accountId: 'acc' });
    clock.advance(301_000);
    await settle();
    expect(calls).toEqual(['revoke L1']);
    for (let i = 0; i < 10; i++) clock.advance(61_000);
    await settle();
    expect(calls).toEqual(['revoke L1']);
    expect(svc.list()[0]).toMatchObject({ id: 'L1', endError: expect.stringMatching(/could not be ended/) });
    refuse = false;
    expect(await svc.end('L1', 'acc')).toEqual(ok({ id: 'L1' }));
    expect(svc.list()).toEqual([]);
    svc.stop();
  });
});
