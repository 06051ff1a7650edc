/** A SettingsStore that keeps state in memory only (browser preview default, tests). */
import type { PersistedState, SettingsStore } from '../ports.js';
import { defaultState } from '../services/defaults.js';

export class MemorySettingsStore implements SettingsStore {
  private state: PersistedState;

  constructor(initial?: Partial<PersistedState>) {
    this.state = { ...defaultState(), ...initial };
  }

  read(): PersistedState {
    return structuredClone(this.state);
  }

  update(mutate: (state: PersistedState) => PersistedState): PersistedState {
    this.state = structuredClone(mutate(this.read()));
    return this.read();
  }

  recoveryNotice(): string | null {
    return null;
  }
}
