import { describe, expect, it } from 'vitest';
import { hygieneFlags, isCliSessionDescription, last4, maskedToken, tokenKind } from '../../../../shared/domain/authorization.js';

describe('authorization view helpers', () => {
  it.each([
    ['HRKU-0f0e7c5a-61a6-4f5e-9a8a-1b7b9c1d2e3f', 'hrku'],
    ['d5540a95-474a-4feb-b695-464ce054c449', 'uuid'],
    ['HRKU-****************2e3f', 'masked'],
    ['', 'none'],
    [null, 'none'],
  ] as const)('classifies %s as %s', (token, kind) => {
    expect(tokenKind(token)).toBe(kind);
  });

  it('keeps only the last four characters, and only when they are real characters', () => {
    expect(last4('HRKU-0f0e7c5a-61a6-4f5e-9a8a-1b7b9c1d2e3f')).toBe('2e3f');
    expect(last4('HRKU-****')).toBeNull();
    expect(last4('abc')).toBeNull();
    expect(maskedToken('2e3f')).toBe('•••• 2e3f');
    expect(maskedToken(null)).toBe('••••');
  });

  it('recognises the Heroku CLI’s own session', () => {
    expect(isCliSessionDescription('Heroku CLI login from laptop.local')).toBe(true);
    expect(isCliSessionDescription('My Heroku CLI login from script')).toBe(false);
  });

  it('flags global tokens that never expire, untouched legacy UUID tokens and stale ones', () => {
    const now = Date.parse('2026-11-27T00:00:00Z');
    const base = { createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };
    expect(hygieneFlags({ ...base, scopes: ['global'], expiresAt: null, tokenKind: 'hrku' }, now)).toEqual(['global-never-expires']);
    expect(hygieneFlags({ ...base, scopes: ['global'], expiresAt: '2026-12-01T00:00:00Z', tokenKind: 'hrku' }, now)).toEqual([]);
    expect(hygieneFlags({ ...base, scopes: ['read'], expiresAt: null, tokenKind: 'uuid' }, now)).toEqual(['legacy-uuid-token']);
    expect(
      hygieneFlags({ createdAt: '2020-01-01T00:00:00Z', updatedAt: '2025-06-01T00:00:00Z', scopes: ['read'], expiresAt: null, tokenKind: 'uuid' }, now),
    ).toEqual(['stale']);
  });
});
