/**
 * The hand-written item check (check-authorization.ts) is the zod schema's twin: for any value,
 * both accept or both reject; when they reject, they name the same first field; when they
 * accept, they give the same value (nulls normalised the same way, unknown fields kept).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAuthorization } from '../../../../main/heroku/check-authorization.js';
import { authorizationSchema, MAX_EXPIRES_IN_SECONDS } from '../../../../main/heroku/schemas.js';

/** Mostly valid, sometimes anything: so both whole valid items and every kind of wrong field come up. */
const mostly = (good: fc.Arbitrary<unknown>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 8 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })), { arbitrary: fc.jsonValue(), weight: 1 });
const isoDate = fc.oneof(
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')),
  fc.constantFrom('2026-01-01T12:00:00+01:00', '2026-02-30T12:00:00Z', '2026-01-01T12:00Z', '2026-01-01 12:00:00Z', '2026-01-01T24:00:00Z'),
);
const optionalString = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.integer());
const expiresIn = fc.oneof(
  fc.constant(null),
  fc.nat({ max: MAX_EXPIRES_IN_SECONDS + 1 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(MAX_EXPIRES_IN_SECONDS, MAX_EXPIRES_IN_SECONDS + 1, Number.MAX_SAFE_INTEGER, 2 ** 60, -0, 1e300),
  fc.string(),
);
const token = fc.record({ expires_in: expiresIn, id: optionalString, token: optionalString, extra: fc.jsonValue() }, { requiredKeys: [] });
const client = fc.record({ id: mostly(fc.uuid(), fc.constant('')), name: mostly(fc.string()), redirect_uri: optionalString }, { requiredKeys: [] });
const authorizationLike = fc.record(
  {
    id: mostly(fc.uuid(), fc.constant(''), fc.integer(), fc.constantFrom('..', '.', '~', 'a/b', 'x'.repeat(201), 'plain-name_1.2')),
    created_at: mostly(isoDate, fc.string()),
    updated_at: mostly(isoDate, fc.string()),
    description: optionalString,
    scope: mostly(fc.array(fc.string()), fc.array(fc.oneof(fc.string(), fc.integer()))),
    access_token: mostly(token, fc.constant(null), fc.constant(undefined)),
    client: mostly(client, fc.constant(null)),
    grant: fc.jsonValue(),
    brand_new: fc.jsonValue(),
  },
  { requiredKeys: ['id', 'created_at', 'updated_at', 'scope'] },
);

describe('checkAuthorization vs authorizationSchema', () => {
  it('accept and reject the same values, name the same first field and give the same value', () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: authorizationLike, weight: 9 }, { arbitrary: fc.jsonValue(), weight: 1 }), (value) => {
        const zod = authorizationSchema.safeParse(value);
        // The hand-written check normalises in place: give it its own copy.
        const mine = checkAuthorization(structuredClone(value));
        expect(mine.ok).toBe(zod.success);
        if (!zod.success && !mine.ok) {
          expect(mine.path).toEqual(zod.error.issues[0]!.path);
          expect(mine.badShape === true).toBe(zod.error.issues[0]!.code === 'invalid_format');
        }
        if (zod.success && mine.ok) expect(mine.value).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
  });

  it('a valid item from the emulator passes both, unchanged but for nulls', () => {
    const item = {
      access_token: { expires_in: 3600, id: 'a', token: 'HRKU-x' },
      client: null,
      created_at: '2026-01-01T12:00:00Z',
      description: null,
      grant: null,
      id: '01234567-89ab-4cde-8f01-23456789abcd',
      scope: ['global'],
      updated_at: '2026-01-02T12:00:00Z',
    };
    const mine = checkAuthorization(structuredClone(item));
    expect(mine).toEqual({ ok: true, value: { ...item, description: undefined } });
    expect(authorizationSchema.parse(item)).toEqual(mine.ok ? mine.value : null);
  });
});
