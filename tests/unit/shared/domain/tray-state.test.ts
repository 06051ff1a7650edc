import { describe, expect, it } from 'vitest';
import type { AuthorizationsSnapshot } from '../../../../shared/domain/authorization.js';
import { TOOLTIP_MAX, tokenLabel, trayState } from '../../../../shared/domain/tray-state.js';
import type { TrayState } from '../../../../main/ports.js';
import { view } from '../../../support/expiry-harness.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const ada = { id: 'a1', email: 'ada@example.com', active: true };
const bob = { id: 'a2', email: 'bob@example.com', active: false };

const snap = (accountId: string, items: Array<[string, number | null]>, lastError: AuthorizationsSnapshot['lastError'] = null) => ({
  accountId,
  items: items.map(([d, left], i) => view(`${accountId}-${i}`, accountId, d, left === null ? null : NOW + left)),
  fetchedAt: new Date(NOW).toISOString(),
  lastError,
});

describe('trayState', () => {
  it('matches the TrayState port', () => {
    const s: TrayState = trayState([ada], [], NOW);
    expect(s.accounts).toEqual([ada]);
  });

  it('not signed in', () => {
    expect(trayState([], [], NOW)).toEqual({ level: 'normal', tooltip: 'Heroku Token Tray\nNot signed in', accounts: [] });
  });

  it('no tokens, and tokens that never expire', () => {
    expect(trayState([ada], [snap('a1', [])], NOW).tooltip).toBe('Heroku Token Tray\nNo tokens');
    const never = trayState([ada], [snap('a1', [['Forever', null]])], NOW);
    expect(never).toMatchObject({ level: 'normal', tooltip: 'Heroku Token Tray\nNo token expires' });
  });

  it('ok (more than 7 days): normal, names the next expiry', () => {
    const s = trayState([ada], [snap('a1', [['Later', 12 * DAY + 3 * H], ['Forever', null]])], NOW);
    expect(s.level).toBe('normal');
    expect(s.tooltip).toBe('Heroku Token Tray\nNext expiry: “Later” (ada@example.com) in 12 days 3 h');
  });

  it('soon (under 7 days): warning', () => {
    const s = trayState([ada], [snap('a1', [['Weekly', 3 * DAY + 4 * H], ['Later', 30 * DAY]])], NOW);
    expect(s.level).toBe('warning');
    expect(s.tooltip).toBe('Heroku Token Tray\n“Weekly” (ada@example.com) expires in 3 days 4 h');
  });

  it('urgent (under 24 h): warning', () => {
    const s = trayState([ada], [snap('a1', [['Staging', 5 * H + 3 * MIN]])], NOW);
    expect(s).toMatchObject({ level: 'warning', tooltip: 'Heroku Token Tray\n“Staging” (ada@example.com) expires in 5 h 03 min' });
  });

  it('critical (under 1 h): warning, minutes without seconds (the tooltip is not refreshed every second)', () => {
    const s = trayState([ada], [snap('a1', [['CI deploy key', 12 * MIN + 5_000]])], NOW);
    expect(s).toMatchObject({ level: 'warning', tooltip: 'Heroku Token Tray\n“CI deploy key” (ada@example.com) expires in 12 min' });
  });

  it('expired: expired level, names the most recently expired and counts the rest', () => {
    const s = trayState(
      [ada, bob],
      [snap('a1', [['Old', -3 * DAY], ['CI', -2 * H], ['Soon', 2 * H]]), snap('a2', [['Bob weekly', 2 * DAY]])],
      NOW,
    );
    expect(s.level).toBe('expired');
    expect(s.tooltip).toBe('Heroku Token Tray\n“CI” (ada@example.com) expired 2 h ago\n+1 more expired, 2 more within 7 days');
    expect(s.accounts).toEqual([ada, bob]);
  });

  it('picks the soonest across accounts', () => {
    const s = trayState([ada, bob], [snap('a1', [['Ada', 5 * H]]), snap('a2', [['Bob', 2 * H]])], NOW);
    expect(s.tooltip).toBe('Heroku Token Tray\n“Bob” (bob@example.com) expires in 2 h 00 min\n+1 more within 7 days');
  });

  it('ignores snapshots of accounts that are no longer signed in', () => {
    expect(trayState([ada], [snap('a1', []), snap('gone', [['Gone', -H]])], NOW).level).toBe('normal');
  });

  it('says when the list may be stale', () => {
    const s = trayState([ada], [snap('a1', [['Later', 30 * DAY]], { code: 'offline', message: 'x', at: '' })], NOW);
    expect(s.tooltip.split('\n').at(-1)).toBe('Last refresh failed; the list may be out of date');
  });

  it('stays within the Windows tooltip limit', () => {
    const long = 'x'.repeat(300);
    const s = trayState([{ ...ada, email: `${'y'.repeat(80)}@example.com` }], [snap('a1', [[long, -H], [long, H]], { code: 'offline', message: '', at: '' })], NOW);
    expect(s.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(s.tooltip.endsWith('…')).toBe(true);
  });

  it('names tokens without a description by their last four characters', () => {
    expect(tokenLabel({ description: '  ', tokenLast4: 'ab12', id: 'id' })).toBe('token ending ab12');
    expect(tokenLabel({ description: '', tokenLast4: null, id: '0123456789' })).toBe('token 01234567');
  });
});
