/**
 * soonestFirst's order found without a comparison sort, where it can be, and always checked.
 *
 * A first list of 10,000 tokens sorted with a comparator costs ~9 ms of the main thread here
 * (~130,000 calls into JavaScript, most of them falling to the collator: tokens made together
 * share their expiry). This finds the same order with typed-array sorts, which run in C++ and
 * call nothing:
 * 1. Every token's key is its expiry (ms, relative to the soonest) times n plus its position, so
 *    one sort of numbers orders by expiry, then position (never-expiring tokens last).
 * 2. Tokens of one expiry are ordered by description through a guess at the collator: each
 *    printable ASCII character's rank in the collator's own order of single characters
 *    (case-blind), read for a few characters after the prefix they all share, packed with the
 *    position into one number, sorted again. Descriptions alike in that window are read on past
 *    it the same way; those alike to their end, or holding a character outside printable ASCII
 *    where they are read, are ordered by the collator itself.
 * 3. The result is then checked pair by pair with the exact comparison soonestFirst uses (expiry,
 *    collator, position): n - 1 comparisons. A sequence in which every neighbour pair is in order
 *    is the sorted order of a total order, so what passes the check is exactly the comparator
 *    sort's result. Where the guess is wrong (a locale whose collation joins letters, say Danish
 *    "aa"), the check fails and the caller sorts as before; after one such failure this collator
 *    is not guessed at again (the failing guess would only add to every sort).
 */

/** Highest rank a character gets (ranks are 1..95; 0 is "past the end of the string"). */
const RANK_BITS = 7;
const RANKS = 1 << RANK_BITS;
/** Integers up to this are exact in a double. */
const EXACT = 2 ** 53;

interface Guess {
  /** Per char code below 128: its rank among printable ASCII in the collator's order, or 0 when it has none. */
  rank: Uint8Array;
  /** False once a guess failed its check. */
  usable: boolean;
}

const guesses = new WeakMap<Intl.Collator, Guess>();

function guessFor(collator: Intl.Collator): Guess {
  let g = guesses.get(collator);
  if (g) return g;
  const base = new Intl.Collator(collator.resolvedOptions().locale, { sensitivity: 'base' });
  const chars: string[] = [];
  for (let c = 0x20; c < 0x7f; c++) chars.push(String.fromCharCode(c));
  chars.sort(base.compare);
  const rank = new Uint8Array(RANKS);
  let r = 1;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && base.compare(chars[i - 1]!, chars[i]!) !== 0) r++;
    rank[chars[i]!.charCodeAt(0)] = r;
  }
  g = { rank, usable: true };
  guesses.set(collator, g);
  return g;
}

/**
 * The positions of the tokens in soonestFirst's order: by `at` (ms; +Infinity for never), then
 * `description` by `collator`, then position. Null when the fast way does not apply (an expiry
 * that is not an integer, a span too wide to pack, a guess that failed its check): the caller
 * then sorts with the comparator.
 */
export function soonestOrder(at: Float64Array, description: readonly string[], collator: Intl.Collator): Int32Array | null {
  const n = at.length;
  const g = guessFor(collator);
  if (!g.usable) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = at[i]!;
    if (a === Number.POSITIVE_INFINITY) continue;
    if (!Number.isInteger(a)) return null;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  // Never-expiring tokens one step past the latest expiry.
  const never = min === Number.POSITIVE_INFINITY ? 0 : max - min + 1;
  if ((never + 1) * n >= EXACT) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (at[i] === Number.POSITIVE_INFINITY ? never : at[i]! - min) * n + i;
  keys.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = keys[k]! % n;
  // Runs of one expiry, each ordered by description.
  const exact = (p: number, q: number) => collator.compare(description[p]!, description[q]!) || p - q;
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && at[order[to]!] === at[order[from]!]) to++;
    if (to - from > 1) byDescription(order, from, to, description, g.rank, exact, 0);
    from = to;
  }
  // The check: every neighbour pair in order, by the comparison soonestFirst itself uses.
  for (let k = 1; k < n; k++) {
    const p = order[k - 1]!;
    const q = order[k]!;
    if (at[p] === at[q]) {
      const c = collator.compare(description[p]!, description[q]!);
      if (c > 0 || (c === 0 && p > q)) {
        g.usable = false;
        return null;
      }
    } else if (!(at[p]! < at[q]!)) return null;
  }
  return order;
}

/**
 * Orders order[from, to) (one expiry, positions ascending) by description, then position: see the
 * header. Every description of the range has the same ranks up to `start`; the guess reads
 * `width` characters past the longest such shared prefix, and a group alike there is ordered the
 * same way from the end of that window (so "Bulk token #1", "#2", ... next to one other name cost
 * two rounds, not a collator sort), or by the collator once its descriptions are alike to the end.
 */
function byDescription(order: Int32Array, from: number, to: number, description: readonly string[], rank: Uint8Array, exact: (p: number, q: number) => number, start: number): void {
  const len = to - from;
  // The ranks every description of the range shares past `start` (a character without a rank stops it).
  const first = description[order[from]!]!;
  let shared = first.length;
  for (let j = start; j < first.length; j++) {
    const c = first.charCodeAt(j);
    if (c >= RANKS || rank[c] === 0) {
      shared = j;
      break;
    }
  }
  // Most descriptions repeat the first one's characters there exactly: one native comparison.
  let same = first.slice(start, shared);
  for (let k = from + 1; k < to && shared > start; k++) {
    const d = description[order[k]!]!;
    if (d.startsWith(same, start)) continue;
    const most = Math.min(shared, d.length);
    let j = start;
    while (j < most) {
      const c = d.charCodeAt(j);
      if (c >= RANKS || rank[c] !== rank[first.charCodeAt(j)]) break;
      j++;
    }
    if (j < shared) same = first.slice(start, j);
    shared = j;
  }
  // As many characters as fit beside the position (< len) in an exact double.
  const width = Math.floor((Math.log2(EXACT) - Math.ceil(Math.log2(len + 1))) / RANK_BITS);
  if (width < 1) return sortWith(order, from, to, exact);
  const keys = new Float64Array(len);
  for (let k = 0; k < len; k++) {
    const d = description[order[from + k]!]!;
    let v = 0;
    for (let j = shared; j < shared + width; j++) {
      let r = 0;
      if (j < d.length) {
        const c = d.charCodeAt(j);
        r = c < RANKS ? rank[c]! : 0;
        // A character the guess has no rank for: this run goes to the collator.
        if (r === 0) return sortWith(order, from, to, exact);
      }
      v = v * RANKS + r;
    }
    keys[k] = v * len + k;
  }
  keys.sort();
  const run = order.slice(from, to);
  for (let k = 0; k < len; k++) order[from + k] = run[keys[k]! % len]!;
  // Descriptions alike in the window: read on past it, or (alike to their end) ask the collator.
  for (let a = 0; a < len; ) {
    let b = a + 1;
    const window = Math.floor(keys[a]! / len);
    while (b < len && Math.floor(keys[b]! / len) === window) b++;
    if (b - a > 1) {
      // The window's last character past the end: every description of the group ended in it.
      if (window % RANKS === 0) sortWith(order, from + a, from + b, exact);
      else byDescription(order, from + a, from + b, description, rank, exact, shared + width);
    }
    a = b;
  }
}

function sortWith(order: Int32Array, from: number, to: number, compare: (p: number, q: number) => number): void {
  order.subarray(from, to).sort(compare);
}
