/**
 * The settings file's shape, its versioned migrations, and salvage of hand-broken values.
 * Pure functions (no file access), so the rules are tested without a disk.
 *
 * File layout: `{ schemaVersion: N, settings, accounts, activeAccountId, heldTokens, ... }`.
 * A file without `schemaVersion` is version 0 (the first preview builds).
 */
import { z } from 'zod';
import { IMPORT_SOURCES, settingsSchema, type Settings } from '../../shared/contract.js';
import { defaultState, type PersistedState } from '../ports.js';

export const SCHEMA_VERSION = 1;

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Migration N turns a version N-1 file into a version N file. Never throws on odd input. */
const MIGRATIONS: Record<number, (raw: Raw) => Raw> = {
  // v0 kept notification thresholds in hours (`notifyThresholdsHours`); v1 counts seconds.
  1: (raw) => {
    if (!isObject(raw.settings)) return raw;
    const { notifyThresholdsHours, ...settings } = raw.settings;
    if (Array.isArray(notifyThresholdsHours) && settings.thresholdsSeconds === undefined) {
      settings.thresholdsSeconds = notifyThresholdsHours.map((h) => (typeof h === 'number' ? Math.round(h * 3600) : h));
    }
    return { ...raw, settings };
  },
};

export type MigrationOutcome =
  | { ok: true; data: Raw; from: number }
  | { ok: false; reason: string };

/** Brings a parsed file up to SCHEMA_VERSION; refuses files from a newer app or of the wrong shape. */
export function migrate(parsed: unknown): MigrationOutcome {
  if (!isObject(parsed)) return { ok: false, reason: 'it does not hold a JSON object' };
  const version = parsed.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, reason: 'its schemaVersion is not a version number' };
  }
  if (version > SCHEMA_VERSION) return { ok: false, reason: `it was written by a newer version of the app (format ${version})` };
  let data: Raw = { ...parsed };
  for (let v = version + 1; v <= SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (step) data = step(data);
  }
  return { ok: true, data: { ...data, schemaVersion: SCHEMA_VERSION }, from: version };
}

const id = z.string().min(1).max(200);
const accountSchema = z.object({
  id,
  email: z.string().min(1).max(320),
  name: z.string().max(500).nullable(),
  source: z.enum(['sign-in', ...IMPORT_SOURCES]),
  addedAt: z.string().min(1),
  origin: z.string().url().optional(),
});
const idLists = z.record(id, z.array(id));
export const notifiedRecordSchema = z.object({ authorizationId: id, thresholdSeconds: z.number().int().min(0), expiresAt: z.string() });

/** Every section of the persisted state but settings, each checked on its own. */
const SECTIONS = {
  accounts: z.array(accountSchema),
  activeAccountId: id.nullable(),
  heldTokens: idLists,
  seenAuthorizations: idLists,
  notified: z.array(notifiedRecordSchema),
  lastCheckAt: z.number().finite().nullable(),
  leases: z.array(
    z.object({ accountId: id, authorizationId: id, endsAt: z.number().finite(), createdAt: z.number().finite(), scopes: z.array(z.string().max(50)).max(10) }),
  ),
} satisfies { [K in Exclude<keyof PersistedState, 'settings'>]: z.ZodType<PersistedState[K]> };

const SECTION_LABELS: Record<keyof PersistedState, string> = {
  settings: 'settings',
  accounts: 'the list of accounts',
  activeAccountId: 'the active account',
  heldTokens: 'the list of tokens kept in the keychain',
  seenAuthorizations: 'the list of tokens already seen',
  notified: 'the record of notifications already shown',
  lastCheckAt: 'the time of the last expiry check',
  leases: 'the list of leased tokens',
};

export interface Salvaged {
  state: PersistedState;
  /** What was present but invalid and went back to its default, in words. */
  reset: string[];
}

