/**
 * Reading a JSON answer from its bytes, fast, without trusting it.
 *
 * A big top-level array can be cut into runs of whole items (~48 KB each) by one pass over the
 * bytes, each run decoded and parsed on its own, with a turn of the event loop between steps, so
 * that no one parse holds Electron's main thread for long. Anything the pass does not understand
 * falls back to the plain parse, whose result (or error) is then the answer, so this way can never
 * accept what JSON.parse rejects. A list page (~480 KB) is not worth it: measured side by side,
 * one `JSON.parse(bytes.toString())` per page took 16 ms for the ten pages of a 10,000-token list
 * and the pass with the runs 20 ms, so the list reader parses bodies up to WHOLE_BYTES whole.
 *
 * The same pass notes where each item's `access_token.expires_in` value sits (`slots`), for
 * authorization-list.ts: a page whose bytes are the held page's bytes except at those places is
 * the held page with new expiries, and needs no parse at all. A page parsed whole gets that
 * layout later, from listLayoutSteps, when a next page is first compared with it.
 */

import { isAscii } from 'node:buffer';
import { runSteps, runStepsInTurns } from '../../shared/steps.js';

/** Where a list page's items and their access_token.expires_in values are, by byte offset. */
export interface ListLayout {
  /** Items on the page. */
  items: number;
  /** [start, end) byte offsets of every access_token.expires_in value, in the order they appear. */
  slots: Int32Array;
  /** The item (0-based) each slot belongs to. */
  slotItem: Int32Array;
}

export type JsonBody = { ok: true; value: unknown; layout: ListLayout | null } | { ok: false };

/** Runs of items are parsed this many bytes at a time (well below V8's 128 KB young-generation object limit). */
const RUN_BYTES = 48 * 1024;
/** Runs parsed per step of parseSteps (about 200 KB: a 1,000-item page is three steps). */
const STEP_RUNS = 4;
/** Containers nested deeper than this are left to JSON.parse (no layout). */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const ACCESS_TOKEN = Buffer.from('access_token');
const EXPIRES_IN = Buffer.from('expires_in');

/**
 * Bodies up to this size are parsed whole when their layout is not asked for: one JSON.parse of a
 * 1,000-item page (~480 KB) takes 1–2 ms, less than the scan and the runs together (10 such
 * pages: 16 vs 20 ms, median of 40, on this project's 2-core machines), and is one block short
 * enough for the main thread. Larger bodies still go run by run, in steps.
 */
const WHOLE_BYTES = 1024 * 1024;

/**
 * Bodies at least this long are read padded (textOf). V8 gives a string over its regular-object
 * limit (128 KB) pages of fresh memory of its own, handed back to the system when the string dies:
 * a list page's text (~475 KB) touched ~120 fresh pages each time, 1.2–1.4 ms of a ~2.4 ms parse
 * on this project's 2-core machines (10 µs a page). Below this length the padding costs more than
 * the fresh pages it saves: text and parse of a 135 KB page 0.97 ms as UTF-8 against 1.36 ms
 * padded, 190 KB 1.25 against 1.67 ms, 295 KB 1.87 against 1.12 ms, 422 KB 2.69 against 1.62 ms
 * (medians, Node 20 with glibc's malloc).
 */
const PADDED_TEXT_MIN_BYTES = 256 * 1024;
/**
 * From this length on, Node makes a latin1 string as an external string over memory from malloc
 * (EXTERN_APEX in Node's src/string_bytes.cc, the same since Node 0.x), which glibc's malloc reuses
 * from one page to the next instead of touching fresh pages. Not measured in Electron, whose
 * malloc may be Chromium's PartitionAlloc: whether it reuses blocks of this size is not known here.
 */
const EXTERNAL_TEXT_BYTES = 0xfbee9;
/** Where a body is padded to EXTERNAL_TEXT_BYTES (made on first use; one per thread, held for its life, spaces between uses). */
let padded: Buffer | null = null;

