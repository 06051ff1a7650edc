/**
 * The words of every notification the app shows: expiry warnings, the catch-up summary and the
 * "new authorization" alert. Pure functions of their inputs and the moment, so tests pin them.
 */
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import { absoluteTimeText, countdownText, type AbsoluteTimeOptions } from '../../shared/domain/expiry.js';
import { clip, tokenLabel } from '../../shared/domain/tray-state.js';
import type { NotificationSpec } from '../ports.js';

/** One (token lifetime, threshold) pair whose moment has come. */
export interface DueWarning {
  accountId: string;
  email: string;
  item: Pick<AuthorizationView, 'id' | 'description' | 'tokenLast4'>;
  expiresAtMs: number;
  thresholdSeconds: number;
  /** Who uses the token ("app backup-worker and file .env"), when a scan found consumers. */
  usedBy?: string | null;
}

/** One authorization this app did not create and had not seen before. */
export interface NewAuthorization {
  accountId: string;
  email: string;
  item: Pick<AuthorizationView, 'id' | 'description' | 'tokenLast4' | 'scopes' | 'createdAt'> & { expiresAt?: string | null };
}

/** What the watcher notified (or would have, without a notification daemon), for listeners and tests. */
export interface WatcherNotice {
  kind: 'expiry' | 'summary' | 'new-authorization';
  spec: NotificationSpec;
  warnings: DueWarning[];
  shown: boolean;
}

const NAME_MAX = 60;
const LIST_MAX = 4;
const quoted = (item: DueWarning['item']) => `“${clip(tokenLabel(item), NAME_MAX)}”`;
const ROTATE = [{ id: 'rotate' as const, label: 'Rotate now' }];
// Rotating would break what uses the token: with consumers, offer Replace instead.
const REPLACE = [{ id: 'replace' as const, label: 'Replace now' }];

/** The warning for one token: its name and time left in the title, account and exact time in the body. */
export function expiryNotification(w: DueWarning, nowMs: number, fmt: AbsoluteTimeOptions = {}): NotificationSpec {
  const expired = w.expiresAtMs <= nowMs;
  const left = countdownText(w.expiresAtMs, nowMs);
  const at = absoluteTimeText(w.expiresAtMs, fmt);
  return {
    key: `expiry:${w.item.id}:${w.thresholdSeconds}`,
    title: `Heroku token ${quoted(w.item)} ${expired ? left : `expires ${left}`}`,
    body: w.usedBy
      ? `Account ${w.email}: used by ${w.usedBy}. It ${expired ? 'expired' : 'expires'} ${at}. Replace it to write a new token to each of them.`
      : expired
        ? `Account ${w.email}: it expired ${at}. Anything still using it gets 401 Unauthorized. Rotate it to get a new token.`
        : `Account ${w.email}: it expires ${at} (${left}). Rotate it before then to keep things working.`,
    actions: w.usedBy ? REPLACE : ROTATE,
    target: { accountId: w.accountId, authorizationId: w.item.id },
    urgency: expired || w.expiresAtMs - nowMs <= 3600_000 ? 'critical' : 'normal',
  };
}

/** A threshold as a window: "an hour", "a day", "7 days", "30 minutes". */
export function windowText(seconds: number): string {
  const units: Array<[number, string, string]> = [
    [86400, 'a day', 'days'],
    [3600, 'an hour', 'hours'],
    [60, 'a minute', 'minutes'],
  ];
  for (const [size, one, many] of units) {
    if (seconds >= size && seconds % size === 0) return seconds === size ? one : `${seconds / size} ${many}`;
  }
  return `${seconds} seconds`;
}

/**
 * One notification for several tokens at once (first sight at sign-in, catch-up after a restart
 * or sleep): never a flood. `warnings` holds one per token, its most urgent threshold passed, so
 * the widest of those is a window every token expires within.
 */
