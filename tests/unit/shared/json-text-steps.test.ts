/** jsonTextSteps: JSON.stringify's tab-indented text, made in steps. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { jsonTextSteps } from '../../../shared/json-text-steps.js';
import { runSteps } from '../../../shared/steps.js';

const stringify = (v: unknown) => JSON.stringify(v, undefined, '\t') as string | undefined;
const text = (v: unknown, every: number) => runSteps(jsonTextSteps(v, every))?.join('');

describe('jsonTextSteps', () => {
  it('makes exactly the text JSON.stringify(value, undefined, "\\t") makes, for any JSON value and slice size', () => {
    // Long arrays of records nested in objects (the settings file's shape), and any JSON value.
    const record = fc.record({ authorizationId: fc.uuid(), thresholdSeconds: fc.nat(), expiresAt: fc.string() });
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.oneof(fc.array(record, { maxLength: 40 }), fc.dictionary(fc.string(), fc.array(fc.string(), { maxLength: 30 })), fc.jsonValue())),
      fc.array(fc.oneof(record, fc.array(fc.nat(), { maxLength: 12 })), { maxLength: 40 }),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 7 }), (v, every) => {
        expect(text(v, every)).toBe(stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and stringifies what it does not walk as JSON.stringify does', () => {
    const date = new Date('2026-12-03T00:00:00Z');
    const v = { a: undefined, f: () => 1, s: Symbol('x'), list: [undefined, () => 1, 1, 2, 3, 4], d: date, m: new Map([[1, 2]]), nested: { only: undefined }, empty: [], o: {}, withToJSON: { toJSON: () => ({ x: [1, 2, 3] }) } };
    for (const every of [1, 2, 100]) expect(text(v, every)).toBe(stringify(v));
    expect(runSteps(jsonTextSteps(undefined, 1))).toBeUndefined();
    expect(text({ gone: { toJSON: () => undefined }, list: [{ toJSON: () => undefined }] }, 1)).toBe(stringify({ gone: { toJSON: () => undefined }, list: [{ toJSON: () => undefined }] }));
    expect(() => runSteps(jsonTextSteps({}, 0))).toThrow(RangeError);
  });

  it('an array with its own toJSON, or of a subclass, is JSON.stringify\'s whole (its toJSON is called, as JSON.stringify calls it)', () => {
    const own = Object.assign([1, 2, 3, 4, 5], { toJSON: () => ['replaced'] });
    class Tagged extends Array<number> {
      toJSON() {
        return { tagged: [...this] };
      }
    }
    const sub = Tagged.from([1, 2, 3, 4, 5]);
    const v = { own, sub, inList: [own, sub, 7] };
    for (const every of [1, 2, 100]) expect(text(v, every)).toBe(stringify(v));
    expect(text(own, 1)).toBe(stringify(own));
  });

  it('stops after about `every` list items: no step stringifies more than `every` items of a list, and each step is one piece', () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, n: i }));
    const value = { seen: { a: records.slice(0, 2).map((r) => r.id), b: records.map((r) => r.id) }, notified: records };
    const stringified: number[] = [];
    const real = JSON.stringify;
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((v: unknown, ...rest: unknown[]) => {
      const inner = (x: unknown): number => (Array.isArray(x) ? (x.length === 1 && Array.isArray(x[0]) ? inner(x[0]) : x.length) : 0);
      stringified.push(inner(v));
      return (real as (...a: unknown[]) => string)(v, ...rest);
    });
    const steps = jsonTextSteps(value, 3);
    let stops = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) stops++;
    spy.mockRestore();
    expect(Math.max(...stringified)).toBeLessThanOrEqual(3);
    // 2 ids (a), 10 ids (b) in slices of 3, 10 records in slices of 3, and one for each key walked.
    expect(stops).toBeGreaterThanOrEqual(Math.floor((2 + 12 + 12 + 4) / 3) - 1);
    expect(r.value).toHaveLength(stops + 1);
    expect(r.value!.join('')).toBe(stringify(value));
  });
});
