/**
 * trayState finds the most pressing token in one pass instead of sorting every token: over random
 * lists (ties in expiry, expired ones, never-expiring ones, several accounts, unknown accounts)
 * it says exactly what the sort-based version (below, as it was at commit f47a837) said.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthorizationsSnapshot, AuthorizationView } from '../../../../shared/domain/authorization.js';
import { countdownText, expiryMs, urgency, urgencyRank, type Urgency } from '../../../../shared/domain/expiry.js';
import { APP_TITLE, clip, tokenLabel, TOOLTIP_MAX, trayState, type TrayAccount, type TrayLevel, type TrayState } from '../../../../shared/domain/tray-state.js';
import { view } from '../../../support/expiry-harness.js';

interface Ranked {
  item: AuthorizationView;
  email: string;
  level: Urgency;
  at: number;
}
function byPressure(a: Ranked, b: Ranked): number {
  const ae = a.level === 'expired';
  const be = b.level === 'expired';
  if (ae !== be) return ae ? -1 : 1;
  return ae ? b.at - a.at : a.at - b.at;
}
function referenceTrayState(accounts: TrayAccount[], snapshots: AuthorizationsSnapshot[], nowMs: number): TrayState {
  const menu = accounts.map((a) => ({ id: a.id, email: a.email, active: a.active }));
  if (accounts.length === 0) return { level: 'normal', tooltip: `${APP_TITLE}\nNot signed in`, accounts: menu };
  const emails = new Map(accounts.map((a) => [a.id, a.email]));
  const ranked: Ranked[] = [];
  let total = 0;
  let stale = false;
  for (const snap of snapshots) {
    const email = emails.get(snap.accountId);
    if (email === undefined) continue;
    if (snap.lastError) stale = true;
    for (const item of snap.items) {
      total++;
      const at = expiryMs(item.expiresAt);
      if (at !== null) ranked.push({ item, email, level: urgency(at, nowMs), at });
    }
  }
  ranked.sort(byPressure);
  const worst = ranked.reduce((m, r) => Math.max(m, urgencyRank(r.level)), 0);
  const level: TrayLevel = worst >= urgencyRank('expired') ? 'expired' : worst >= urgencyRank('soon') ? 'warning' : 'normal';
  const lines = [APP_TITLE, ...referenceLines(ranked, total, level, nowMs)];
  if (stale) lines.push('Last refresh failed; the list may be out of date');
  return { level, tooltip: clip(lines.join('\n'), TOOLTIP_MAX), accounts: menu };
}
function referenceLines(ranked: Ranked[], total: number, level: TrayLevel, nowMs: number): string[] {
  const first = ranked[0];
  if (!first) return [total === 0 ? 'No tokens' : 'No token expires'];
  const name = `“${clip(tokenLabel(first.item), 36)}” (${first.email})`;
  const when = countdownText(first.at, nowMs, { coarse: true });
  if (level === 'normal') return [`Next expiry: ${name} ${when}`];
  const lines = [`${name} ${first.level === 'expired' ? when : `expires ${when}`}`];
  const expired = ranked.filter((r) => r.level === 'expired').length;
  const pressing = ranked.filter((r) => urgencyRank(r.level) >= urgencyRank('soon')).length;
  const more: string[] = [];
  if (expired > 1) more.push(`${expired - 1} more expired`);
  const soonOthers = pressing - Math.max(expired, 1);
  if (soonOthers > 0) more.push(`${soonOthers} more within 7 days`);
  if (more.length > 0) lines.push(`+${more.join(', ')}`);
  return lines;
}

const NOW = Date.parse('2026-11-27T12:00:00Z');
const H = 3_600_000;
const ACCOUNTS = ['a1', 'a2', 'a3'].map((id, i) => ({ id, email: `${id}@example.com`, active: i === 0 }));

describe('trayState (property, against the sort-based version)', () => {
  it('names the same token, counts the same and picks the same level', () => {
    // Few distinct expiries, so ties are common; descriptions collide too.
    const offset = fc.option(fc.constantFrom(-48 * H, -H, -1, 0, 1, H / 2, H, 20 * H, 3 * 24 * H, 8 * 24 * H), { nil: null });
    const item = fc.record({ offset, description: fc.constantFrom('', ' ', 'CI', 'deploy', 'CI') });
    const snapArb = fc.record({ account: fc.constantFrom('a1', 'a2', 'a3', 'gone'), items: fc.array(item, { maxLength: 12 }), failed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(snapArb, { maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (snaps, n) => {
        let k = 0;
        const snapshots: AuthorizationsSnapshot[] = snaps.map((s) => ({
          accountId: s.account,
          items: s.items.map((i) => view(`t${k++}`, s.account, i.description, i.offset === null ? null : NOW + i.offset)),
          fetchedAt: new Date(NOW).toISOString(),
          lastError: s.failed ? { code: 'offline', message: 'offline', at: new Date(NOW).toISOString() } : null,
        }));
        const accounts = ACCOUNTS.slice(0, n);
        expect(trayState(accounts, snapshots, NOW)).toEqual(referenceTrayState(accounts, snapshots, NOW));
      }),
      { numRuns: 2000 },
    );
  });
});