/**
 * A body's text for JSON.parse, made where it costs least. A large ASCII body (a list page is
 * ASCII unless a description or name is not) reads the same in latin1 as in UTF-8, so it is read
 * as latin1 from a buffer padded with spaces to EXTERNAL_TEXT_BYTES: an external string, in memory
 * malloc reuses. Spaces after a JSON text are JSON's whitespace, so the value and every refusal are
 * JSON.parse's on the body itself. Any other body is decoded as UTF-8, as ever. Measured: a 432 KB
 * page's text and parse 2.4 → 1.4 ms; a 10,000-token first refresh's thread busy ~12 ms less.
 */
function textOf(bytes: Buffer): string {
  if (bytes.length < PADDED_TEXT_MIN_BYTES || !isAscii(bytes)) return bytes.toString('utf8');
  if (bytes.length >= EXTERNAL_TEXT_BYTES) return bytes.toString('latin1');
  const into = (padded ??= Buffer.alloc(EXTERNAL_TEXT_BYTES, 0x20));
  bytes.copy(into);
  try {
    return into.toString('latin1');
  } finally {
    into.fill(0x20, 0, bytes.length);
  }
}

/** Parses a JSON body; a top-level array also gets its layout (null when anything was unusual). */
export function parseJsonBody(bytes: Buffer): JsonBody {
  return runSteps(parseSteps(bytes));
}

/**
 * parseJsonBody in steps: the generator stops (yields) after the scan and after every
 * STEP_RUNS runs of a big array, so a caller on Electron's main thread can let the event loop run
 * between them (parseJsonBodyInTurns). Run to its end it returns what parseJsonBody returns.
 * With `layout` false, a body of up to WHOLE_BYTES is parsed whole, with no scan and a null
 * layout (listLayoutSteps reads it later, if ever needed); a larger one is read as ever.
 */
export function* parseSteps(bytes: Buffer, layout = true): Generator<void, JsonBody, void> {
  if (!layout && bytes.length <= WHOLE_BYTES) return parseWhole(bytes);
  const scan = scanArray(bytes);
  if (scan) {
    if (bytes.length > STEP_RUNS * RUN_BYTES) yield;
    const value = yield* parseRuns(bytes, scan.open, scan.itemEnds);
    if (value) return { ok: true, value, layout: scan.layout };
  }
  return parseWhole(bytes);
}

/** parseJsonBody with a turn of the event loop (`turn`) between its steps (`layout`: as parseSteps). */
export function parseJsonBodyInTurns(bytes: Buffer, turn: () => Promise<void>, layout = true): Promise<JsonBody> {
  return runStepsInTurns(parseSteps(bytes, layout), turn);
}

/**
 * The layout of a body already parsed without it (parseSteps with `layout` false): the same scan
 * parseJsonBody makes, so the same layout, or null where parseJsonBody's would be null. The scan
 * stops (yields) after about every `step` bytes, so a caller on Electron's main thread can let the
 * event loop run in between. The first scan of a run of the
 * app is slow (not yet compiled: ~15 ms for a 480 KB page on these machines, against ~0.8 ms once
 * warm), and ten accounts' first comparisons come at once.
 */
export function* listLayoutSteps(bytes: Buffer, step = LAYOUT_STEP_BYTES): Generator<void, ListLayout | null, void> {
  return (yield* scanArraySteps(bytes, step))?.layout ?? null;
}

/** Bytes a step of listLayoutSteps scans by default. */
const LAYOUT_STEP_BYTES = 64 * 1024;

function parseWhole(bytes: Buffer): JsonBody {
  try {
    return { ok: true, value: JSON.parse(textOf(bytes)), layout: null };
  } catch {
    return { ok: false };
  }
}

/** Parses the items run by run, stopping after every STEP_RUNS runs; null if any run does not parse (the caller then parses the whole). */
function* parseRuns(bytes: Buffer, open: number, itemEnds: number[]): Generator<void, unknown[] | null, void> {
  const out: unknown[] = [];
  let runStart = open + 1;
  let runFirst = 0;
  let runs = 0;
  for (let k = 0; k < itemEnds.length; k++) {
    const end = itemEnds[k]!;
    if (end - runStart < RUN_BYTES && k < itemEnds.length - 1) continue;
    if (runs > 0 && runs % STEP_RUNS === 0) yield;
    runs++;
    let part: unknown;
    try {
      part = JSON.parse(runText(bytes, runStart - 1, end));
    } catch {
      return null;
    }
    if (!Array.isArray(part) || part.length !== k - runFirst + 1) return null;
    for (const item of part) out.push(item);
    runStart = end + 1;
    runFirst = k + 1;
  }
  return out;
}

