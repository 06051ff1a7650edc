/**
 * Masks anything shaped like a Heroku token in text: `HRKU-…` tokens, bare UUID tokens (legacy keys
 * and OAuth tokens look like any other UUID, so every UUID is masked), and whatever follows
 * `Bearer`. In log metadata, values under secret-sounding keys are masked whatever their shape.
 */

const HRKU = /HRKU-[A-Za-z0-9_-]{6,}/gi;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const BEARER = /\b(Bearer\s+)(?!\[redacted)([^\s"',;]{8,})/gi;
/** Metadata keys whose values are secrets by name (`token`, `apiKey`, `password`, `authorization`...). */
const SECRET_KEY = /(token|api[_-]?key|password|passwd|secret|authorization|bearer|credentials?)$/i;

/** Replaces every token-shaped substring with a mask that keeps only the last 4 characters. */
export function redact(text: string): string {
  return text
    .replace(HRKU, (m) => `HRKU-[redacted…${m.slice(-4)}]`)
    .replace(UUID, (m) => `[redacted…${m.slice(-4)}]`)
    .replace(BEARER, (_m, prefix: string) => `${prefix}[redacted]`);
}

/** True when a metadata key names a secret (its value is masked whatever it looks like). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Redacts every string inside a JSON-like value (for log metadata); Errors become plain objects. */
export function redactDeep(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
  }
  if (value && typeof value === 'object') {
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen));
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretKey(k) && v !== null && v !== undefined ? '[redacted]' : redactDeep(v, seen)]),
    );
  }
  return value;
}
