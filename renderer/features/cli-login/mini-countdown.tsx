/** A countdown on the shared renderer clock (the tokens feature has its own; features do not share). */
import { countdownText, expiryMs, urgency } from '../../../shared/domain/expiry.js';
import { useClockValue } from '../common/clock.js';

/** "in 12 min 05 s", coloured by urgency; "Never expires" for null. */
export function MiniCountdown({ expiresAt, label }: { expiresAt: string | null; label?: string }) {
  const at = expiryMs(expiresAt);
  const shown = useClockValue((now) => (at === null ? '' : `${urgency(at, now)} ${countdownText(at, now)}`), at !== null);
  if (at === null) return <span className="countdown urgency-never">Never expires</span>;
  const space = shown.indexOf(' ');
  const level = shown.slice(0, space);
  return (
    <span className={`countdown urgency-${level}`} data-urgency={level} aria-label={label ? `${label}: ${shown.slice(space + 1)}` : undefined}>
      <time dateTime={new Date(at).toISOString()}>{shown.slice(space + 1)}</time>
    </span>
  );
}
