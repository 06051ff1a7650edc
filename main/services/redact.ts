/** Masks anything shaped like a Heroku token in text: `HRKU-…` tokens and bare UUID tokens. */

const HRKU = /HRKU-[A-Za-z0-9_-]{6,}/g;
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;

/** Replaces every token-shaped substring with a mask that keeps only the last 4 characters. */
export function redact(text: string): string {
  return text.replace(HRKU, (m) => `HRKU-[redacted…${m.slice(-4)}]`).replace(UUID, (m) => `[redacted…${m.slice(-4)}]`);
}

/** Redacts every string inside a JSON-like value (for log metadata). */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}