/** Keeps every valid part of a (migrated) file; an invalid part goes back to its default. */
export function salvage(data: Raw): Salvaged {
  const state = defaultState();
  const reset: string[] = [];
  const settings = salvageSettings(data.settings, state.settings);
  state.settings = settings.value;
  reset.push(...settings.reset);
  for (const key of Object.keys(SECTIONS) as Array<keyof typeof SECTIONS>) {
    if (data[key] === undefined) continue;
    const parsed = SECTIONS[key].safeParse(data[key]);
    if (parsed.success) (state as unknown as Raw)[key] = parsed.data;
    else reset.push(SECTION_LABELS[key]);
  }
  const known = new Set(['schemaVersion', 'settings', ...Object.keys(SECTIONS)]);
  const unknown = Object.keys(data).filter((k) => !known.has(k));
  if (unknown.length > 0) reset.push(`unknown entries (${unknown.join(', ')}), which were dropped`);
  if (state.activeAccountId !== null && !state.accounts.some((a) => a.id === state.activeAccountId)) {
    state.activeAccountId = state.accounts[0]?.id ?? null;
  }
  return { state, reset };
}

/** Settings are checked one by one, so one bad hand edit does not reset the others. */
function salvageSettings(raw: unknown, defaults: Settings): { value: Settings; reset: string[] } {
  if (raw === undefined) return { value: defaults, reset: [] };
  if (!isObject(raw)) return { value: defaults, reset: [SECTION_LABELS.settings] };
  const value: Raw = { ...defaults };
  const reset: string[] = [];
  const shape = settingsSchema.shape;
  for (const key of Object.keys(shape) as Array<keyof Settings>) {
    if (raw[key] === undefined) continue;
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success) value[key] = parsed.data;
    else reset.push(`the setting "${key}"`);
  }
  const unknown = Object.keys(raw).filter((k) => !(k in shape));
  if (unknown.length > 0) reset.push(`unknown settings (${unknown.join(', ')}), which were dropped`);
  return { value: value as unknown as Settings, reset };
}

/**
 * Checks a whole state before it is written; returns the names of the invalid parts. A part that
 * is the very object it was in `checked` (a state that passed this check, or was loaded through
 * salvage) is valid already and is not walked again: with thousands of seen ids and records, a
 * change to one part then checks that part only.
 */
export function invalidParts(state: PersistedState, checked?: PersistedState): string[] {
  const bad: string[] = [];
  if (state.settings !== checked?.settings && !settingsSchema.safeParse(state.settings).success) bad.push('settings');
  for (const key of Object.keys(SECTIONS) as Array<keyof typeof SECTIONS>) {
    if (checked !== undefined && state[key] === checked[key]) continue;
    const valid = key === 'notified' ? validRecords(state.notified) : SECTIONS[key].safeParse(state[key]).success;
    if (!valid) bad.push(key);
  }
  return bad;
}

/**
 * notifiedRecordSchema's check, by hand: a first check of 10,000 tokens writes ~8,500 new records
 * at once, and with zod the update writing them took 35 ms on a cold start (9 ms warm; 6–7.5 ms
 * with this), on the main thread. fast-check
 * shows both accept exactly the same values (tests/unit/main/adapters/settings-schema.property.test.ts).
 */
export function isNotifiedRecord(r: unknown): boolean {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  const { authorizationId: a, thresholdSeconds: t, expiresAt: e } = r as Record<string, unknown>;
  return typeof a === 'string' && a.length >= 1 && a.length <= 200 && typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 && typeof e === 'string';
}

/** Frozen notified records that passed the check once (frozen: they cannot have changed since). */
const checkedRecords = new WeakSet<object>();

/**
 * The notified records, each checked once: the expiry ledger hands out a new list at every change
 * but keeps its records (frozen, settings-store.ts shares them), so a write after a check of
 * 10,000 tokens checks the few records it added, not the ~8,500 it had (~19 ms on a cold start).
 */
function validRecords(records: unknown): boolean {
  if (!Array.isArray(records)) return false;
  for (const r of records) {
    const frozen = typeof r === 'object' && r !== null && Object.isFrozen(r);
    if (frozen && checkedRecords.has(r)) continue;
    if (!isNotifiedRecord(r)) return false;
    if (frozen) checkedRecords.add(r);
  }
  return true;
}
