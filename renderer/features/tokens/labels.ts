/** Words for a row's badges and hygiene flags, and short absolute dates. */
import type { HygieneFlag } from '../../../shared/domain/authorization.js';

export const HYGIENE_TEXT: Record<HygieneFlag, { label: string; help: string }> = {
  'global-never-expires': { label: 'Global, no expiry', help: 'Full access forever: prefer a narrower scope and an expiry.' },
  'legacy-uuid-token': { label: 'Never rotated', help: 'A bare-UUID token that was never regenerated: rotate it.' },
  stale: { label: 'Untouched 1 year+', help: 'Not updated for over a year: still needed? Revoke it if not.' },
};

const DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "27 Nov 2026" */
export function shortDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? DATE.format(ms) : iso;
}

/** "27 Nov 2026, 14:05" */
export function dateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? DATE_TIME.format(ms) : iso;
}
