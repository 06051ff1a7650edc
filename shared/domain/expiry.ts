/** Expiry math shared by main (planning) and the renderer (countdowns). Pure. */
import { isoMs, isoString } from '../iso-time.js';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** How close a token is to dying; the boundaries are fixed, the notification thresholds are settings. */
export type Urgency = 'never' | 'ok' | 'soon' | 'urgent' | 'critical' | 'expired';

/**
 * Upper bounds (ms left, inclusive) of the urgency levels that have one, most urgent first.
 * Inclusive, so a token becomes critical the very moment its 1-hour warning is due.
 */
export const URGENCY_LIMITS_MS: ReadonlyArray<readonly [Exclude<Urgency, 'never' | 'ok' | 'expired'>, number]> = [
  ['critical', HOUR_MS],
  ['urgent', DAY_MS],
  ['soon', 7 * DAY_MS],
];

/** Absolute expiry: response receipt time + expires_in seconds; null means never. */
export function computeExpiresAt(receivedAtMs: number, expiresIn: number | null | undefined): string | null {
  if (expiresIn === null || expiresIn === undefined) return null;
  return isoString(receivedAtMs + expiresIn * 1000);
}

/** An expiry (ISO string or ms) as ms since the epoch; null for never (or unparseable). */
export function expiryMs(expiresAt: string | number | null | undefined): number | null {
  if (expiresAt === null || expiresAt === undefined) return null;
  const ms = typeof expiresAt === 'number' ? expiresAt : isoMs(expiresAt);
  return Number.isFinite(ms) ? ms : null;
}

/** The urgency level of an expiry at a given moment. */
export function urgency(expiresAt: string | number | null | undefined, nowMs: number): Urgency {
  const at = expiryMs(expiresAt);
  if (at === null) return 'never';
  const left = at - nowMs;
  if (left <= 0) return 'expired';
  for (const [level, limit] of URGENCY_LIMITS_MS) if (left <= limit) return level;
  return 'ok';
}

/** Ranks urgency levels: higher is more pressing (for sorting and tray levels). */
export function urgencyRank(level: Urgency): number {
  return URGENCY_ORDER.indexOf(level);
}
const URGENCY_ORDER: readonly Urgency[] = ['never', 'ok', 'soon', 'urgent', 'critical', 'expired'];

const BOUNDARY_OFFSETS_MS = [7 * DAY_MS, DAY_MS, HOUR_MS, 0] as const;

/** The next moment after nowMs at which the urgency of this expiry changes; null if it never will. */
export function nextUrgencyChange(expiresAt: string | number | null | undefined, nowMs: number): number | null {
  const at = expiryMs(expiresAt);
  if (at === null) return null;
  // The boundaries in time order (no array: this runs for every token of every list).
  for (const before of BOUNDARY_OFFSETS_MS) if (at - before > nowMs) return at - before;
  return null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * A countdown in words: "in 3 days 4 h", "in 5 h 03 min", "in 12 min 05 s", "in 42 s",
 * "expired just now", "expired 2 h ago", "never expires". Time left is rounded up to the second
 * (a countdown shows "in 1 s" until the very end); time since expiry is rounded down.
 * `coarse` drops seconds, for texts that are not refreshed every second (tray tooltip).
 */
export function countdownText(
  expiresAt: string | number | null | undefined,
  nowMs: number,
  options: { coarse?: boolean } = {},
): string {
  const at = expiryMs(expiresAt);
  if (at === null) return 'never expires';
  const left = at - nowMs;
  if (left <= 0) return `expired ${agoText(-left)}`;
  const s = Math.ceil(left / SECOND_MS);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `in ${days(d)} ${h} h`;
  if (h > 0) return `in ${h} h ${pad2(m)} min`;
  if (options.coarse) return m > 0 ? `in ${m} min` : 'in under 1 min';
  if (m > 0) return `in ${m} min ${pad2(sec)} s`;
  return `in ${sec} s`;
}

/** "just now", "42 s ago", "12 min ago", "2 h ago", "3 days ago" (rounded down, one unit). */
function agoText(ms: number): string {
  const s = Math.floor(ms / SECOND_MS);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${days(Math.floor(s / 86400))} ago`;
}

export interface AbsoluteTimeOptions {
  /** BCP 47 locale; the system's by default. */
  locale?: string;
  /** IANA time zone; the system's by default. */
  timeZone?: string;
}

/** A precise absolute time to the second, with weekday and zone: "Fri, 27 Nov 2026, 14:05:09 UTC". */
export function absoluteTimeText(expiresAt: string | number | null | undefined, options: AbsoluteTimeOptions = {}): string {
  const at = expiryMs(expiresAt);
  if (at === null) return 'never';
  return absoluteFormatter(options).format(at);
}

// Building an Intl.DateTimeFormat costs far more than formatting with one, and every row asks
// for this text: keep one formatter per locale and time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function absoluteFormatter(options: AbsoluteTimeOptions): Intl.DateTimeFormat {
  const key = `${options.locale ?? ''}|${options.timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(options.locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone: options.timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}
