/** The 30-day expiry timeline: a mark per token in the window, clusters stacked, a summary in words. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { crowdedDays, layoutMarks, Timeline, timelineSummary } from '../../../../../renderer/features/timeline/timeline.js';
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
