/**
 * json-body.ts reads a big array run by run instead of in one JSON.parse: it must give exactly
 * JSON.parse's value for every body JSON.parse accepts, and refuse every body JSON.parse refuses.
 * Its layout must point at each item's access_token.expires_in value and nothing else, and
 * readMovedSlots must accept a page only when nothing but those values changed.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listLayoutSteps, parseJsonBody, parseSteps, readMovedSlots } from '../../../../main/heroku/json-body.js';
import { runSteps } from '../../../../shared/steps.js';

const expiresIn = fc.oneof(fc.constant(null), fc.nat({ max: 1e9 }), fc.integer(), fc.double(), fc.string(), fc.jsonValue());
const tokenLike = fc.record({ expires_in: expiresIn, id: fc.string(), token: fc.string(), nested: fc.jsonValue() }, { requiredKeys: [] });
const itemLike = fc.record(
  {
    id: fc.uuid(),
    description: fc.string({ unit: 'binary' }),
    access_token: fc.oneof(tokenLike, fc.constant(null), fc.jsonValue()),
    grant: fc.oneof(fc.constant(null), fc.record({ expires_in: fc.nat(), code: fc.string() })),
    'access_token"': fc.jsonValue(),
    expires_in: fc.nat(),
    other: fc.jsonValue(),
  },
  { requiredKeys: ['id'] },
);
/** Compact, pretty, or with odd whitespace, as a server might write it. */
const spacing = fc.constantFrom<[number | string | undefined]>([undefined], [2], ['\t'], [' \r\n ']);
const bodyOf = (value: unknown, space: number | string | undefined) => Buffer.from(JSON.stringify(value, null, space));

/** Where JSON.parse puts each item's access_token.expires_in, for comparing with the layout. */
function expectedSlots(items: unknown[]): Array<{ item: number; value: unknown }> {
  const out: Array<{ item: number; value: unknown }> = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  items.forEach((item, k) => {
    if (!isObject(item)) return;
    const t = item.access_token;
    if (isObject(t) && 'expires_in' in t) out.push({ item: k, value: t.expires_in });
  });
  return out;
}

