/** The 30-day expiry timeline: a mark per token in the window, clusters stacked, a summary in words. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { crowdedDays, layoutMarks, layoutRuns, Timeline, timelineSummary } from '../../../../../renderer/features/timeline/timeline.js';
import { setPopoverVisible } from '../../../../../renderer/features/common/clock.js';
import { view } from '../../../../support/fake-bridge.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const H = 3600_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

const items = [
  view({ id: 'a', description: 'In 2 hours', expiresAt: at(2 * H) }),
  view({ id: 'b', description: 'In 3 hours', expiresAt: at(3 * H) }),
  view({ id: 'c', description: 'In 10 days', expiresAt: at(240 * H) }),
  view({ id: 'd', description: 'In 40 days', expiresAt: at(960 * H) }),
  view({ id: 'e', description: 'Never', expiresAt: null }),
  view({ id: 'f', description: 'Expired', expiresAt: at(-H) }),
];

describe('timeline layout', () => {
  it('marks only tokens expiring within 30 days, left to right by time', () => {
    const marks = layoutMarks(items, NOW);
    expect(marks.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(marks[2]!.x).toBeGreaterThan(marks[0]!.x);
  });

  it('stacks tokens that expire on the same day', () => {
    const [a, b, c] = layoutMarks(items, NOW);
    expect(a!.x).toBe(b!.x);
    expect(b!.y).toBeLessThan(a!.y);
    expect(c!.y).toBe(a!.y);
  });

  it('colours each mark by urgency and names it with its countdown', () => {
    const [a, , c] = layoutMarks(items, NOW);
    expect(a!.level).toBe('urgent');
    expect(c!.level).toBe('ok');
    expect(a!.text).toBe('in 2 h 00 min');
  });

  it('sums up in words', () => {
    expect(timelineSummary(items, NOW)).toBe('3 tokens expire in the next 30 days, 1 already expired.');
    expect(timelineSummary([], NOW)).toBe('No token expires in the next 30 days.');
  });
});

describe('Timeline', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('draws a mark per token and describes them for screen readers', () => {
    const { container } = render(<Timeline items={items} />);
    expect(container.querySelectorAll('circle.timeline-mark')).toHaveLength(3);
    expect(container.querySelector('circle.urgency-urgent')).toBeTruthy();
    const img = screen.getByRole('img');
    expect(img.getAttribute('aria-label')).toContain('In 2 hours: in 2 h 00 min');
    expect(screen.getByText('3 tokens expire in the next 30 days, 1 already expired.')).toBeTruthy();
  });
});

describe('timeline clusters', () => {
  it('caps a day’s stack and writes the count of a crowded day', () => {
    const many = Array.from({ length: 6 }, (_, i) => view({ id: `m${i}`, description: `Batch ${i}`, expiresAt: at((5 + i) * 60_000) }));
    const marks = layoutMarks(many, NOW);
    expect(marks).toHaveLength(6);
    expect(Math.min(...marks.map((m) => m.y))).toBeGreaterThanOrEqual(0);
    expect(crowdedDays(marks)).toEqual([{ x: marks[0]!.x, count: 6 }]);
  });

  it('draws one mark per visible place: a full stack draws 4, and the label sums up a long list', () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const many = Array.from({ length: 30 }, (_, i) => view({ id: `m${i}`, description: `Batch ${i}`, expiresAt: at((5 + i) * 60_000) }));
    const { container } = render(<Timeline items={many} />);
    expect(container.querySelectorAll('circle.timeline-mark')).toHaveLength(4);
    expect(container.querySelector('.timeline-count')?.textContent).toBe('30');
    const label = container.querySelector('svg')?.getAttribute('aria-label') ?? '';
    expect(label).toMatch(/^30 tokens expire in the next 30 days/);
    vi.useRealTimers();
  });
});

describe('timeline at a minute boundary', () => {
  const M = 60_000;
  // 600 tokens over the 30 days: full stacks, so most marks are never drawn.
  const many = Array.from({ length: 600 }, (_, i) =>
    view({ id: `t${i}`, description: `Token ${i}`, expiresAt: at(2 * H + i * (28 * 24 * H) / 600) }),
  );

  beforeEach(() => {
    cleanup();
    vi.useFakeTimers({ now: NOW });
    // A fresh shared clock on the fake timers (an earlier test may have left its timer armed).
    setPopoverVisible(false);
    setPopoverVisible(true);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('re-words the drawn marks without laying out or parsing any token again', () => {
    const { container } = render(<Timeline items={many} />);
    const title = (id = 't0') => container.querySelector(`circle[data-id="${id}"] title`)?.textContent;
    // Worded on demand: the countdown is in the hovered mark's title only.
    expect(title()).toBe('Token 0');
    fireEvent.pointerOver(container.querySelector('circle[data-id="t0"]')!);
    expect(title()).toBe('Token 0: in 2 h 00 min');
    expect(title('t1')).toBe('Token 1');
    const layouts = layoutRuns.count;
    const parse = vi.spyOn(Date, 'parse');
    act(() => void vi.advanceTimersByTime(M));
    expect(title()).toBe('Token 0: in 1 h 59 min');
    act(() => void vi.advanceTimersByTime(5 * M));
    expect(title()).toBe('Token 0: in 1 h 54 min');
    // The old timeline laid out all 600 marks (600 Date.parse calls) every minute.
    expect(layoutRuns.count).toBe(layouts);
    expect(parse).not.toHaveBeenCalled();
    expect(container.querySelectorAll('circle.timeline-mark').length).toBeLessThanOrEqual(30 * 4);
  });

  it('lays out again when a token expires, and counts it as expired', () => {
    const two = [view({ id: 'x', description: 'Soon', expiresAt: at(90_000) }), view({ id: 'y', description: 'Later', expiresAt: at(5 * H) })];
    const { container } = render(<Timeline items={two} />);
    expect(screen.getByText('2 tokens expire in the next 30 days.')).toBeTruthy();
    const layouts = layoutRuns.count;
    act(() => void vi.advanceTimersByTime(M));
    expect(layoutRuns.count).toBe(layouts); // minute 1: nothing expired yet
    act(() => void vi.advanceTimersByTime(M));
    expect(layoutRuns.count).toBe(layouts + 1);
    expect(screen.getByText('1 token expires in the next 30 days, 1 already expired.')).toBeTruthy();
    expect([...container.querySelectorAll('circle.timeline-mark')].map((c) => c.getAttribute('data-id'))).toEqual(['y']);
  });
});
