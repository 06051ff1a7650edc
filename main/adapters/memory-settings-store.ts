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
    return (this.snapshot ??= deepFreeze(structuredClone(this.state)));
  }

  update(mutate: (state: PersistedState) => PersistedState): PersistedState {
    // One copy per change, frozen and kept as the snapshot: the state is only ever replaced, so
    // copying it again on the next read would copy the same thing twice.
    this.state = this.snapshot = deepFreeze(structuredClone(mutate(this.read())));
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
