/** Small in-memory port implementations for tests (the real ones are tested on their own). */
import type { Clipboard, Clock, Logger, TimerHandle } from '../../main/ports.js';

/** A clock that only moves when the test says so; timers fire as time passes. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  constructor(private t: number = Date.parse('2026-11-27T12:00:00Z')) {}

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return { cancel: () => (this.timers = this.timers.filter((x) => x.id !== id)) };
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }

  /** Sets the wall clock without firing timers (a clock jump). */
  jump(to: number): void {
    this.t = to;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

/** A clipboard in memory. */
export class MemoryClipboard implements Clipboard {
  text = '';
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async readText(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
}

/** A logger that keeps every line (already redacted by the real loggers; this one keeps raw text). */
export class RecordingLogger implements Logger {
  lines: string[] = [];
  private rec = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    this.lines.push(`${level}: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  };
  debug = this.rec('debug');
  info = this.rec('info');
  warn = this.rec('warn');
  error = this.rec('error');
}
