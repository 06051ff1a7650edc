/**
 * The SettingsStore on `conf` (the engine of electron-store): one JSON file of non-secret state.
 * The folder is injected (`app.getPath('userData')` in the app, a temp dir in tests), so this file
 * imports no electron. On load the file is migrated to the current format and checked; a file
 * that is not JSON, or holds values that fail the schema, is moved aside as
 * `<name>.corrupt-<time>`, the valid parts (or defaults) load, and recoveryNotice() says so.
 * Nothing here ever throws at the app: a failed write is logged and the state stays in memory.
 *
 * Writes leave Electron's main thread. The file holds the expiry ledger (about 1 MB at 10,000
 * tokens): conf's synchronous write of it (serialise, write, rename) held the thread 12–17 ms at
 * every ledger change (`npm run bench`, event loop). An update now changes the state in memory at
 * once (read() sees it) and schedules the write: in later turns the state is serialised (as conf
 * does: tab-indented JSON; a slice of a long list per turn, ~1 ms each) and written to a temporary
 * file off the thread, then renamed over the file, off the thread too (atomic: a reader or a crash
 * sees the old file or the new one, never half of one). Updates
 * meanwhile are coalesced into the next write, and an older write never lands after a newer one.
 * flush() writes what is pending at once, synchronously: the app calls it on quit (core.stop()),
 * and anything that reads the file itself calls it first.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { defaultState, type Logger, type PersistedState, type SettingsStore } from '../ports.js';
import { invalidParts, migrate, salvage, SCHEMA_VERSION } from './settings-schema.js';
import { frozenCopy } from './memory-settings-store.js';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './private-files.js';
import { jsonTextSteps } from '../../shared/json-text-steps.js';
import { runStepsInTurns } from '../../shared/steps.js';

export interface ConfSettingsStoreOptions {
  /** The folder of the file (electron-store's default is app.getPath('userData')). */
  cwd?: string;
  /** Used by conf to find the OS config folder when no cwd is given. */
  projectName?: string;
  /** File name without extension (default `config`, like electron-store). */
  configName?: string;
  logger?: Logger;
  now?: () => number;
  /** The store class: conf (the core's worker thread has no Electron, so not electron-store); tests may pass a subclass. */
  engine?: ConfEngine;
  /**
   * Awaited between two steps of a write's serialisation (a slice of a long list each): the app's
   * turn queue (heroku/turns.ts), so a step never shares a loop iteration with another heavy step.
   * By default the next loop iteration (setImmediate).
   */
  turn?: () => Promise<void>;
}

/** Items of a long list serialised per step (the ledger's records: ~1 ms per 2,000 on the bench's machine). */
const SERIALIZE_STEP = 2000;
const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));

/** conf's constructor, or a subclass's such as electron-store's. */
export type ConfEngine = new (options: ConstructorParameters<typeof Conf<Record<string, unknown>>>[0]) => Conf<Record<string, unknown>>;

/** Marks a file conf could read but not parse (conf would otherwise throw from its constructor). */
const UNPARSEABLE = Symbol('unparseable');

