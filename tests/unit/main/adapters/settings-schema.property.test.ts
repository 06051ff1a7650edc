/** The hand-written check of a notified record accepts exactly what its zod schema (the spec) accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNotifiedRecord, notifiedRecordSchema } from '../../../../main/adapters/settings-schema.js';

const edgeNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_VALUE));
const edgeString = fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: 195, maxLength: 205 }), fc.constantFrom('', 'a', 'x'.repeat(200), 'x'.repeat(201)));
const field = fc.oneof(edgeString, edgeNumber, fc.constantFrom(null, undefined, true, {}, []));
const record = fc.oneof(
  fc.record({ authorizationId: fc.oneof(edgeString, field), thresholdSeconds: fc.oneof(edgeNumber, field), expiresAt: fc.oneof(edgeString, field) }, { requiredKeys: [] }),
  fc.record({ authorizationId: edgeString, thresholdSeconds: edgeNumber, expiresAt: edgeString, extra: fc.anything() }),
  fc.anything(),
);

describe('isNotifiedRecord', () => {
  it('accepts and refuses exactly as notifiedRecordSchema does', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(isNotifiedRecord(r)).toBe(notifiedRecordSchema.safeParse(r).success);
      }),
      { numRuns: 20_000 },
    );
  });
});
