/**
 * soonestFirst hands its sorted lists' expiries in ms (expiryMsOf) to the main process's walks
 * over every token (the expiry watcher's, the tray's): each must be exactly the item's own
 * expiresAt read back, +Infinity for never, whichever way the order was found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiryMsOf, soonestFirst, type AuthorizationView } from '../../../../shared/domain/authorization.js';
import { expiryMs } from '../../../../shared/domain/expiry.js';
import { authorizationView } from '../../../support/authorization-view.js';

const T0 = Date.parse('2026-12-01T12:00:00Z');
const item = ([id, at, name]: [number, number | null, number]): AuthorizationView =>
  authorizationView({ id: `t${id}`, description: `token ${name}`, expiresAt: at === null ? null : new Date(T0 + at * 1000).toISOString() });

describe('expiryMsOf', () => {
  it('gives each item of a sorted list its own expiresAt in ms, for first lists, long ones and lists sorted from a previous order', () => {
    const entry = fc.tuple(fc.nat(500), fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }), fc.nat(30));
    fc.assert(
      fc.property(fc.oneof(fc.array(entry, { maxLength: 20 }), fc.array(entry, { minLength: 64, maxLength: 150 })), fc.boolean(), fc.boolean(), (xs, withMs, withPrevious) => {
        const items = xs.map(item);
        const at = new Float64Array(items.map((v) => expiryMs(v.expiresAt) ?? Number.POSITIVE_INFINITY));
        const previous = withPrevious ? soonestFirst(items.slice(0, Math.floor(items.length / 2))) : undefined;
        const sorted = soonestFirst(items, previous, withMs ? at : undefined);
        const ms = expiryMsOf(sorted);
        expect(ms).toBeDefined();
        sorted.forEach((v, i) => expect(ms![i]).toBe(expiryMs(v.expiresAt) ?? Number.POSITIVE_INFINITY));
      }),
      { numRuns: 300 },
    );
  });

  it('knows nothing of a list it did not sort, nor of an unparseable expiry', () => {
    const items = [item([1, 10, 1]), item([2, null, 2])];
    expect(expiryMsOf(items)).toBeUndefined();
    expect(expiryMsOf(soonestFirst([...items, authorizationView({ id: 'bad', expiresAt: 'not a time' })]))).toBeUndefined();
  });
});
