/**
 * Variable assignments in the text files people keep tokens in: `.env` (`KEY=value`, quoted or
 * not), shell profiles (`export KEY=value`), fish (`set -x KEY value`). Finds them and replaces
 * one value in place, leaving every other byte of the file as it was. Pure; the text is a secret
 * the caller must drop after use.
 */

export interface Assignment {
  /** 0-based line number. */
  line: number;
  name: string;
  value: string;
  /** Offsets of the value within the whole text (quotes excluded). */
  start: number;
  end: number;
}

const SH = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(["']?)([^"'\s#]*)\4/;
const FISH = /^(\s*set\s+(?:-[a-zA-Z]+\s+)*)([A-Za-z_][A-Za-z0-9_]*)(\s+)(["']?)([^"'\s#]*)\4/;

/** Every `NAME=value` (and fish `set -x NAME value`) in the text, in order. */
export function findAssignments(text: string): Assignment[] {
  const out: Assignment[] = [];
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((raw, line) => {
    const m = SH.exec(raw) ?? FISH.exec(raw);
    if (m) {
      const start = offset + m[1]!.length + m[2]!.length + m[3]!.length + m[4]!.length;
      out.push({ line, name: m[2]!, value: m[5]!, start, end: start + m[5]!.length });
    }
    offset += raw.length + 1;
  });
  return out;
}

/**
 * Replaces the value of `name` where it equals `expected` (so a file edited meanwhile is not
 * overwritten blindly); null when no such assignment is there.
 */
export function replaceAssignment(text: string, name: string, expected: string, next: string): string | null {
  const hits = findAssignments(text).filter((a) => a.name === name && a.value === expected);
  if (hits.length === 0) return null;
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const a of [...hits].reverse()) out = out.slice(0, a.start) + next + out.slice(a.end);
  return out;
}

/** The value of `name` (its last assignment wins, as in a shell), or null. */
export function valueOf(text: string, name: string): string | null {
  const hits = findAssignments(text).filter((a) => a.name === name);
  return hits.length > 0 ? hits[hits.length - 1]!.value : null;
}
