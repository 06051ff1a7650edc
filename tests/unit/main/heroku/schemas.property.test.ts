/**
 * Whatever JSON Heroku sends, the client answers with a Result: either authorizations whose
 * countdown data is sane (a non-negative whole number of seconds that fits a Date, or null) or a
 * clear bad_response. Never a throw, never a countdown that could crash or lie.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../../../main/heroku/client.js';
import { computeExpiresAt } from '../../../../shared/domain/expiry.js';

/** A fetch that answers every request with the given JSON value (no network). */
const answering = (value: unknown): typeof fetch => async () =>
  new Response(JSON.stringify(value), { status: 200, headers: { 'Content-Type': 'application/json' } });

const api = (value: unknown) => createHerokuClient({ apiKey: 'HRKU-property-test-key', userAgent: 'ua', fetch: answering(value) });

/** Mostly valid, sometimes not: so whole valid items with odd values do come up. */
const mostly = (good: fc.Arbitrary<unknown>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 6 }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const isoDate = fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString());

const expiresIn = fc.oneof(
  fc.constant(null),
  fc.nat(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 1e300, 8.64e12),
  fc.string(),
);
const authorizationLike = fc.record(
  {
    id: mostly(fc.uuid(), fc.string(), fc.integer()),
    created_at: mostly(isoDate, fc.string()),
    updated_at: mostly(isoDate, fc.string()),
    description: fc.oneof(fc.string(), fc.constant(null)),
    scope: mostly(fc.array(fc.string()), fc.string()),
    access_token: mostly(fc.record({ expires_in: expiresIn, token: fc.oneof(fc.string(), fc.constant(null)) }), fc.constant(null)),
    extra: fc.jsonValue(),
  },
  { requiredKeys: ['id', 'created_at', 'updated_at', 'scope'] },
);

describe('any answer', () => {
  it('is ok with sane expiry data, or bad_response', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(authorizationLike, { maxLength: 4 }), fc.jsonValue()), async (body) => {
        const r = await api(body).listAuthorizations();
        if (!r.ok) {
          expect(r.error.code).toBe('bad_response');
          return;
        }
        for (const a of r.value.value) {
          const s = a.access_token?.expires_in ?? null;
          if (s !== null) expect(Number.isInteger(s) && s >= 0).toBe(true);
          expect(() => computeExpiresAt(r.value.receivedAt, s)).not.toThrow();
          expect(Number.isNaN(Date.parse(a.created_at))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a lifetime so long it would overflow a Date', async () => {
    const r = await api([{ id: 'a', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', scope: [], access_token: { expires_in: Number.MAX_SAFE_INTEGER } }]).listAuthorizations();
    expect(r.ok ? null : r.error.message).toMatch(/item 1: access_token\.expires_in/);
  });
});
