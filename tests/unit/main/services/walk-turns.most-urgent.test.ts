/** mostUrgent looks a token up once per run of its warnings: the same map as one lookup per warning. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mostUrgent } from '../../../../main/services/walk-turns.js';
import type { DueWarning } from '../../../../main/services/notification-texts.js';
import { view } from '../../../support/expiry-harness.js';

/** The plain rule: a warning replaces the kept one only when its threshold is smaller. */
function reference(due: readonly DueWarning[], byToken: Map<string, DueWarning>): Map<string, DueWarning> {
  for (const w of due) {
    const prev = byToken.get(w.item.id);
    if (!prev || w.thresholdSeconds < prev.thresholdSeconds) byToken.set(w.item.id, w);
  }
  return byToken;
}

const warning = ([id, t, n]: [number, number, number]): DueWarning => ({
  accountId: 'a',
  email: 'a@example.com',
  item: view(`t${id}`, 'a', `token ${id} #${n}`, 0),
  expiresAtMs: 0,
  thresholdSeconds: t,
});

describe('mostUrgent', () => {
  it('keeps, per token, the first warning of its smallest threshold, in the order tokens first came', () => {
    const w = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 60, 3600, 86400), fc.nat(9));
    fc.assert(
      fc.property(fc.array(w, { maxLength: 30 }), fc.array(w, { maxLength: 6 }), (list, before) => {
        const due = list.map(warning);
        const kept = before.map(warning);
        const got = [...mostUrgent(due, reference(kept, new Map())).entries()];
        const want = [...reference(due, reference(kept, new Map())).entries()];
        expect(got.map(([k, v]) => [k, v.thresholdSeconds, v.item.description])).toEqual(want.map(([k, v]) => [k, v.thresholdSeconds, v.item.description]));
        got.forEach(([, v], i) => expect(v).toBe(want[i]![1]));
      }),
      { numRuns: 500 },
    );
  });
});
