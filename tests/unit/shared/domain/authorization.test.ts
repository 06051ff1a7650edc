import { describe, expect, it } from 'vitest';
import {
  hygieneFlags,
  isCliSessionDescription,
  keepExpiredSince,
  last4,
  maskedToken,
  soonestFirst,
  tokenKind,
  toAuthorizationView,
} from '../../../../shared/domain/authorization.js';
import { authorizationView } from '../../../support/authorization-view.js';

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
    // Every token without a flag shares one frozen empty list (10,000 views keep one, not 10,000);
    // a token with flags gets a list of its own.
    const none = hygieneFlags({ ...base, scopes: ['read'], expiresAt: null, tokenKind: 'hrku' }, now);
    expect(none).toBe(hygieneFlags({ ...base, scopes: ['write'], expiresAt: '2026-12-01T00:00:00Z', tokenKind: 'uuid', updatedAt: '2026-11-02T00:00:00Z' }, now));
    expect(Object.isFrozen(none) && none.length === 0).toBe(true);
    const flagged = hygieneFlags({ ...base, scopes: ['global'], expiresAt: null, tokenKind: 'hrku' }, now);
    expect(Object.isFrozen(flagged) || flagged === hygieneFlags({ ...base, scopes: ['global'], expiresAt: null, tokenKind: 'hrku' }, now)).toBe(false);
  });
});

describe('toAuthorizationView', () => {
  const token = 'HRKU-0f0e7c5a-61a6-4f5e-9a8a-1b7b9c1d2e3f';
  const api = {
    id: 'auth-1',
    description: 'Heroku CLI login from laptop',
    scope: ['global'],
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    access_token: { token, expires_in: 3600 },
    client: { id: 'c1', name: 'Heroku CLI' },
  };
  const context = { accountId: 'acc', receivedAt: Date.parse('2026-11-27T12:00:00Z'), held: new Set(['auth-1']), currentKeyId: 'auth-1', nowMs: Date.parse('2026-11-27T12:00:00Z') };

  it('counts expiry from the moment the response arrived and keeps only the last four characters', () => {
    const view = toAuthorizationView(api, context);
    expect(view).toMatchObject({
      id: 'auth-1',
      accountId: 'acc',
      expiresAt: '2026-11-27T13:00:00.000Z',
      tokenLast4: '2e3f',
      tokenKind: 'hrku',
      held: true,
      isCliSession: true,
      isCurrentKey: true,
      client: { id: 'c1', name: 'Heroku CLI' },
      hygiene: [],
    });
    expect(JSON.stringify(view)).not.toContain(token);
  });

  it('reads absent parts as never-expiring, no token, no client, not held', () => {
    const view = toAuthorizationView({ ...api, description: null, access_token: null, client: null }, { ...context, held: new Set(), currentKeyId: null });
    expect(view).toMatchObject({ description: '', expiresAt: null, tokenLast4: null, tokenKind: 'none', held: false, client: null, isCurrentKey: false });
    expect(view.hygiene).toEqual(['global-never-expires']);
  });

  it('keeps the moment a token was first seen expired, but takes a new lifetime as is', () => {
    const receivedAt = Date.parse('2026-11-27T12:00:00Z');
    const expiredNow = authorizationView({ id: 'x', expiresAt: '2026-11-27T12:00:00.000Z' });
    const earlier = new Map([['x', '2026-11-27T10:00:00.000Z']]);
    expect(keepExpiredSince(expiredNow, earlier.get(expiredNow.id), receivedAt).expiresAt).toBe('2026-11-27T10:00:00.000Z');
    const renewed = authorizationView({ id: 'x', expiresAt: '2026-11-28T12:00:00.000Z' });
    expect(keepExpiredSince(renewed, earlier.get(renewed.id), receivedAt).expiresAt).toBe('2026-11-28T12:00:00.000Z');
  });
});

describe('soonestFirst (the one order of a token list)', () => {
  it('puts the soonest expiry first, never-expiring last, ties by description in the user’s collation', () => {
    const items = [
      authorizationView({ id: 'never-b', description: 'b', expiresAt: null }),
      authorizationView({ id: 'late', description: 'z', expiresAt: '2030-01-01T00:00:00Z' }),
      authorizationView({ id: 'never-A', description: 'A', expiresAt: null }),
      authorizationView({ id: 'soon', description: 'y', expiresAt: '2027-01-01T00:00:00Z' }),
      authorizationView({ id: 'late-a', description: 'a', expiresAt: '2030-01-01T00:00:00Z' }),
    ];
    expect(soonestFirst(items).map((a) => a.id)).toEqual(['soon', 'late-a', 'late', 'never-A', 'never-b']);
    // A new array; the input is left as it was.
    expect(items[0]!.id).toBe('never-b');
  });
});
