/**
 * What the tray shows, computed from the account list and the authorization snapshots: the icon
 * level (normal / warning / expired), a tooltip naming the most pressing expiry, and the accounts
 * for the context menu. Pure, so main renders it on any clock and tests check every level.
 */
import { expiryMsOf, type AuthorizationsSnapshot, type AuthorizationView } from './authorization.js';
import { countdownText, expiryMs, urgency, urgencyRank, type Urgency } from './expiry.js';

export type TrayLevel = 'normal' | 'warning' | 'expired';

export interface TrayAccount {
  id: string;
  email: string;
  active: boolean;
}

/** The tray's state: icon level, tooltip, menu (main/ports.ts re-exports it for the TrayView port). */
export interface TrayState {
  level: TrayLevel;
  tooltip: string;
  accounts: TrayAccount[];
  /** A warning the OS refused to show as a notification: the tray menu and tooltip carry it instead. */
  notice?: string | null;
}

export const APP_TITLE = 'Heroku Token Tray';
/** Windows cuts tray tooltips at 127 characters; stay under it everywhere. */
export const TOOLTIP_MAX = 127;
const DESCRIPTION_MAX = 36;

/** The name a token goes by in texts: its description, else its last four characters, else its id. */
export function tokenLabel(a: Pick<AuthorizationView, 'description' | 'tokenLast4' | 'id'>): string {
  const d = a.description.trim();
  if (d !== '') return d;
  return a.tokenLast4 ? `token ending ${a.tokenLast4}` : `token ${a.id.slice(0, 8)}`;
}

/** Shortens a text to max characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

interface Ranked {
  item: AuthorizationView;
  email: string;
  level: Urgency;
  at: number;
}

/**
 * Whether a token (expired or not, expiring at `at`) is more pressing than `b`. Most pressing
 * first: expired (most recently expired first), then soonest expiry. Arguments, not a record:
 * it runs for every token of every list.
 */
function morePressing(expired: boolean, at: number, b: Ranked): boolean {
  const be = b.level === 'expired';
  if (expired !== be) return expired;
  return expired ? at > b.at : at < b.at;
}

/** What the tray says about the tokens: the most pressing one and how many are pressing. */
interface Pressure {
  first: Ranked | null;
  worst: number;
  expired: number;
  pressing: number;
}

const EXPIRED_RANK = urgencyRank('expired');
const SOON_RANK = urgencyRank('soon');

/** The tray's level, tooltip and account menu for the given moment. */
export function trayState(accounts: TrayAccount[], snapshots: AuthorizationsSnapshot[], nowMs: number): TrayState {
  const menu = accounts.map((a) => ({ id: a.id, email: a.email, active: a.active }));
  if (accounts.length === 0) return { level: 'normal', tooltip: `${APP_TITLE}\nNot signed in`, accounts: menu };
  const emails = new Map(accounts.map((a) => [a.id, a.email]));
  // One pass, no sort: the tooltip names only the most pressing token (the first of a stable
  // sort by morePressing, i.e. the earliest listed among equals) and counts the others.
  const p: Pressure = { first: null, worst: 0, expired: 0, pressing: 0 };
  let total = 0;
  let stale = false;
  for (const snap of snapshots) {
    const email = emails.get(snap.accountId);
    if (email === undefined) continue;
    if (snap.lastError) stale = true;
    // The sort's ms of each expiry, when the list came sorted by soonestFirst (no parse per token).
    const ms = expiryMsOf(snap.items);
    for (let i = 0; i < snap.items.length; i++) {
      const item = snap.items[i]!;
      total++;
      const at = ms === undefined ? expiryMs(item.expiresAt) : ms[i] === Number.POSITIVE_INFINITY ? null : ms[i]!;
      if (at === null) continue;
      const level = urgency(at, nowMs);
      const rank = urgencyRank(level);
      if (rank > p.worst) p.worst = rank;
      if (rank === EXPIRED_RANK) p.expired++;
      if (rank >= SOON_RANK) p.pressing++;
      if (p.first === null || morePressing(rank === EXPIRED_RANK, at, p.first)) p.first = { item, email, level, at };
    }
  }
  const level: TrayLevel = p.worst >= EXPIRED_RANK ? 'expired' : p.worst >= SOON_RANK ? 'warning' : 'normal';
  const lines = [APP_TITLE, ...describe(p, total, level, nowMs)];
  if (stale) lines.push('Last refresh failed; the list may be out of date');
  return { level, tooltip: clip(lines.join('\n'), TOOLTIP_MAX), accounts: menu };
}

function describe(p: Pressure, total: number, level: TrayLevel, nowMs: number): string[] {
  const first = p.first;
  if (!first) return [total === 0 ? 'No tokens' : 'No token expires'];
  const name = `“${clip(tokenLabel(first.item), DESCRIPTION_MAX)}” (${first.email})`;
  const when = countdownText(first.at, nowMs, { coarse: true });
  if (level === 'normal') return [`Next expiry: ${name} ${when}`];
  const lines = [`${name} ${first.level === 'expired' ? when : `expires ${when}`}`];
  const more: string[] = [];
  if (p.expired > 1) more.push(`${p.expired - 1} more expired`);
  const soonOthers = p.pressing - Math.max(p.expired, 1);
  if (soonOthers > 0) more.push(`${soonOthers} more within 7 days`);
  if (more.length > 0) lines.push(`+${more.join(', ')}`);
  return lines;
}

const MISSED_LINE = '⚠ A warning could not be shown as a notification';

/** The state with a refused notification folded in: at least 'warning', said in the tooltip and the menu. */
export function withMissedNotice(state: TrayState, missedTitle: string | null): TrayState {
  if (missedTitle === null) return state;
  const [title, ...rest] = state.tooltip.split('\n');
  return {
    ...state,
    level: state.level === 'normal' ? 'warning' : state.level,
    tooltip: clip([title, MISSED_LINE, ...rest].join('\n'), TOOLTIP_MAX),
    notice: missedTitle,
  };
}
