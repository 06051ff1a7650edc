import { describe, expect, it, vi } from 'vitest';
import { ClipboardGuard } from '../../../../main/services/clipboard-guard.js';
import { ManualClock, MemoryClipboard, RecordingLogger } from '../../../support/fakes.js';

describe('ClipboardGuard', () => {
  it('clears the clipboard after the delay when it still holds the token', async () => {
    const clip = new MemoryClipboard();
    const clock = new ManualClock();
    const guard = new ClipboardGuard(clip, clock, new RecordingLogger());
    await guard.copy('HRKU-secret', 30);
    expect(clip.text).toBe('HRKU-secret');
    clock.advance(29_000);
    expect(clip.text).toBe('HRKU-secret');
    clock.advance(1_000);
    await vi.waitFor(() => expect(clip.text).toBe(''));
  });

  it('leaves the clipboard alone when the user copied something else', async () => {
    const clip = new MemoryClipboard();
    const clock = new ManualClock();
    const guard = new ClipboardGuard(clip, clock, new RecordingLogger());
    await guard.copy('HRKU-secret', 10);
    clip.text = 'my own text';
    clock.advance(10_000);
    await new Promise((r) => setImmediate(r));
    expect(clip.text).toBe('my own text');
  });

  it('a second copy restarts the delay and clears only the newest token', async () => {
    const clip = new MemoryClipboard();
    const clock = new ManualClock();
    const guard = new ClipboardGuard(clip, clock, new RecordingLogger());
    await guard.copy('first', 10);
    clock.advance(8_000);
    await guard.copy('second', 10);
    clock.advance(5_000);
    await new Promise((r) => setImmediate(r));
    expect(clip.text).toBe('second');
    clock.advance(5_000);
    await new Promise((r) => setImmediate(r));
    expect(clip.text).toBe('');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('flush() on quit clears a token still on the clipboard', async () => {
    const clip = new MemoryClipboard();
    const guard = new ClipboardGuard(clip, new ManualClock(), new RecordingLogger());
    await guard.copy('HRKU-secret', 60);
    await guard.flush();
    expect(clip.text).toBe('');
  });
});
