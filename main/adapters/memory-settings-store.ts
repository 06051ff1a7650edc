/** A SettingsStore that keeps state in memory only (browser preview default, tests). */
import { defaultState, type PersistedState, type SettingsStore } from '../ports.js';

export class MemorySettingsStore implements SettingsStore {
  private state: PersistedState;
  private snapshot: PersistedState | null = null;

  constructor(initial?: Partial<PersistedState>) {
    this.state = { ...defaultState(), ...initial };
  }

  /** One frozen copy per change, not a deep copy per read (the state holds every seen id). */
  read(): PersistedState {
    return (this.snapshot ??= frozenCopy(this.state));
  }

  update(mutate: (state: PersistedState) => PersistedState): PersistedState {
    // One copy per change, frozen and kept as the snapshot: the state is only ever replaced, so
    // copying it again on the next read would copy the same thing twice. Parts the change kept
    // from read() are frozen already and are shared, not copied (see frozenCopy).
    this.state = this.snapshot = frozenCopy(mutate(this.read()));
    return this.state;
  }

  recoveryNotice(): string | null {
    return null;
  }
}

/** Freezes a plain value and everything in it: a caller that changes what read() gave fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Objects known to be frozen all the way down: frozenCopy made them, or checked them. */
const deeplyFrozen = new WeakSet<object>();

/**
 * A deep-frozen deep copy of a plain JSON-like value, like deepFreeze(structuredClone(value)),
 * except that parts nobody can change are shared instead of copied: what an earlier frozenCopy
 * made (a change keeps most of the state it read), and frozen objects and arrays whose values are
 * all such parts or primitives. A settings change that replaces one list of thousands of ids then
 * copies that list, not every other list in the state. Anything not a plain object or array (a
 * Date, a Map) is copied by structuredClone, as before.
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const obj = value as object;
  if (deeplyFrozen.has(obj)) return value;
  if (!isPlain(obj)) return deepFreeze(structuredClone(value));
  let same = Object.isFrozen(obj);
  // A frozen record of primitives (one of thousands in a list): shared as it is, cheaply, and
  // known as such from then on (the next state's copy of the list finds it in deeplyFrozen).
  if (same && !Array.isArray(obj) && primitivesOnly(obj)) {
    deeplyFrozen.add(obj);
    return value;
  }
  let out: object;
  if (Array.isArray(obj)) {
    const arr = new Array<unknown>(obj.length);
    for (let i = 0; i < obj.length; i++) {
      const v = obj[i] as unknown;
      arr[i] = frozenCopy(v);
      same &&= arr[i] === v;
    }
    out = arr;
  } else {
    const rec: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      rec[k] = frozenCopy(v as unknown);
      same &&= rec[k] === v;
    }
    out = rec;
  }
  // Frozen, and everything in it can be shared: nobody can change it, keep it as it is.
  if (same) out = obj;
  else Object.freeze(out);
  deeplyFrozen.add(out);
  return out as T;
}

/** Whether every own enumerable value is a primitive (no array of values is made to tell). */
function primitivesOnly(o: object): boolean {
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = (o as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}

function isPlain(o: object): boolean {
  if (Array.isArray(o)) return true;
  const proto = Object.getPrototypeOf(o) as unknown;
  return proto === Object.prototype || proto === null;
}
