/** The live countdown: words and urgency, the absolute <time>, one shared timer, paused when hidden. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { countdownText } from '../../../../../shared/domain/expiry.js';
import { Countdown } from '../../../../../renderer/features/tokens/countdown.js';
import { clockRunning, setPopoverVisible } from '../../../../../renderer/features/common/clock.js';

const T0 = Date.parse('2026-11-27T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    setPopoverVisible(true);
  });
  afterEach(() => {
    cleanup();
    setPopoverVisible(true);
    vi.useRealTimers();
  });

  it('says "Never expires" without a <time> for a token that never expires', () => {
    const { container } = render(<Countdown expiresAt={null} />);
    expect(container.textContent).toBe('Never expires');
    expect(container.querySelector('time')).toBeNull();
  });

  it('renders the absolute expiry as <time datetime> and counts down every second', () => {
    const at = T0 + 12 * 60_000 + 5_000;
    const { container } = render(<Countdown expiresAt={iso(at)} />);
    const time = container.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(iso(at));
    expect(time.textContent).toBe('in 12 min 05 s');
    act(() => vi.advanceTimersByTime(1000));
    expect(container.querySelector('time')!.textContent).toBe('in 12 min 04 s');
  });

  it('colours by urgency and changes level as time passes, down to "expired"', () => {
    const at = T0 + 61 * 60_000;
    const { container } = render(<Countdown expiresAt={iso(at)} />);
    const level = () => container.querySelector('.countdown')!.getAttribute('data-urgency');
    expect(level()).toBe('urgent');
    expect(container.querySelector('.countdown')!.className).toContain('urgency-urgent');
    act(() => vi.advanceTimersByTime(2 * 60_000));
    expect(level()).toBe('critical');
    act(() => vi.advanceTimersByTime(60 * 60_000));
    expect(level()).toBe('expired');
    expect(screen.getByText(/^expired .* ago$/)).toBeTruthy();
  });

  it('shows days and hours for far expiries', () => {
    render(<Countdown expiresAt={iso(T0 + (3 * 24 + 4) * 3600_000 + 30_000)} />);
    expect(screen.getByText('in 3 days 4 h')).toBeTruthy();
  });

  it('uses one timer for any number of rows', () => {
    render(
      <div>
        {Array.from({ length: 50 }, (_, i) => (
          <Countdown key={i} expiresAt={iso(T0 + (i + 1) * 60_000)} />
        ))}
      </div>,
    );
    expect(vi.getTimerCount()).toBe(1);
    expect(clockRunning()).toBe(true);
  });

  it('stops ticking while the popover is hidden and catches up when shown', () => {
    const { container } = render(<Countdown expiresAt={iso(T0 + 10 * 60_000)} />);
    const text = () => container.querySelector('time')!.textContent;
    expect(text()).toBe('in 10 min 00 s');
    act(() => setPopoverVisible(false));
    expect(clockRunning()).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    act(() => vi.advanceTimersByTime(5000));
    expect(text()).toBe('in 10 min 00 s');
    act(() => setPopoverVisible(true));
    expect(text()).toBe('in 9 min 55 s');
  });

  it('stops the timer when no countdown is mounted', () => {
    const { unmount } = render(<Countdown expiresAt={iso(T0 + 60_000)} />);
    expect(clockRunning()).toBe(true);
    unmount();
    expect(clockRunning()).toBe(false);
  });

  it('moves its words every second without a React commit, and re-renders only when its level changes', () => {
    let commits = 0;
    // 1 h 00 min 02 s left: urgent, critical from 1 h left on.
    const at = T0 + 3600_000 + 2_000;
    const { container } = render(
      <Profiler id="countdown" onRender={() => void commits++}>
        <Countdown expiresAt={iso(at)} />
      </Profiler>,
    );
    const time = () => container.querySelector('time')!;
    const level = () => container.querySelector('.countdown')!.getAttribute('data-urgency');
    const textNode = time().firstChild;
    const mounted = commits;
    act(() => vi.advanceTimersByTime(2000));
    // The level changed: one render, which writes the words of that second too.
    expect(level()).toBe('critical');
    expect(commits).toBe(mounted + 1);
    expect(time().textContent).toBe(countdownText(at, Date.now()));
    for (let s = 0; s < 3; s++) {
      act(() => vi.advanceTimersByTime(1000));
      expect(time().textContent).toBe(countdownText(at, Date.now()));
    }
    expect(time().textContent).toBe('in 59 min 57 s');
    // Before: every second re-rendered and committed the countdown.
    expect(commits).toBe(mounted + 1);
    // React's text node is the one being changed, so React's own later updates still reach the screen.
    expect(time().firstChild).toBe(textNode);
  });
});