export function summaryNotification(warnings: DueWarning[], nowMs: number): NotificationSpec {
  // Only the soonest few are named: they are picked in one pass (a catch-up over 10,000 tokens
  // does not sort them all), in the order a stable sort by expiry would give.
  const soonest = soonestFew(warnings, LIST_MAX);
  const lines = soonest.map((w) => {
    const left = countdownText(w.expiresAtMs, nowMs);
    return `${quoted(w.item)} (${w.email}) ${w.expiresAtMs <= nowMs ? left : `expires ${left}`}`;
  });
  if (warnings.length > LIST_MAX) lines.push(`and ${warnings.length - LIST_MAX} more`);
  const first = soonest[0];
  let expired = 0;
  let widest = Number.NEGATIVE_INFINITY;
  for (const w of warnings) {
    if (w.expiresAtMs <= nowMs) expired++;
    widest = Math.max(widest, w.thresholdSeconds);
  }
  return {
    key: 'expiry-summary',
    title: expired > 0 ? `${warnings.length} Heroku tokens need attention (${expired} expired)` : `${warnings.length} Heroku tokens expire within ${windowText(widest)}`,
    body: lines.join('\n'),
    actions: [],
    target: first ? { accountId: first.accountId, authorizationId: first.item.id } : null,
    // The soonest one decides: critical when it expires within the hour.
    urgency: first && first.expiresAtMs - nowMs <= 3600_000 ? 'critical' : 'normal',
  };
}

/** The first `n` of `warnings` sorted (stably) by expiry, without sorting them all. */
function soonestFew(warnings: readonly DueWarning[], n: number): DueWarning[] {
  const out: DueWarning[] = [];
  for (const w of warnings) {
    if (out.length === n && w.expiresAtMs >= out[n - 1]!.expiresAtMs) continue;
    // After every earlier one with an expiry no later than its own: a stable sort's place.
    let i = out.length;
    while (i > 0 && out[i - 1]!.expiresAtMs > w.expiresAtMs) i--;
    out.splice(i, 0, w);
    if (out.length > n) out.pop();
  }
  return out;
}

/** ", expires <when>" for an expiring authorization (the alert stands in for its first-sight warning). */
const expiresClause = (item: NewAuthorization['item'], fmt: AbsoluteTimeOptions) =>
  item.expiresAt ? `, expires ${absoluteTimeText(item.expiresAt, fmt)}` : '';

/** The alert for authorizations that appeared from elsewhere (a CLI login, another tool). */
export function newAuthorizationNotification(found: NewAuthorization[], fmt: AbsoluteTimeOptions = {}): NotificationSpec {
  const only = found[0];
  if (found.length === 1 && only) {
    const scopes = only.item.scopes.join(', ') || 'none';
    return {
      key: `new-authorization:${only.item.id}`,
      title: `New Heroku authorization: ${quoted(only.item)}`,
      body: `Account ${only.email}: created ${absoluteTimeText(only.item.createdAt, fmt)}, scope ${scopes}${expiresClause(only.item, fmt)}. If you or your tools did not do this, revoke it.`,
      actions: [],
      target: { accountId: only.accountId, authorizationId: only.item.id },
      urgency: 'normal',
    };
  }
  const lines = found.slice(0, LIST_MAX).map((f) => `${quoted(f.item)} (${f.email})${expiresClause(f.item, fmt)}`);
  if (found.length > LIST_MAX) lines.push(`and ${found.length - LIST_MAX} more`);
  return {
    key: 'new-authorizations',
    title: `${found.length} new Heroku authorizations`,
    body: `${lines.join('\n')}\nIf you or your tools did not create them, revoke them.`,
    actions: [],
    target: only ? { accountId: only.accountId, authorizationId: only.item.id } : null,
    urgency: 'normal',
  };
}

/** "1 day", "7 days", "1 hour", "30 minutes": a threshold in words. */
function thresholdWords(seconds: number): string {
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (seconds % 86400 === 0) return unit(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  return unit(Math.max(1, Math.round(seconds / 60)), 'minute');
}

/** The warning for the Heroku CLI's own login: when heroku commands stop working, with Renew. */
export function cliLoginNotification(w: DueWarning, nowMs: number, fmt: AbsoluteTimeOptions = {}): NotificationSpec {
  const expired = w.expiresAtMs <= nowMs;
  const at = absoluteTimeText(w.expiresAtMs, fmt);
  return {
    key: `cli-login:${w.item.id}:${w.thresholdSeconds}`,
    title: expired ? 'Heroku CLI login expired' : `heroku commands stop working in ${thresholdWords(w.thresholdSeconds)}`,
    body: expired
      ? `Account ${w.email}: the Heroku CLI's login expired ${at}. Renew gives the CLI a new token.`
      : `Account ${w.email}: the Heroku CLI's login expires ${at}. Renew gives the CLI a new token now.`,
    actions: [{ id: 'renew', label: 'Renew' }],
    target: { accountId: w.accountId, authorizationId: w.item.id },
    urgency: expired || w.expiresAtMs - nowMs <= 3600_000 ? 'critical' : 'normal',
  };
}
