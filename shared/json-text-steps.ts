/**
 * JSON.stringify(value, undefined, '\t') in steps (see steps.ts): the very same text, in pieces,
 * about `every` list items per step. The settings file holds the expiry ledger (8,500 records and
 * 10,000 ids at 10,000 tokens, 1.6 MB of text): stringified whole it held Electron's main thread
 * 2.5–4 ms in one go (`npm run bench`, event loop). Plain objects and arrays are walked; a long
 * array is stringified a slice of `every` items at a time, anything else (short arrays,
 * primitives, objects with toJSON or another prototype) in one piece. Every piece is made by
 * JSON.stringify itself, at its depth (nested in as many arrays, the brackets then cut off): no
 * text is indented again or copied by this code.
 *
 * The pieces are returned as they are (a list of strings, one per step): joined, they are the
 * text; a file write can take the list as it is (fs.promises.writeFile takes an iterable) and no
 * step copies the whole text into one string.
 *
 * One difference: a toJSON met below the top is called with '' as its key, where JSON.stringify
 * passes the property's name or index (the settings state has no toJSON but Date's, which takes
 * no key).
 *
 * The value must not change while the steps run: the settings store hands it a state that
 * updates replace and never change.
 */

const TAB = '\t';

/** The pieces of JSON.stringify(value, undefined, '\t'), about `every` list items per step; undefined where JSON.stringify gives undefined. */
export function* jsonTextSteps(value: unknown, every: number): Generator<void, string[] | undefined, void> {
  if (!(every >= 1)) throw new RangeError(`jsonTextSteps: every must be at least 1 (got ${every}).`);
  const w = new Writer(Math.floor(every));
  const ok = yield* w.write(value, 0);
  if (!ok) return undefined;
  w.cut();
  return w.pieces;
}

/**
 * Walked here (not left to JSON.stringify): a plain array, or an object of Object's (or no)
 * prototype, either without toJSON (an array given its own toJSON, or of a subclass, is
 * JSON.stringify's whole: it would call that toJSON where a walk would not).
 */
function walkable(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  const plain = Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype || proto === null;
  return plain && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** `v` inside `depth` arrays: JSON.stringify lays it out at that depth. */
function nest(v: unknown, depth: number): unknown {
  let w = v;
  for (let k = 0; k < depth; k++) w = [w];
  return w;
}

/** The text JSON.stringify puts before an element nested `depth` arrays deep (its own indentation included), and after it. */
const before = (depth: number) => Array.from({ length: depth }, (_, k) => `${TAB.repeat(k)}[\n`).join('') + TAB.repeat(depth);
const after = (depth: number) => Array.from({ length: depth }, (_, k) => `\n${TAB.repeat(depth - 1 - k)}]`).join('');

class Writer {
  /** The text so far, a piece per step; `open` is the step under way. */
  readonly pieces: string[] = [];
  private open: string[] = [];
  /** List items left in this step. */
  private left: number;

  constructor(private readonly every: number) {
    this.left = every;
  }

  /** Ends the step under way (its parts become one piece). */
  cut(): void {
    if (this.open.length > 0) this.pieces.push(this.open.join(''));
    this.open = [];
    this.left = this.every;
  }

  /** Spends `items` of the step; true when the step is used up (the caller yields after cut()). */
  private spend(items: number): boolean {
    this.left -= items;
    return this.left <= 0;
  }

  /** JSON.stringify's text of `v` at `depth`, or undefined where JSON.stringify leaves it out. */
  private leaf(v: unknown, depth: number): string | undefined {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (depth === 0 || typeof v !== 'object' || v === null) return JSON.stringify(v, undefined, TAB) as string | undefined;
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      // toJSON may say undefined (left out, where nesting would say null): stringified alone, indented here.
      const text = JSON.stringify(v, undefined, TAB) as string | undefined;
      return text?.replace(/\n/g, `\n${TAB.repeat(depth)}`);
    }
    const text = JSON.stringify(nest(v, depth), undefined, TAB);
    return text.slice(before(depth).length, text.length - after(depth).length);
  }

  /** Appends the text of `v` at `depth`; false when JSON.stringify leaves it out (undefined, a function, a symbol). */
  *write(v: unknown, depth: number): Generator<void, boolean, void> {
    if (!walkable(v)) {
      const text = this.leaf(v, depth);
      if (text === undefined) return false;
      this.open.push(text);
      return true;
    }
    if (Array.isArray(v)) {
      if (v.length <= this.every) {
        this.open.push(this.leaf(v, depth)!);
        if (this.spend(v.length)) {
          this.cut();
          yield;
        }
        return true;
      }
      // A slice at this depth is "[\n<items>\n<tabs>]": its items, laid out where they belong.
      const head = before(depth).length + 2;
      const tail = after(depth).length + depth + 2;
      this.open.push('[');
      for (let i = 0; i < v.length; i += this.every) {
        const text = JSON.stringify(nest(v.slice(i, i + this.every), depth), undefined, TAB);
        this.open.push(i === 0 ? '\n' : ',\n', text.slice(head, text.length - tail));
        if (this.spend(this.every)) {
          this.cut();
          yield;
        }
      }
      this.open.push(`\n${TAB.repeat(depth)}]`);
      return true;
    }
    const inner = `\n${TAB.repeat(depth + 1)}`;
    this.open.push('{');
    let first = true;
    for (const key of Object.keys(v)) {
      const at = this.open.length;
      this.open.push(first ? inner : `,${inner}`, `${JSON.stringify(key)}: `);
      if (yield* this.write(v[key], depth + 1)) first = false;
      // Left out (undefined, a function, a symbol): its key goes too (a value left out ends no step).
      else this.open.length = at;
      if (this.spend(1)) {
        this.cut();
        yield;
      }
    }
    this.open.push(first ? '}' : `\n${TAB.repeat(depth)}}`);
    return true;
  }
}
