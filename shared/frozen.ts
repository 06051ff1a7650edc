/**
 * Values known to be frozen all the way down, so a settings store can share them instead of
 * checking or copying them (main/adapters/memory-settings-store.ts frozenCopy). Whoever builds
 * such a value frozen (the expiry ledger's persisted list, for one) may say so here; nothing
 * else is kept about it, and a value not marked is simply checked.
 */
const deeplyFrozen = new WeakSet<object>();

/** Marks a value its maker froze all the way down (it throws if the outer object is not frozen). */
export function markDeeplyFrozen<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) throw new Error('markDeeplyFrozen: the value is not frozen');
  deeplyFrozen.add(value);
  return value;
}

/** Whether a value was marked (by markDeeplyFrozen, or by a frozen copy made of it). */
export function isDeeplyFrozen(value: object): boolean {
  return deeplyFrozen.has(value);
}
