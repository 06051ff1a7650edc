import { describe, expect, it } from 'vitest';
import {
  absoluteTimeText,
  computeExpiresAt,
  countdownText,
  nextUrgencyChange,
  urgency,
  urgencyRank,
} from '../../../../shared/domain/expiry.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

describe('computeExpiresAt', () => {
  it('counts expires_in from the moment the response arrived', () => {
    expect(computeExpiresAt(NOW, 5400)).toBe('2026-11-27T13:30:00.000Z');
  });
  it('is null for tokens that never expire', () => {
    expect(computeExpiresAt(NOW, null)).toBeNull();
    expect(computeExpiresAt(NOW, undefined)).toBeNull();
  });
});

describe('urgency', () => {
  it.each([
    [null, 'never'],
    [NOW + 30 * DAY, 'ok'],
    [NOW + 7 * DAY + 1, 'ok'],
    [NOW + 7 * DAY, 'soon'],
    [NOW + DAY + 1, 'soon'],
    [NOW + DAY, 'urgent'],
    [NOW + H + 1, 'urgent'],
    [NOW + H, 'critical'],
    [NOW + 1, 'critical'],
    [NOW, 'expired'],
    [NOW - 2 * H, 'expired'],
  ] as const)('%s -> %s', (at, level) => {
    expect(urgency(at, NOW)).toBe(level);
    if (at !== null) expect(urgency(new Date(at).toISOString(), NOW)).toBe(level);
  });

  it('ranks levels from calm to expired', () => {
    const order = ['never', 'ok', 'soon', 'urgent', 'critical', 'expired'] as const;
    expect(order.map(urgencyRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('names the next moment the level changes', () => {
    const at = NOW + 2 * DAY;
    expect(nextUrgencyChange(at, NOW)).toBe(at - DAY);
    expect(nextUrgencyChange(at, at - DAY)).toBe(at - H);
    expect(nextUrgencyChange(at, at - 1)).toBe(at);
    expect(nextUrgencyChange(at, at)).toBeNull();
    expect(nextUrgencyChange(null, NOW)).toBeNull();
  });
});

describe('countdownText', () => {
  it.each([
    [3 * DAY + 4 * H + 59 * MIN, 'in 3 days 4 h'],
    [DAY, 'in 1 day 0 h'],
    [5 * H + 3 * MIN, 'in 5 h 03 min'],
    [H, 'in 1 h 00 min'],
    [12 * MIN + 5 * S, 'in 12 min 05 s'],
    [12 * MIN + 4 * S + 1, 'in 12 min 05 s'],
    [42 * S, 'in 42 s'],
    [1, 'in 1 s'],
    [0, 'expired just now'],
    [-999, 'expired just now'],
    [-42 * S, 'expired 42 s ago'],
    [-12 * MIN - 59 * S, 'expired 12 min ago'],
    [-2 * H - 30 * MIN, 'expired 2 h ago'],
    [-DAY, 'expired 1 day ago'],
    [-3 * DAY - 5 * H, 'expired 3 days ago'],
  ])('%d ms left -> %s', (left, text) => {
    expect(countdownText(NOW + left, NOW)).toBe(text);
  });

  it('says "never expires" for null', () => {
    expect(countdownText(null, NOW)).toBe('never expires');
  });

  it('accepts ISO strings', () => {
    expect(countdownText('2026-11-27T12:12:05Z', NOW)).toBe('in 12 min 05 s');
  });

  it('drops seconds in coarse mode (texts that are not refreshed every second)', () => {
    expect(countdownText(NOW + 12 * MIN + 5 * S, NOW, { coarse: true })).toBe('in 12 min');
    expect(countdownText(NOW + 30 * S, NOW, { coarse: true })).toBe('in under 1 min');
    expect(countdownText(NOW + 5 * H + 3 * MIN, NOW, { coarse: true })).toBe('in 5 h 03 min');
  });
});

describe('absoluteTimeText', () => {
  it('is precise to the second, with weekday and zone', () => {
    expect(absoluteTimeText('2026-11-27T14:05:09Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe('Fri, 27 Nov 2026, 14:05:09 UTC');
    expect(absoluteTimeText(Date.parse('2026-11-27T14:05:09Z'), { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Fri, Nov 27, 2026, 09:05:09 EST',
    );
  });
  it('says never for tokens without expiry', () => {
    expect(absoluteTimeText(null)).toBe('never');
  });
});
