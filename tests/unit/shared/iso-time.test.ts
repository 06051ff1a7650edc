/** The hand-written ISO readers and writers give exactly what Date.parse and toISOString give, for any input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('reads back what it writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => isoMs(isoString(ms)) === ms));
  });
});
