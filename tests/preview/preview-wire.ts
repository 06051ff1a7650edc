/**
 * The preview host's half of the bridge's argument encoding (bridge.ts `encode`): turns the
 * tagged values back into what Electron's structured clone would have delivered (NaN, Infinity,
 * undefined, BigInt, Date), so the contract's parse refuses exactly what it refuses in the app.
 */
const TAG = '$tokenTray';

const NUMBERS: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity };

/** Rebuilds a value the bridge encoded; anything not tagged passes through unchanged. */
export function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (!Object.hasOwn(record, TAG)) return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v)]));
  const tag = record[TAG];
  if (typeof tag === 'string' && tag in NUMBERS) return NUMBERS[tag];
  if (tag === 'undefined') return undefined;
  if (tag === 'bigint' && typeof record.value === 'string' && /^-?\d+$/.test(record.value)) return BigInt(record.value);
  if (tag === 'date' && typeof record.value === 'number') return new Date(record.value);
  if (tag === 'object' && Array.isArray(record.entries)) {
    return Object.fromEntries(
      record.entries.filter((e): e is [string, unknown] => Array.isArray(e) && typeof e[0] === 'string').map(([k, v]) => [k, revive(v)]),
    );
  }
  // Not something the bridge writes: a value no schema accepts, so the parse refuses it.
  return Symbol('unreadable preview argument');
}