/**
 * The text of the items between `left` and `right` as an array of their own: the bytes there (the
 * page's `[` or the comma before the run, and the comma or `]` after it) read as `[` and `]`.
 * Written into the buffer for the decode and put back at once (in the same turn), so no bracketed
 * copy of the run is built (`"[" + run + "]"` flattened by JSON.parse was a second ~48 KB string
 * per run: 21.0 → 18.8 MB allocated by a first list of 5,000 tokens, V8's sampling heap profiler).
 */
function runText(bytes: Buffer, left: number, right: number): string {
  const l = bytes[left]!;
  const r = bytes[right]!;
  bytes[left] = OPEN_BRACKET;
  bytes[right] = CLOSE_BRACKET;
  try {
    return bytes.toString('utf8', left, right + 1);
  } finally {
    bytes[left] = l;
    bytes[right] = r;
  }
}

/**
 * One pass over a top-level array: where it opens, where each item ends (the byte of the comma
 * or closing bracket after it), and where each item's access_token.expires_in value is. Null when
 * the body does not look like a well-formed array (JSON.parse then has the last word).
 */
function scanArray(b: Buffer): ScanResult | null {
  return runSteps(scanArraySteps(b, Number.POSITIVE_INFINITY));
}

interface ScanResult {
  open: number;
  itemEnds: number[];
  layout: ListLayout | null;
}

/** scanArray, stopping (yielding) after about every `step` bytes. */
function* scanArraySteps(b: Buffer, step: number): Generator<void, ScanResult | null, void> {
  const n = b.length;
  let i = 0;
  while (isSpace(b[i])) i++;
  if (b[i] !== OPEN_BRACKET) return null;
  const open = i;
  /** Container at each depth: 1 object, 2 array. */
  const kind = new Uint8Array(MAX_DEPTH + 1);
  kind[1] = 2;
  let depth = 1;
  /** The last key read in an item (depth 2) was `access_token`. */
  let accessKey = false;
  /** The depth-3 container is the object value of an item's access_token. */
  let inAccessToken = false;
  let expectKey = false;
  /** The current item has begun (a comma at depth 1 before that is an empty item). */
  let sawValue = false;
  const itemEnds: number[] = [];
  const slots: number[] = [];
  const slotItem: number[] = [];
  let usable = true;
  let pause = open + step;
  for (i = open + 1; i < n; i++) {
    if (i >= pause) {
      yield;
      pause = i + step;
    }
    const c = b[i]!;
    if (c === QUOTE) {
      const end = closingQuote(b, i + 1);
      if (end < 0) return null;
      sawValue = true;
      if (!expectKey) {
        i = end;
        continue;
      }
      expectKey = false;
      const keyStart = i + 1;
      let j = end + 1;
      while (isSpace(b[j])) j++;
      if (b[j] !== COLON) return null;
      i = j;
      if (depth === 2) accessKey = isKey(b, keyStart, end, ACCESS_TOKEN);
      if (depth !== 3 || !inAccessToken || !isKey(b, keyStart, end, EXPIRES_IN)) continue;
      let v = j + 1;
      while (isSpace(b[v])) v++;
      const first = b[v];
      // A string, object or array there is for the full check to judge: no slot, no fast path.
      if (first === QUOTE || first === OPEN_BRACE || first === OPEN_BRACKET) {
        usable = false;
        continue;
      }
      let e = v;
      while (e < n && !isSpace(b[e]) && b[e] !== COMMA && b[e] !== CLOSE_BRACE && b[e] !== CLOSE_BRACKET) e++;
      if (e === v) return null;
      slots.push(v, e);
      slotItem.push(itemEnds.length);
      i = e - 1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      sawValue = true;
      if (depth === MAX_DEPTH) return null;
      depth++;
      kind[depth] = c === OPEN_BRACE ? 1 : 2;
      if (depth === 3) inAccessToken = c === OPEN_BRACE && accessKey;
      expectKey = c === OPEN_BRACE;
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (kind[depth] !== (c === CLOSE_BRACE ? 1 : 2)) return null;
      depth--;
      expectKey = false;
      if (depth === 2) inAccessToken = false;
      if (depth > 0) continue;
      // The closing bracket: the last item ends here; a trailing comma is JSON.parse's to reject.
      if (sawValue) itemEnds.push(i);
      else if (itemEnds.length > 0) return null;
      let j = i + 1;
      while (isSpace(b[j])) j++;
      if (j !== n) return null;
      return { open, itemEnds, layout: usable ? { items: itemEnds.length, slots: Int32Array.from(slots), slotItem: Int32Array.from(slotItem) } : null };
    }
    if (c === COMMA) {
      if (depth === 1) {
        if (!sawValue) return null;
        itemEnds.push(i);
        sawValue = false;
        accessKey = false;
      } else expectKey = kind[depth] === 1;
      continue;
    }
    if (!isSpace(c)) sawValue = true;
  }
  return null;
}