/** JSON.parse that never throws: a broken file becomes a marker object, handled in load(). */
function tolerantParse(text: string): Record<string | symbol, unknown> {
  if (text.trim() === '') return { [UNPARSEABLE]: 'it is empty' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { [UNPARSEABLE]: 'it is not valid JSON' };
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return isObject ? (parsed as Record<string, unknown>) : { [UNPARSEABLE]: 'it does not hold a JSON object' };
}

export class ConfSettingsStore implements SettingsStore {
  private readonly conf: Conf<Record<string, unknown>> | null;
  private file: string | null;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private state: PersistedState = defaultState();
  /** What read() hands out until the next change: frozen, so sharing it is safe. */
  private snapshot: PersistedState | null = null;
  private notice: string | null = null;
  /** Bumped by every change to persist; `committed` is the change the file holds. */
  private changes = 0;
  private committed = 0;
  /** A write is scheduled or under way (it goes on while changes come in). */
  private writing = false;
  private temps = 0;
  /** The temporary file a write is renaming over the file right now (off the thread), if any. */
  private renaming: string | null = null;
  private readonly turn: () => Promise<void>;

  constructor(options: ConfSettingsStoreOptions) {
    if (!options.cwd && !options.projectName) throw new TypeError('ConfSettingsStore needs a cwd or a projectName.');
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.turn = options.turn ?? nextIteration;
    const configName = options.configName ?? 'config';
    const where = options.cwd ? { cwd: options.cwd } : { projectName: options.projectName, projectSuffix: '' };
    this.file = options.cwd ? path.resolve(options.cwd, `${configName}.json`) : null;
    try {
      if (options.cwd) ensurePrivateDir(options.cwd);
      const Engine = options.engine ?? Conf<Record<string, unknown>>;
      this.conf = new Engine({
        ...where,
        configName,
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
        deserialize: tolerantParse,
        // Every write is owner-only (conf's default is 0666 less the umask: world-readable).
        configFileMode: PRIVATE_FILE_MODE,
      });
      this.file = this.conf.path;
      ensurePrivateDir(path.dirname(this.file));
      makePrivate(this.file);
      this.load(this.conf.store);
    } catch (e) {
      // The file exists but cannot be read (permissions, a folder in its place...): run on defaults.
      this.conf = null;
      this.notice = `Your settings file could not be read, so defaults are used and changes are not saved (${errorText(e)}).`;
      this.logger?.error('could not open the settings file', { error: errorText(e) });
    }
    // The file as loaded (migrated, salvaged or new) is on disk before anything else happens.
    this.persist();
    this.flush();
  }

  /** The file this store reads and writes. */
  get path(): string | null {
    return this.file;
  }

  /** Reads the whole persisted state (defaults filled in). */
  read(): PersistedState {
    // Services read on every refresh and every check; a deep copy each time cost ~10 ms at 5,000 tokens.
    // frozenCopy shares the parts an update kept (they are frozen already) instead of copying them.
    return (this.snapshot ??= frozenCopy(this.state));
  }

  /** Applies a change and persists it; invalid parts of the change are refused and logged. */
  update(mutate: (state: PersistedState) => PersistedState): PersistedState {
    const before = this.read();
    // A copy of the change, sharing what it kept from read() (frozen, and checked before).
    const next = { ...frozenCopy(mutate(before)) };
    const bad = invalidParts(next, before);
    if (bad.length > 0) {
      // Never let a bad value reach the file (it would be "corrupt" on the next start).
      this.logger?.error('refused invalid settings change', { parts: bad });
      for (const key of bad) (next as unknown as Record<string, unknown>)[key] = this.state[key as keyof PersistedState];
    }
    this.state = next;
    this.snapshot = null;
    this.persist();
    return this.read();
  }

  /** A message for the user when the file was corrupt and was moved aside; null otherwise. */
  recoveryNotice(): string | null {
    return this.notice;
  }

  private load(data: Record<string | symbol, unknown>): void {
    const unparseable = data[UNPARSEABLE];
    if (typeof unparseable === 'string') return this.recover(unparseable, defaultState(), []);
    if (Object.keys(data).length === 0) return; // first run: no file yet
    const migrated = migrate(data);
    if (!migrated.ok) return this.recover(migrated.reason, defaultState(), []);
    const { state, reset } = salvage(migrated.data);
    if (reset.length > 0) return this.recover('some values were not valid', state, reset);
    this.state = state;
    this.snapshot = null;
    if (migrated.from !== SCHEMA_VERSION) this.logger?.info('settings migrated', { from: migrated.from, to: SCHEMA_VERSION });
  }

  /** Moves the broken file aside (kept for the user), loads what could be saved, and says so. */
  private recover(reason: string, state: PersistedState, reset: string[]): void {
    this.state = state;
    this.snapshot = null;
    const file = this.file ?? '';
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const aside = `${file}.corrupt-${stamp}`;
    let kept = `The old file was kept as ${path.basename(aside)}.`;
    try {
      fs.renameSync(file, aside);
      makePrivate(aside);
    } catch (e) {
      kept = 'The old file could not be kept.';
      this.logger?.error('could not move a corrupt settings file aside', { error: errorText(e) });
    }
    const what =
      reset.length > 0
        ? `These parts were not valid and went back to their defaults: ${reset.join('; ')}.`
        : 'Default settings were loaded.';
    this.notice = `Your settings file could not be used (${reason}). ${what} ${kept}`;
    this.logger?.warn('settings file recovered', { reason, reset });
  }

  /** Writes a pending change now, synchronously (on quit, or before the file is read directly). */
  flush(): void {
    const file = this.file;
    if (!this.conf || !file || this.committed === this.changes) return;
    const change = this.changes;
    const temp = this.tempFor(file);
    try {
      fs.writeFileSync(temp, this.serialize(), { mode: PRIVATE_FILE_MODE });
      // A write's rename under way (off the thread) must not land after this one: its file is
      // taken away first. Either that rename already happened (this one then replaces it) or it
      // now finds no file and the write is dropped as older (writeBehind).
      if (this.renaming) fs.rmSync(this.renaming, { force: true });
      fs.renameSync(temp, file);
      this.committed = change;
    } catch (e) {
      fs.rmSync(temp, { force: true });
      this.logger?.error('could not write the settings file', { error: errorText(e) });
    }
  }

  private persist(): void {
    if (!this.conf) return;
    this.changes++;
    if (this.writing) return;
    this.writing = true;
    setImmediate(() => void this.writeBehind());
  }

  /** Writes the latest state until the file holds the last change; one write at a time. */
  private async writeBehind(): Promise<void> {
    const file = this.file;
    try {
      while (file && this.committed < this.changes) {
        const change = this.changes;
        // The state as of this change (updates replace it, never change it in place), serialised
        // a slice of a long list per turn: whole, the 10,000-token ledger held the thread ~4 ms.
        const state = this.state;
        const temp = this.tempFor(file);
        try {
          const text = await runStepsInTurns(jsonTextSteps({ schemaVersion: SCHEMA_VERSION, ...state }, SERIALIZE_STEP), this.turn);
          // A flush() meanwhile wrote this change or a later one: this copy is older, drop it.
          if (this.committed >= change) continue;
          await fs.promises.writeFile(temp, text!, { mode: PRIVATE_FILE_MODE });
          if (this.committed >= change) {
            await fs.promises.rm(temp, { force: true });
            continue;
          }
          // Off the thread too (a rename over the file took 1–2.5 ms on ext4, which writes the new
          // file's blocks out first). A flush() meanwhile takes `temp` away (see flush).
          this.renaming = temp;
          try {
            await fs.promises.rename(temp, file);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT' && this.committed >= change) continue;
            throw e;
          } finally {
            this.renaming = null;
          }
          this.committed = Math.max(this.committed, change);
        } catch (e) {
          await fs.promises.rm(temp, { force: true }).catch(() => undefined);
          this.logger?.error('could not write the settings file', { error: errorText(e) });
          // The state stays in memory; the next change (or flush) tries again.
          return;
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** The file's text, as conf writes it (tab-indented JSON). */
  private serialize(): string {
    return JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...this.state }, undefined, '\t');
  }

  /** A temporary file of its own for every write (a flush can run while a write is under way). */
  private tempFor(file: string): string {
    return `${file}.${process.pid}.${++this.temps}.tmp`;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
