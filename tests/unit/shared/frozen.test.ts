/** Values their maker marked as frozen all the way down are shared by the settings stores' frozenCopy, not walked. */
import { describe, expect, it } from 'vitest';
import { isDeeplyFrozen, markDeeplyFrozen } from '../../../shared/frozen.js';
import { frozenCopy } from '../../../main/adapters/memory-settings-store.js';
import { ExpiryLedger } from '../../../main/services/expiry-ledger.js';

describe('markDeeplyFrozen', () => {
  it('refuses a value that is not frozen', () => {
    expect(() => markDeeplyFrozen({ a: 1 })).toThrow(/not frozen/);
    expect(isDeeplyFrozen(markDeeplyFrozen(Object.freeze({ a: 1 })))).toBe(true);
  });

  it('the ledger marks what it persists: a store copies none of its thousands of records, nor the list', () => {
    const ledger = new ExpiryLedger(120_000, { seenBefore: new Set(), lastCheckAt: null, notified: [] });
    for (let i = 0; i < 5000; i++) ledger.markDone(`id-${i}`, 3600, { expiresAtMs: 1.8e12 + i, firstReceivedAt: 0, firstSeenAt: 0 });
    const records = ledger.toPersisted();
    expect(isDeeplyFrozen(records)).toBe(true);
    expect(records.every((r) => Object.isFrozen(r))).toBe(true);
    // The very same list comes back: nothing was walked or copied.
    expect(frozenCopy(records)).toBe(records);
    const state = frozenCopy({ notified: records, lastCheckAt: 1 });
    expect(state.notified).toBe(records);
    // A new list of the same records (a change that filtered some out) is a new list of the very
    // same record objects: frozen records of primitives are shared, not copied.
    const some = Object.freeze(records.slice(0, 10));
    const copied = frozenCopy({ notified: some }).notified;
    expect(copied).toBe(some);
    expect(copied.every((r, i) => r === records[i])).toBe(true);
  });

  it('an unmarked frozen list is still checked, and a mutable object inside it is copied', () => {
    const inner = { x: 1 };
    const list = Object.freeze([Object.freeze({ a: 'b' }), inner]);
    const copy = frozenCopy(list);
    expect(copy).not.toBe(list);
    expect(copy[1]).not.toBe(inner);
    expect(Object.isFrozen(copy[1])).toBe(true);
    expect(copy[0]).toBe(list[0]);
  });
});