/** Whether the key whose content is bytes [start, end) is exactly `word`, written without escapes. */
function isKey(b: Buffer, start: number, end: number, word: Buffer): boolean {
  return end - start === word.length && b.compare(word, 0, word.length, start, end) === 0;
}

/** The index of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(b: Buffer, from: number): number {
  let j = from;
  for (;;) {
    j = b.indexOf(QUOTE, j);
    if (j < 0) return -1;
    let k = j - 1;
    while (b[k] === BACKSLASH) k--;
    // An even number of backslashes before it: the quote itself is not escaped.
    if ((j - 1 - k) % 2 === 0) return j;
    j++;
  }
}

/**
 * Reads the page `next` as `held` with only its slot values changed: every byte outside the held
 * page's slots must be the same (compared, not searched), and every new slot value a bare
 * non-negative integer or `null`. Returns the new values and slot offsets, or null when anything
 * else differs (then the page is parsed and checked in full).
 */
export function readMovedSlots(held: Buffer, heldSlots: Int32Array, next: Buffer): { values: Array<number | null>; slots: Int32Array } | null {
  const values = new Array<number | null>(heldSlots.length / 2);
  const slots = new Int32Array(heldSlots.length);
  let from = 0;
  let at = 0;
  for (let s = 0; s < heldSlots.length; s += 2) {
    const start = heldSlots[s]!;
    const len = start - from;
    if (at + len > next.length || next.compare(held, from, start, at, at + len) !== 0) return null;
    at += len;
    const v = readNumberOrNull(next, at);
    if (v === null) return null;
    slots[s] = at;
    slots[s + 1] = at + v.len;
    values[s / 2] = v.value;
    at += v.len;
    from = heldSlots[s + 1]!;
  }
  const rest = held.length - from;
  if (next.length - at !== rest || next.compare(held, from, held.length, at, next.length) !== 0) return null;
  return { values, slots };
}

const NULL = Buffer.from('null');

/** A bare JSON non-negative integer (no sign, fraction or exponent; at most 15 digits) or null at `at`. */
function readNumberOrNull(b: Buffer, at: number): { value: number | null; len: number } | null {
  if (b[at] === 0x6e) return at + 4 <= b.length && b.compare(NULL, 0, 4, at, at + 4) === 0 ? { value: null, len: 4 } : null;
  let k = at;
  let value = 0;
  while (k < b.length && b[k]! >= 0x30 && b[k]! <= 0x39 && k - at < 16) {
    value = value * 10 + (b[k]! - 0x30);
    k++;
  }
  const len = k - at;
  if (len === 0 || len > 15 || (len > 1 && b[at] === 0x30)) return null;
  // A digit right after could only be a 16th digit: refuse rather than misread.
  if (k < b.length && b[k]! >= 0x30 && b[k]! <= 0x39) return null;
  return { value, len };
}
