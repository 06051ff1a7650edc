/** Short absolute dates, one format for every feature (token rows, the create form's expiry preview). */

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