describe('parseJsonBody', () => {
  it('gives JSON.parse’s value for any JSON, and lays out arrays of items (runs of ~48 KB included)', () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.jsonValue(), weight: 4 }, { arbitrary: fc.array(itemLike, { maxLength: 40 }), weight: 4 }, { arbitrary: fc.array(itemLike, { minLength: 300, maxLength: 400 }), weight: 1 }), spacing, (value, [space]) => {
        const bytes = bodyOf(value, space);
        const before = Buffer.from(bytes);
        const got = parseJsonBody(bytes);
        // The runs are read with brackets written over their edges for a moment: all put back.
        expect(bytes.equals(before)).toBe(true);
        expect(got.ok).toBe(true);
        if (!got.ok) return;
        expect(got.value).toEqual(JSON.parse(bytes.toString('utf8')));
        if (got.layout) {
          expect(Array.isArray(value)).toBe(true);
          const items = value as unknown[];
          expect(got.layout.items).toBe(items.length);
          // The items as the body holds them (JSON has no -0: it is written, and read back, as 0).
          const want = expectedSlots(JSON.parse(JSON.stringify(items)) as unknown[]);
          const slots = [...got.layout.slotItem].map((item, s) => ({ item, value: JSON.parse(bytes.toString('utf8', got.layout!.slots[2 * s], got.layout!.slots[2 * s + 1])) }));
          expect(slots).toEqual(want);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('without the layout asked for, gives the same value (whole or run by run), and listLayoutSteps later gives the same layout', () => {
    // A list page is parsed whole (authorization-list.ts read) and scanned only if a next page is
    // compared with it: that later scan must find what the scan at parse time would have found.
    const big = fc.array(itemLike, { minLength: 300, maxLength: 400 });
    fc.assert(
      fc.property(fc.oneof({ arbitrary: fc.jsonValue(), weight: 2 }, { arbitrary: fc.array(itemLike, { maxLength: 40 }), weight: 4 }, { arbitrary: big, weight: 1 }), spacing, (value, [space]) => {
        const bytes = bodyOf(value, space);
        const before = Buffer.from(bytes);
        const eager = parseJsonBody(bytes);
        const deferred = runSteps(parseSteps(bytes, false));
        expect(deferred).toEqual({ ok: true, value: eager.ok && eager.value, layout: null });
        expect(runSteps(listLayoutSteps(bytes, Number.POSITIVE_INFINITY))).toEqual(eager.ok ? eager.layout : null);
        // In steps of a few bytes (the app scans in steps of 64 KB, a turn between them): the same layout.
        const steps = listLayoutSteps(bytes, 97);
        let stops = 0;
        let r = steps.next();
        for (; !r.done; r = steps.next()) stops++;
        expect(r.value).toEqual(eager.ok ? eager.layout : null);
        if (eager.ok && eager.layout && bytes.length > 2000) expect(stops).toBeGreaterThan(0);
        expect(bytes.equals(before)).toBe(true);
      }),
      { numRuns: 100 },
    );
    // Above the whole-parse limit (1 MiB) a body is still read run by run, and laid out as it goes.
    const items = Array.from({ length: 3000 }, (_, k) => ({ id: `id-${k}`, description: 'x'.repeat(300), access_token: { expires_in: k, token: `t${k}` } }));
    const huge = Buffer.from(JSON.stringify(items));
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const got = runSteps(parseSteps(huge, false));
    expect(got.ok && got.value).toEqual(items);
    expect(got.ok && got.layout?.items).toBe(3000);
    expect(runSteps(parseSteps(Buffer.from('[1,'), false)).ok).toBe(false);
  });

  it('lays out plain item arrays (no slot that is not an expires_in of an access_token)', () => {
    const items = [{ access_token: { expires_in: 5, token: 'a' }, grant: { expires_in: 7 } }, { access_token: null, expires_in: 9 }, { access_token: { expires_in: null } }];
    const got = parseJsonBody(Buffer.from(JSON.stringify(items)));
    expect(got.ok && got.layout).toBeTruthy();
    if (!got.ok || !got.layout) return;
    expect([...got.layout.slotItem]).toEqual([0, 2]);
  });

  it('refuses exactly what JSON.parse refuses (cut-off, trailing commas, garbage, empty items)', () => {
    const cases = ['[1,]', '[,1]', '[1,,2]', '[1 2]', '[{"a":1}', '[{"a":1}]x', '[{"a":1}]]', '[{"a" 1}]', '[{"a":1,}]', '["a\\"]', '[}', '{]', '\ufeff[1]', '[1]\u0000', '[{"access_token":{"expires_in":}}]'];
    for (const text of cases) {
      let parsed = true;
      try {
        JSON.parse(text);
      } catch {
        parsed = false;
      }
      expect({ text, ok: parseJsonBody(Buffer.from(text)).ok }).toEqual({ text, ok: parsed });
    }
    fc.assert(
      fc.property(fc.array(itemLike, { maxLength: 20 }), fc.nat(), (items, cut) => {
        const bytes = Buffer.from(JSON.stringify(items));
        const part = bytes.subarray(0, cut % (bytes.length + 1));
        let parsed: unknown = undefined;
        let ok = true;
        try {
          parsed = JSON.parse(part.toString('utf8'));
        } catch {
          ok = false;
        }
        const before = Buffer.from(part);
        const got = parseJsonBody(part);
        expect(part.equals(before)).toBe(true);
        expect(got.ok).toBe(ok);
        if (got.ok) expect(got.value).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('reads large bodies (a list page, ~475 KB) as JSON.parse reads their UTF-8: ASCII ones padded, others not, one after another', () => {
    // A large ASCII body (256 KB on) is read from a buffer padded with spaces to Node's
    // external-string size (json-body.ts textOf), reused from body to body: nothing of one body
    // may show in the next.
    const pageOf = (n: number, description: string) => Array.from({ length: n }, (_, k) => ({ id: `id-${k}`, description: `${description} ${k}`, access_token: { expires_in: k, token: `t${k}` } }));
    const whole = (items: unknown, space?: number) => runSteps(parseSteps(Buffer.from(JSON.stringify(items, null, space)), false));
    const EXTERNAL = 0xfbee9;
    /** A JSON array of one string, exactly `n` bytes long. */
    const exactly = (n: number, c = 'a') => Buffer.from(`["${c.repeat(n - 4)}"]`);
    const bodies: Array<[string, Buffer, unknown]> = [
      ['~565 KB', pageOf(6000, 'ascii'), null],
      ['~280 KB, after a longer one', pageOf(3000, 'shorter'), null],
      ['not ASCII: UTF-8 as ever (latin1 would garble it)', pageOf(3000, 'café ☕ 🔑'), null],
      ['1,552 bytes short of the external-string size', pageOf(9950, 'near the limit'), null],
      ['past it (and under 1 MiB): latin1 as it is', pageOf(10_050, 'near the limit'), null],
      ['~280 KB again', pageOf(3000, 'ascii again'), null],
    ].map(([name, items]) => [name as string, Buffer.from(JSON.stringify(items)), items]);
    // The edges, byte for byte: one short of the external size (the last byte of the scratch a
    // space), the external size itself, the padding's lower limit and one below it, then a short one.
    for (const n of [EXTERNAL - 1, EXTERNAL, 256 * 1024, 256 * 1024 - 1, 300_000]) bodies.push([`${n} bytes`, exactly(n, String(n % 7)), [String(n % 7).repeat(n - 4)]]);
    for (const [name, bytes, value] of bodies) {
      expect(bytes.length).toBeGreaterThan(128 * 1024);
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const before = Buffer.from(bytes);
      const got = runSteps(parseSteps(bytes, false));
      // Compared whole, and named (a diff of thousands of items would take minutes).
      expect({ name, same: got.ok && isDeepStrictEqual(got.value, value ?? JSON.parse(before.toString('utf8'))) }).toEqual({ name, same: true });
      expect(bytes.equals(before)).toBe(true);
    }
    // Refused exactly as JSON.parse refuses them: a large body cut off, or with something after its value.
    const text = JSON.stringify(pageOf(4000, 'ascii'));
    expect(text.length).toBeGreaterThan(256 * 1024);
    for (const bad of [text.slice(0, -1), `${text}x`, `${text}]`, `${text.slice(0, 300_000)}`, `${text} ,`, `${exactly(EXTERNAL - 1).toString().slice(0, -1)}`]) {
      expect(runSteps(parseSteps(Buffer.from(bad), false)).ok).toBe(false);
    }
    // Whitespace after the value is JSON's own, and a body that ends in spaces reads as it is.
    expect(isDeepStrictEqual(whole(pageOf(4000, 'ascii'), 2), { ok: true, value: pageOf(4000, 'ascii'), layout: null })).toBe(true);
    expect(isDeepStrictEqual(runSteps(parseSteps(Buffer.from(`${text}   \n`), false)), { ok: true, value: JSON.parse(text), layout: null })).toBe(true);
  });

  it('does not take an escaped quote or a look-alike key for access_token or expires_in', () => {
    const text = '[{"x\\"access_token":{"expires_in":1},"access_token":{"expires_in\\"":2,"a":{"expires_in":3}}},{"access_token":{"expires_in":"4"}}]';
    const got = parseJsonBody(Buffer.from(text));
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(got.value).toEqual(JSON.parse(text));
    // The only real access_token.expires_in holds a string: no usable layout (the full check judges it).
    expect(got.layout).toBeNull();
    const plain = parseJsonBody(Buffer.from('[{"x\\"access_token":{"expires_in":1},"access_token":{"expires_in\\"":2,"a":{"expires_in":3}}}]'));
    expect(plain.ok && plain.layout && plain.layout.slots.length).toBe(0);
  });
});

describe('readMovedSlots', () => {
  const page = (values: Array<number | null>, description = 'x', space?: number) =>
    Buffer.from(JSON.stringify(values.map((v, i) => ({ id: `id-${i}`, access_token: { expires_in: v, token: `t${i}` }, description })), null, space));

  it('reads the new values when nothing else changed (compact and pretty pages, longer and shorter numbers)', () => {
    for (const space of [undefined, 2]) {
      const held = page([100, null, 9, 0], 'x', space);
      const layout = parseJsonBody(held);
      if (!layout.ok || !layout.layout) throw new Error('no layout');
      const next = page([99, null, 10, 12345678], 'x', space);
      const got = readMovedSlots(held, layout.layout.slots, next);
      expect(got?.values).toEqual([99, null, 10, 12345678]);
      const again = parseJsonBody(next);
      expect(again.ok && again.layout && [...again.layout.slots]).toEqual([...got!.slots]);
    }
  });

  it('refuses a page where anything else changed, or a value that is not a plain integer or null', () => {
    const held = page([100, 200]);
    const layout = parseJsonBody(held);
    if (!layout.ok || !layout.layout) throw new Error('no layout');
    const refuse = (next: Buffer) => expect(readMovedSlots(held, layout.layout!.slots, next)).toBeNull();
    refuse(page([100, 200], 'y'));
    refuse(page([100]));
    refuse(page([100, 200, 300]));
    refuse(Buffer.from(held.toString().replace('200', '-1')));
    refuse(Buffer.from(held.toString().replace('200', '2e2')));
    refuse(Buffer.from(held.toString().replace('200', '200.5')));
    refuse(Buffer.from(held.toString().replace('200', '0200')));
    refuse(Buffer.from(held.toString().replace('200', '"200"')));
    refuse(Buffer.from(held.toString().replace('200', '1234567890123456')));
    refuse(Buffer.from(held.toString().replace('200', 'nul')));
    refuse(Buffer.from(`${held.toString()} `));
    refuse(held.subarray(0, held.length - 1));
    expect(readMovedSlots(held, layout.layout.slots, held)?.values).toEqual([100, 200]);
  });

  it('accepts exactly the pages that differ from the held one only in expires_in values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(null), fc.nat({ max: 1e9 })), { minLength: 1, maxLength: 30 }), fc.array(fc.oneof(fc.constant(null), fc.nat({ max: 1e9 }))), fc.boolean(), (before, after, rename) => {
        const held = page(before);
        const layout = parseJsonBody(held);
        if (!layout.ok || !layout.layout) throw new Error('no layout');
        const nextValues = before.map((v, i) => (i < after.length ? after[i]! : v));
        const got = readMovedSlots(held, layout.layout.slots, page(nextValues, rename ? 'y' : 'x'));
        if (rename) expect(got).toBeNull();
        else expect(got?.values).toEqual(nextValues);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseSteps', () => {
  it('stops after the scan and every four runs of a big array, and ends with what parseJsonBody gives', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: `id-${i}`, description: `token ${i} ${'x'.repeat(400)}`, access_token: { expires_in: i, token: null } }));
    const bytes = Buffer.from(JSON.stringify(items));
    const steps = parseSteps(bytes);
    let stops = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) stops++;
    // ~480 KB: the scan, then ten runs of ~48 KB in steps of four.
    expect(bytes.length).toBeGreaterThan(400_000);
    expect(stops).toBe(1 + Math.ceil(Math.ceil(bytes.length / (48 * 1024)) / 4) - 1);
    expect(r.value).toEqual(parseJsonBody(bytes));
    expect(r.value.ok && r.value.value).toEqual(items);
  });

  it('a small body is parsed in one go', () => {
    const steps = parseSteps(Buffer.from('[{"a":1},{"b":2}]'));
    expect(steps.next().done).toBe(true);
  });
});
