/** The hand-written ISO readers and writers give exactly what Date.parse and toISOString give, for any input. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isoMs, isoString } from '../../../shared/iso-time.js';

const MAX_DATE_MS = 8.64e15;
const instant = fc.oneof(
  fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }),
  // Around now and the years a token can live in, where the fast paths run.
  fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }),
  fc.integer({ min: 0, max: 253_402_300_799_999 + 5 }),
  fc.double({ min: -1e16, max: 1e16 }),
  fc.constantFrom(Number.NaN, -0, 0.5, 253_402_300_799_999, 253_402_300_800_000, Date.UTC(2000, 1, 29), Date.UTC(2100, 1, 28, 23, 59, 59, 999)),
);

const isoLike = (ms: number) => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'Invalid' : d.toISOString();
};
/** A valid ISO text, Heroku's form of it (no milliseconds), or either with characters changed. */
const text = fc.oneof(
  fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map(isoLike),
  fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }).map((ms) => isoLike(ms).replace(/\.\d{3}Z$/, 'Z')),
  fc
    .tuple(
      fc.integer({ min: 0, max: 253_402_300_799_999 }),
      fc.boolean(),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'0123456789-:TZ.+ xz\u0660'.split(''))), { minLength: 1, maxLength: 3 }),
    )
    .map(([ms, heroku, edits]) => {
      const chars = (heroku ? isoLike(ms).replace(/\.\d{3}Z$/, 'Z') : isoLike(ms)).split('');
      for (const [at, c] of edits) chars[at % chars.length] = c;
      return chars.join('');
    }),
  fc.constantFrom('2026-02-29T00:00:00Z', '2024-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2100-02-29T12:00:00.000Z', '2000-02-29T00:00:00Z', '2026-02-30T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T23:60:00Z', '2026-13-01T00:00:00Z', '0000-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000z'),
  fc.string({ minLength: 18, maxLength: 26 }),
);

describe('iso-time', () => {
  it('isoString(ms) is new Date(ms).toISOString(), and throws where it throws', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        let want: string | Error;
        try {
          want = new Date(ms).toISOString();
        } catch (e) {
          want = e as Error;
        }
        if (want instanceof Error) expect(() => isoString(ms)).toThrow(RangeError);
        else expect(isoString(ms)).toBe(want);
      }),
      { numRuns: 20_000 },
    );
  });

  it('isoMs(text) is Date.parse(text), NaN included', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(Object.is(isoMs(s), Date.parse(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the same answers in any order of writes and reads (it remembers the last string written and read)', () => {
    // A step writes an instant, reads the last string written (the same object, or an equal copy),
    // or reads a text: every read must still be Date.parse of it (a remembered ms must never leak
    // to another string, and -0 written must read back as 0).
    const step = fc.oneof(
      instant.map((ms) => ({ write: ms }) as const),
      fc.boolean().map((copy) => ({ readLast: copy }) as const),
      text.map((t) => ({ read: t }) as const),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        let last = '2026-01-01T00:00:00.000Z';
        for (const st of steps) {
          if ('write' in st) {
            try {
              last = isoString(st.write);
            } catch {
              // toISOString's RangeError: nothing written.
            }
          } else {
            const s = 'read' in st ? st.read : st.readLast ? [...last].join('') : last;
            expect(Object.is(isoMs(s), Date.parse(s))).toBe(true);
          }
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('remembers nothing before its first write and read (a fresh module reads the empty string as NaN)', async () => {
    vi.resetModules();
    const fresh = await import('../../../shared/iso-time.js');
    expect(fresh.isoMs('')).toBeNaN();
    // Not a string at all is still the TypeError it always was, not a remembered number.
    expect(() => fresh.isoMs(null as never)).toThrow(TypeError);
    expect(() => fresh.isoMs(undefined as never)).toThrow(TypeError);
  });

  it('keeps no answer of the built-in (a local time read again after the time zone changed is read anew)', () => {
    const tz = process.env.TZ;
    try {
      const local = '2026-01-01T00:00:00';
      process.env.TZ = 'UTC';
      expect(isoMs(local)).toBe(Date.parse(local));
      process.env.TZ = 'America/New_York';
      expect(isoMs(local)).toBe(Date.parse(local));
      expect(Date.parse(local) - Date.UTC(2026, 0, 1)).toBe(5 * 3600_000);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads back what it writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => isoMs(isoString(ms)) === ms));
  });
});
