/** The next 30 days as a strip with a mark per expiring token, so clusters stand out. */
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { countdownText, urgency } from '../../../shared/domain/expiry.js';
import { memo, useMemo, useState, type PointerEvent } from 'react';
import { useNow } from '../common/clock.js';
import { expiryOrderOf, firstAtOrAfter, type ExpiryOrder } from '../common/expiry-order.js';

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

/** A placed mark. Its place depends on the day only; its colour and words on the minute (see markLevel/markText). */
export interface PlacedMark {
  id: string;
  description: string;
  /** Expiry in ms since the epoch. */
  at: number;
  x: number;
  y: number;
}

export interface TimelineMark extends PlacedMark {
  readonly level: string;
  readonly text: string;
}

/** The marks of the window: `marks` holds up to `perDay` of each day's stack, soonest first. */
export interface TimelineLayout {
  marks: PlacedMark[];
  /** Every token expiring in the window (stacked ones included). */
  count: number;
  /** Days holding more marks than fit in a stack, with their count. */
  crowded: Array<{ x: number; count: number }>;
}

/** How many layouts ran: the minute-boundary test checks that a new minute lays out nothing. */
export const layoutRuns = { count: 0 };

/** Local midnight of the day holding `t`: the columns are calendar days, so they move once a day. */
export function dayStartOf(t: number): number {
  return new Date(t).setHours(0, 0, 0, 0);
}

/** Local midnight of each of the window's days and of the day after it (31 entries). */
function dayBounds(dayStart: number): number[] {
  const out: number[] = [];
  for (let d = 0; d <= TIMELINE_DAYS; d++) {
    const b = new Date(dayStart);
    b.setDate(b.getDate() + d);
    out.push(b.getTime());
  }
  return out;
}

const dayX = (d: number) => PAD + ((d + 0.5) / TIMELINE_DAYS) * (W - 2 * PAD);

/**
 * Places marks for the tokens from `from` (the first not expired) to the end of the window, one
 * column per calendar day; marks of the same day stack, and past a full stack they would sit
 * exactly under its top one, so only `perDay` of each day are placed (the picture's up to 30 x 4).
 * A binary search per day finds its tokens: the cost does not grow with the list. Depends on no
 * clock: only the list, the day and where the not-yet-expired tokens start, so a new minute does
 * not call it.
 */
export function placeMarks(order: ExpiryOrder, from: number, dayStart: number, perDay = MAX_STACK): TimelineLayout {
  layoutRuns.count++;
  const bounds = dayBounds(dayStart);
  const marks: PlacedMark[] = [];
  const crowded: TimelineLayout['crowded'] = [];
  let lo = from;
  for (let d = 0; d < TIMELINE_DAYS; d++) {
    const hi = Math.max(lo, firstAtOrAfter(order, bounds[d + 1]!));
    const x = dayX(d);
    for (let i = lo; i < Math.min(hi, lo + perDay); i++) {
      const a = order.item(i);
      marks.push({ id: a.id, description: a.description, at: order.at(i), x, y: AXIS_Y - 6 - Math.min(i - lo, MAX_STACK - 1) * STACK_PX });
    }
    if (hi - lo > MAX_STACK) crowded.push({ x, count: hi - lo });
    lo = hi;
  }
  return { marks, count: lo - from, crowded };
}

/** A mark's urgency level now. */
export const markLevel = (m: PlacedMark, now: number): string => urgency(m.at, now);
/** A mark's countdown in words now ("in 3 h 12 min"). */
export const markText = (m: PlacedMark, now: number): string => countdownText(m.at, now);

/** Places a mark per token expiring within the window, worded at `now`; marks of the same day stack. */
export function layoutMarks(items: AuthorizationView[], now: number): TimelineMark[] {
  const order = expiryOrderOf(items);
  return placeMarks(order, firstAtOrAfter(order, now), dayStartOf(now), Number.POSITIVE_INFINITY).marks.map((m) => ({
    ...m,
    get level() {
      return markLevel(m, now);
    },
    get text() {
      return markText(m, now);
    },
  }));
}

/** Days holding more marks than fit in a stack, with their count. */
export function crowdedDays(marks: PlacedMark[]): Array<{ x: number; count: number }> {
  const byX = new Map<number, number>();
  for (const m of marks) byX.set(m.x, (byX.get(m.x) ?? 0) + 1);
  return [...byX].filter(([, n]) => n > MAX_STACK).map(([x, count]) => ({ x, count }));
}

function summaryText(marks: number, expired: number): string {
  const head =
    marks === 0 ? 'No token expires in the next 30 days' : `${marks} ${marks === 1 ? 'token expires' : 'tokens expire'} in the next 30 days`;
  return expired > 0 ? `${head}, ${expired} already expired.` : `${head}.`;
}

