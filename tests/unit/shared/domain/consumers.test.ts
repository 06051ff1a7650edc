import { describe, expect, it } from 'vitest';
import {
  consumerNames,
  consumersOf,
  fingerprintOf,
  fingerprintOfListed,
  fits,
  isTokenShaped,
  matchValue,
  parseMask,
  usedByLabel,
  type Consumer,
} from '../../../../shared/domain/consumers.js';

const A = 'HRKU-aaaaaaaa-1111-2222-3333-44444444aaaa';
const B = 'HRKU-bbbbbbbb-1111-2222-3333-44444444bbbb';
const UUID_TOKEN = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('token shape', () => {
  it('HRKU values anywhere; bare UUIDs only under a Heroku-ish name', () => {
    expect(isTokenShaped(A, 'ANYTHING')).toBe(true);
    expect(isTokenShaped(` ${A} `, 'X')).toBe(true);
    expect(isTokenShaped(UUID_TOKEN, 'HEROKU_API_KEY')).toBe(true);
    expect(isTokenShaped(UUID_TOKEN, 'REQUEST_ID_SEED')).toBe(false);
    expect(isTokenShaped('production', 'RAILS_ENV')).toBe(false);
    expect(isTokenShaped('HRKU-short', 'HEROKU_API_KEY')).toBe(false);
  });
});

describe('fingerprints', () => {
  it('parses Heroku masks and fits values by prefix and suffix', () => {
    expect(parseMask('HRKU-********aaaa')).toEqual({ prefix: 'HRKU-', suffix: 'aaaa' });
    expect(parseMask('********e1f0')).toEqual({ prefix: '', suffix: 'e1f0' });
    expect(parseMask(A)).toBeNull();
    expect(fits(A, parseMask('HRKU-********aaaa')!)).toBe(true);
    expect(fits(A, parseMask('HRKU-********bbbb')!)).toBe(false);
    expect(fits(UUID_TOKEN, { prefix: 'HRKU-', suffix: 'e1f0' })).toBe(false);
    expect(fits(UUID_TOKEN, { prefix: '', suffix: 'e1f0' })).toBe(true);
    expect(fits(A, { prefix: null, suffix: 'aaaa' })).toBe(true);
    expect(fingerprintOf(A)).toEqual({ prefix: 'HRKU-', suffix: 'aaaa' });
    expect(fingerprintOfListed('masked', 'aaaa')).toEqual({ prefix: null, suffix: 'aaaa' });
    expect(fingerprintOfListed('none', null)).toBeNull();
  });
});

describe('matching', () => {
  const listed = [
    { id: 'auth-a', fingerprint: fingerprintOf(A) },
    { id: 'auth-b', fingerprint: parseMask('HRKU-********bbbb') },
  ];
  it('exact for held tokens, likely by mask, broken otherwise', () => {
    const held = new Map([[A, 'auth-a']]);
    expect(matchValue(A, { held, listed })).toEqual({ authorizationId: 'auth-a', match: 'exact' });
    expect(matchValue(B, { held, listed })).toEqual({ authorizationId: 'auth-b', match: 'likely' });
    expect(matchValue('HRKU-cccccccc-1111-2222-3333-44444444cccc', { held, listed })).toEqual({ authorizationId: null, match: 'broken' });
  });
  it('a value fitting a held authorization but not equal to its token is another token (broken)', () => {
    const held = new Map([[A, 'auth-a']]);
    const lookalike = 'HRKU-zzzzzzzz-1111-2222-3333-44444444aaaa';
    expect(matchValue(lookalike, { held, listed })).toEqual({ authorizationId: null, match: 'broken' });
  });
  it('two authorizations fitting one value is ambiguous: no guess, not broken', () => {
    const twins = [
      { id: 'x', fingerprint: parseMask('HRKU-********bbbb') },
      { id: 'y', fingerprint: parseMask('HRKU-********bbbb') },
    ];
    expect(matchValue(B, { held: new Map(), listed: twins })).toBeNull();
  });
});

describe('labels', () => {
  const c = (kind: 'app' | 'file', location: string, id = 'a'): Consumer => ({
    key: `${kind}:${location}:HEROKU_API_KEY`,
    accountId: 'acc',
    kind,
    location,
    varName: 'HEROKU_API_KEY',
    authorizationId: id,
    match: 'exact',
  });
  it('says who uses a token', () => {
    const all = [c('file', '/home/u/.env'), c('app', 'deploy-bot'), c('app', 'backup-worker'), c('app', 'other', 'b')];
    const mine = consumersOf(all, 'a');
    expect(mine.map((x) => x.location)).toEqual(['backup-worker', 'deploy-bot', '/home/u/.env']);
    expect(usedByLabel(mine)).toBe('Used by 2 apps, 1 file');
    expect(usedByLabel([c('app', 'x')])).toBe('Used by 1 app');
    expect(usedByLabel([])).toBeNull();
    expect(consumerNames(mine)).toBe('app backup-worker, app deploy-bot and file .env');
    expect(consumerNames([c('app', 'backup-worker')])).toBe('app backup-worker');
  });
});
