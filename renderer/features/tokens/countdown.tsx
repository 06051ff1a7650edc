/** A live countdown to a token's expiry: words, a colour by urgency, and the absolute time. */
import { absoluteTimeText, countdownText, DAY_MS, urgency, type Urgency } from '../../../shared/domain/expiry.js';
import { useNow } from '../clock/clock.js';

/** What an urgency level is called where colour alone would not say it. */
export const URGENCY_WORD: Record<Urgency, string | null> = {
  never: null,
  ok: null,
  soon: 'Soon',
  urgent: 'Urgent',
  critical: 'Critical',
  expired: 'Expired',
};

function useLevel(expiresAt: string | null): Urgency {
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  const coarse = Number.isFinite(at) && Math.abs(at - Date.now()) > DAY_MS + 60_000;
  return urgency(expiresAt, useNow(coarse ? 60_000 : 1000));
}

/** The urgency level in a word ("Critical"), for levels that call for attention. */
export function UrgencyTag({ expiresAt }: { expiresAt: string | null }) {
  const level = useLevel(expiresAt);
  const word = URGENCY_WORD[level];
  return word ? <span className={`urgency-word urgency-${level}`}>{word}</span> : null;
}

/** `<time datetime=ISO>in 12 min 05 s</time>`, or "Never expires". Re-renders on the shared clock. */
export function Countdown({ expiresAt }: { expiresAt: string | null }) {
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  // Within a day the text shows minutes and seconds; beyond, a minute's resolution is plenty.
  const coarse = Number.isFinite(at) && Math.abs(at - Date.now()) > DAY_MS + 60_000;
  const now = useNow(coarse ? 60_000 : 1000);
  if (expiresAt === null || !Number.isFinite(at)) {
    return <span className="countdown urgency-never">Never expires</span>;
  }
  const level = urgency(expiresAt, now);
  return (
    <span className={`countdown urgency-${level}`} data-urgency={level}>
      <time dateTime={new Date(at).toISOString()} title={`Expires ${absoluteTimeText(expiresAt)}`}>
        {countdownText(expiresAt, now)}
      </time>
    </span>
  );
}