/** "3 tokens expire in the next 30 days, 1 already expired." */
export function timelineSummary(items: AuthorizationView[], now: number, marks = layoutMarks(items, now).length): string {
  return summaryText(marks, firstAtOrAfter(expiryOrderOf(items), now));
}

const x = (d: number) => PAD + (d / TIMELINE_DAYS) * (W - 2 * PAD);

// The axis never changes: one element for the module's life, so React skips it on every render.
const AXIS = (
  <>
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
  </>
);

const usedText = (usedBy: ReadonlyMap<string, string> | undefined, id: string) =>
  usedBy?.has(id) ? ` (${usedBy.get(id)!.toLowerCase()})` : '';

interface DotsProps {
  drawn: PlacedMark[];
  /** Each drawn mark's level, joined: a string, so a minute that changes no colour skips the dots. */
  levels: string;
  usedBy?: ReadonlyMap<string, string>;
  /** The hovered mark and its countdown: the only mark worded with the minute. */
  hoverId: string | null;
  hoverText: string;
}

/** The drawn marks. Titles name the token; the hovered one also says its countdown. */
const Dots = memo(function Dots({ drawn, levels, usedBy, hoverId, hoverText }: DotsProps) {
  const level = levels.split(',');
  return drawn.map((m, i) => {
    const used = usedText(usedBy, m.id);
    return (
      <circle key={m.id} cx={m.x} cy={m.y} r={3.5} className={`timeline-mark urgency-${level[i]}${used ? ' timeline-mark-used' : ''}`} data-id={m.id}>
        <title>{m.id === hoverId ? `${m.description}: ${hoverText}${used}` : `${m.description}${used}`}</title>
      </circle>
    );
  });
});

/** "Deploy key: in 3 h 12 min (used by 1 app); …" for the `count` tokens from `from`. */
function spoken(order: ExpiryOrder, from: number, count: number, now: number, usedBy?: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  for (let i = from; i < from + count; i++) {
    const a = order.item(i);
    parts.push(`${a.description}: ${countdownText(order.at(i), now)}${usedText(usedBy, a.id)}`);
  }
  return parts.join('; ');
}

/**
 * The strip itself; a mark's title names the token, and says its countdown while hovered. `usedBy`
 * (token id -> "Used by 2 apps, 1 file") rings the marks of tokens something uses and says so.
 * A new minute words only the hovered mark (and the label's up to 12 names), re-colours the drawn
 * marks (at most 30 days x 4) only when a level changes, and finds the expired tokens by binary
 * search; the marks are laid out again only when the list, the day or the expired set changes.
 */
export function Timeline({ items, usedBy }: { items: AuthorizationView[]; usedBy?: ReadonlyMap<string, string> }) {
  const now = useNow(60_000);
  const [hoverId, setHoverId] = useState<string | null>(null);
  const order = useMemo(() => expiryOrderOf(items), [items]);
  // Soonest first, so every token before `from` has expired.
  const from = firstAtOrAfter(order, now);
  const dayStart = dayStartOf(now);
  // Only the drawn marks: past a full stack a mark sits exactly under its top one.
  const { marks: drawn, count, crowded } = useMemo(() => placeMarks(order, from, dayStart), [order, from, dayStart]);
  const summary = summaryText(count, from);
  const levels = drawn.map((m) => markLevel(m, now)).join(',');
  const hovered = hoverId === null ? undefined : drawn.find((m) => m.id === hoverId);
  const hoverText = hovered ? markText(hovered, now) : '';
  // Names every token of the window while that stays readable; a long list is summed up (crowded days say their count).
  const label = count > 0 && count <= MAX_SPOKEN ? spoken(order, from, count, now, usedBy) : summary;
  const onPointerOver = (e: PointerEvent<SVGSVGElement>) => setHoverId((e.target as Element).getAttribute('data-id'));
  return (
    <figure className="timeline" aria-label="Expiry timeline">
      <figcaption className="timeline-caption">
        <span className="timeline-title">Next 30 days</span>
        <span className="timeline-summary">{summary}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} 48`}
        className="timeline-svg"
        role="img"
        aria-label={label}
        onPointerOver={onPointerOver}
        onPointerLeave={() => setHoverId(null)}
      >
        {AXIS}
        {crowded.map((d) => (
          <text key={d.x} x={d.x + 6} y={AXIS_Y - 6 - (MAX_STACK - 1) * STACK_PX + 3} className="timeline-label timeline-count">
            {d.count}
          </text>
        ))}
        <Dots drawn={drawn} levels={levels} usedBy={usedBy} hoverId={hovered ? hoverId : null} hoverText={hoverText} />
      </svg>
    </figure>
  );
}
