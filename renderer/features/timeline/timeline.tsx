/** The next 30 days as a strip with a mark per expiring token, so clusters stand out. */
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { countdownText, urgency } from '../../../shared/domain/expiry.js';
import { useMemo } from 'react';
import { useNow } from '../common/clock.js';

const DAY = 24 * 3600 * 1000;
export const TIMELINE_DAYS = 30;
const W = 340;
const PAD = 10;
const AXIS_Y = 34;
const STACK_PX = 7;
/** Marks shown stacked per day; a bigger cluster gets its count written above it. */
const MAX_STACK = 4;
const TICKS = [0, 7, 14, 21, 30];
/** Up to this many marks, the picture's label names each token. */
const MAX_SPOKEN = 12;

/** True when the mark before stands at exactly this place (the top of a full stack). */
function sameSpot(m: TimelineMark, marks: TimelineMark[], i: number): boolean {
  const prev = marks[i - 1];
  return prev !== undefined && prev.x === m.x && prev.y === m.y;
}

export interface TimelineMark {
  id: string;
  description: string;
  x: number;
  y: number;
  level: string;
  readonly text: string;
}

/** Places a mark per token expiring within the window; marks closer than a few pixels stack. */
export function layoutMarks(items: AuthorizationView[], now: number): TimelineMark[] {
  const span = TIMELINE_DAYS * DAY;
  const inWindow = items
    .filter((a) => a.expiresAt !== null)
    .map((a) => ({ a, at: Date.parse(a.expiresAt as string) }))
    .filter(({ at }) => at >= now && at <= now + span)
    .sort((p, q) => p.at - q.at);
  const stacks = new Map<number, number>();
  return inWindow.map(({ a, at }) => {
    // One column per day: tokens expiring the same day stack up, so clusters read at a glance.
    const bucket = Math.min(TIMELINE_DAYS - 1, Math.floor((at - now) / DAY));
    const x = PAD + ((bucket + 0.5) / TIMELINE_DAYS) * (W - 2 * PAD);
    const level = stacks.get(bucket) ?? 0;
    stacks.set(bucket, level + 1);
    return {
      id: a.id,
      description: a.description,
      x,
      y: AXIS_Y - 6 - Math.min(level, MAX_STACK - 1) * STACK_PX,
      level: urgency(a.expiresAt, now),
      // Worded only when read (drawn marks and short labels): a long list skips most of them.
      get text() {
        return countdownText(a.expiresAt, now);
      },
    };
  });
}

/** Days holding more marks than fit in a stack, with their count. */
export function crowdedDays(marks: TimelineMark[]): Array<{ x: number; count: number }> {
  const byX = new Map<number, number>();
  for (const m of marks) byX.set(m.x, (byX.get(m.x) ?? 0) + 1);
  return [...byX].filter(([, n]) => n > MAX_STACK).map(([x, count]) => ({ x, count }));
}

/** "3 tokens expire in the next 30 days, 1 already expired." */
export function timelineSummary(items: AuthorizationView[], now: number, marks = layoutMarks(items, now).length): string {
  const expired = items.filter((a) => a.expiresAt !== null && Date.parse(a.expiresAt) < now).length;
  const head =
    marks === 0 ? 'No token expires in the next 30 days' : `${marks} ${marks === 1 ? 'token expires' : 'tokens expire'} in the next 30 days`;
  return expired > 0 ? `${head}, ${expired} already expired.` : `${head}.`;
}

/**
 * The strip itself; each mark's title names the token and its countdown. `usedBy` (token id ->
 * "Used by 2 apps, 1 file") rings the marks of tokens something uses and says so in their names.
 */
export function Timeline({ items, usedBy }: { items: AuthorizationView[]; usedBy?: ReadonlyMap<string, string> }) {
  const used = (m: TimelineMark) => (usedBy?.has(m.id) ? ` (${usedBy.get(m.id)!.toLowerCase()})` : '');
  const now = useNow(60_000);
  const marks = useMemo(() => layoutMarks(items, now), [items, now]);
  const summary = timelineSummary(items, now, marks.length);
  // Marks past a full stack sit exactly under its top one: drawing them costs without showing.
  const drawn = useMemo(() => marks.filter((m, i) => !sameSpot(m, marks, i)), [marks]);
  // Names every mark while that stays readable; a long list is summed up (crowded days say their count).
  const label = marks.length > 0 && marks.length <= MAX_SPOKEN ? marks.map((m) => `${m.description}: ${m.text}${used(m)}`).join('; ') : summary;
  const x = (d: number) => PAD + (d / TIMELINE_DAYS) * (W - 2 * PAD);
  return (
    <figure className="timeline" aria-label="Expiry timeline">
      <figcaption className="timeline-caption">
        <span className="timeline-title">Next 30 days</span>
        <span className="timeline-summary">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} 48`} className="timeline-svg" role="img" aria-label={label}>
        {[...Array(TIMELINE_DAYS).keys()].map((d) => (
          <line key={d} x1={x(d)} x2={x(d)} y1={AXIS_Y - 2} y2={AXIS_Y + 2} className="timeline-day" />
        ))}
        <line x1={PAD} x2={W - PAD} y1={AXIS_Y} y2={AXIS_Y} className="timeline-axis" />
        {TICKS.map((d) => (
          <g key={d}>
            <line x1={x(d)} x2={x(d)} y1={AXIS_Y - 4} y2={AXIS_Y + 4} className="timeline-tick" />
            <text x={x(d)} y={AXIS_Y + 13} textAnchor={d === 0 ? 'start' : d === TIMELINE_DAYS ? 'end' : 'middle'} className="timeline-label">
              {d === 0 ? 'Today' : `${d} d`}
            </text>
          </g>
        ))}
        {crowdedDays(marks).map((d) => (
          <text key={d.x} x={d.x + 6} y={AXIS_Y - 6 - (MAX_STACK - 1) * STACK_PX + 3} className="timeline-label timeline-count">
            {d.count}
          </text>
        ))}
        {drawn.map((m) => (
          <circle key={m.id} cx={m.x} cy={m.y} r={3.5} className={`timeline-mark urgency-${m.level}${used(m) ? ' timeline-mark-used' : ''}`} data-id={m.id}>
            <title>{`${m.description}: ${m.text}${used(m)}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
