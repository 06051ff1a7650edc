/**
 * Where consumer records and replace runs are kept: `consumers.json` in the app's data folder
 * (written atomically), or memory. The state holds names and ids only, never a token or a value;
 * a corrupt file is moved aside and the app starts from an empty state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ConsumerState, ConsumerStore } from '../ports.js';

export const emptyConsumerState = (): ConsumerState => ({ files: [], consumers: [], scannedAt: {}, operations: [] });

function valid(x: unknown): x is ConsumerState {
  const s = x as ConsumerState;
  return !!s && Array.isArray(s.files) && Array.isArray(s.consumers) && typeof s.scannedAt === 'object' && Array.isArray(s.operations);
}

/** In memory (tests, browser preview). */
export class MemoryConsumerStore implements ConsumerStore {
  private state: ConsumerState;
  constructor(initial: Partial<ConsumerState> = {}) {
    this.state = { ...emptyConsumerState(), ...initial };
  }
  read(): ConsumerState {
    return structuredClone(this.state);
  }
  update(mutate: (state: ConsumerState) => ConsumerState): ConsumerState {
    this.state = structuredClone(mutate(this.read()));
    return this.read();
  }
}

/** A JSON file, rewritten atomically on every change. */
export class JsonConsumerStore implements ConsumerStore {
  private state: ConsumerState;
  constructor(private readonly file: string) {
    this.state = this.load();
  }
  read(): ConsumerState {
    return structuredClone(this.state);
  }
  update(mutate: (state: ConsumerState) => ConsumerState): ConsumerState {
    const next = structuredClone(mutate(this.read()));
    const tmp = `${this.file}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, JSON.stringify(next, null, 1), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.state = next;
    return this.read();
  }
  private load(): ConsumerState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return emptyConsumerState();
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (valid(parsed)) return { ...emptyConsumerState(), ...parsed };
    } catch {
      // fall through: moved aside below
    }
    fs.renameSync(this.file, `${this.file}.corrupt-${Date.now()}`);
    return emptyConsumerState();
  }
}
