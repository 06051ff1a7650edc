/** A live countdown to a token's expiry: words, a colour by urgency, and the absolute time. */
import { useMemo, useRef } from 'react';
import { absoluteTimeText, countdownText, expiryMs, urgency, type Urgency } from '../../../shared/domain/expiry.js';
import { useClockText, useClockValue } from '../common/clock.js';

/** What an urgency level is called where colour alone would not say it. */
export const URGENCY_WORD: Record<Urgency, string | null> = {
  never: null,
  ok: null,
  soon: 'Soon',
  urgent: 'Urgent',
  critical: 'Critical',
  expired: 'Expired',
};

/** The urgency level in a word ("Critical"), for levels that call for attention. */
export function UrgencyTag({ expiresAt }: { expiresAt: string | null }) {
  const at = expiryMs(expiresAt);
  // Re-renders only when the level changes, not every second.
  const level = useClockValue((now) => urgency(at, now), at !== null);
  const word = URGENCY_WORD[level];
  return word ? <span className={`urgency-word urgency-${level}`}>{word}</span> : null;
}

/**
 * `<time datetime=ISO>in 12 min 05 s</time>`, or "Never expires". The words follow the shared
 * clock without re-rendering (useClockText); the component re-renders only when the urgency level
 * (its colour) changes. The title and datetime are computed once per expiry, not per tick.
 */
export function Countdown({ expiresAt }: { expiresAt: string | null }) {
  const at = expiryMs(expiresAt);
  const timeRef = useRef<HTMLTimeElement>(null);
  const level = useClockValue((now) => urgency(at, now), at !== null);
  const text = useClockText(timeRef, (now) => (at === null ? '' : countdownText(at, now)), at !== null);
  const title = useMemo(() => `Expires ${absoluteTimeText(expiresAt)}`, [expiresAt]);
  const iso = useMemo(() => (at === null ? '' : new Date(at).toISOString()), [at]);
  if (at === null) {
    return <span className="countdown urgency-never">Never expires</span>;
  }
  return (
    <span className={`countdown urgency-${level}`} data-urgency={level}>
      <time ref={timeRef} dateTime={iso} title={title}>
        {text}
      </time>
    </span>
  );
}
