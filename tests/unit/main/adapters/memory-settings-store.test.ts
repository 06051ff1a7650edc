/** The in-memory store hands out frozen state, copies what a change brings, and shares what it kept. */
import { describe, expect, it } from 'vitest';
import { frozenCopy, MemorySettingsStore } from '../../../../main/adapters/memory-settings-store.js';

describe('MemorySettingsStore', () => {
  it('hands out deep-frozen state that a caller cannot change, and keeps its own copy of a change', () => {
    const store = new MemorySettingsStore();
    const ids = ['a', 'b'];
    const record = { authorizationId: 'a', thresholdSeconds: 60, expiresAt: '2026-01-01T00:00:00.000Z' };
    store.update((s) => ({ ...s, seenAuthorizations: { x: ids }, notified: [record] }));
    ids.push('c');
    record.thresholdSeconds = 1;
    const state = store.read();
    expect(state.seenAuthorizations).toEqual({ x: ['a', 'b'] });
    expect(state.notified[0]?.thresholdSeconds).toBe(60);
    expect(Object.isFrozen(state) && Object.isFrozen(state.seenAuthorizations.x) && Object.isFrozen(state.notified[0])).toBe(true);
    expect(() => (state.seenAuthorizations.x as string[]).push('d')).toThrow();
  });

  it('a change to one part copies that part only: the parts it kept from read() are the very same objects', () => {
    const store = new MemorySettingsStore();
    store.update((s) => ({ ...s, seenAuthorizations: { x: ['a'], y: ['b'] }, notified: [{ authorizationId: 'a', thresholdSeconds: 60, expiresAt: 'e' }] }));
    const before = store.read();
    store.update((s) => ({ ...s, seenAuthorizations: { ...s.seenAuthorizations, y: ['b', 'c'] }, lastCheckAt: 5 }));
    const after = store.read();
    expect(after.seenAuthorizations.x).toBe(before.seenAuthorizations.x);
    expect(after.notified).toBe(before.notified);
    expect(after.settings).toBe(before.settings);
    expect(after.seenAuthorizations.y).toEqual(['b', 'c']);
  });

  it('shares frozen leaf objects (nothing can change them) and copies frozen ones that hold unfrozen parts', () => {
    const leaf = Object.freeze({ a: 1, b: 'x' });
    const list = Object.freeze([leaf]);
    const copy = frozenCopy({ list });
    expect(copy.list).toBe(list);
    const inner = { n: 1 };
    const shallow = Object.freeze({ inner });
    const copied = frozenCopy(shallow);
    expect(copied).not.toBe(shallow);
    inner.n = 2;
    expect(copied.inner.n).toBe(1);
    expect(Object.isFrozen(copied.inner)).toBe(true);
  });

  it('a frozen list of frozen records (the expiry ledger\'s) is kept as it is, not copied', () => {
    const store = new MemorySettingsStore();
    const notified = Object.freeze([Object.freeze({ authorizationId: 'a', thresholdSeconds: 60, expiresAt: 'e' })]);
    store.update((s) => ({ ...s, notified: notified as typeof s.notified }));
    expect(store.read().notified).toBe(notified);
  });

  it('copies like structuredClone then deepFreeze for plain JSON values', () => {
    const value = { a: [1, { b: null, c: ['d'] }], e: { f: true, g: 1.5 }, h: undefined, d: new Date(0) };
    const copy = frozenCopy(value);
    expect(copy).toEqual(structuredClone(value));
    expect(copy.d).not.toBe(value.d);
  });
});
