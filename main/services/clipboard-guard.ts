/**
 * Copies a token to the clipboard and clears it after a delay, but only if the clipboard still
 * holds that token (the user may have copied something else since).
 */
import type { Clipboard, Clock, Logger, TimerHandle } from '../ports.js';

export class ClipboardGuard {
  private pending: TimerHandle | null = null;
  private current: string | null = null;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Writes the secret and schedules its removal after clearSeconds. */
  async copy(secret: string, clearSeconds: number): Promise<void> {
    // Write first: if it fails, the earlier token's scheduled clear still stands.
    await this.clipboard.writeText(secret);
    this.pending?.cancel();
    this.current = secret;
    this.pending = this.clock.setTimeout(() => void this.flush(), clearSeconds * 1000);
  }

  /** Clears now if the clipboard still holds what we put there (timer, or quit). */
  async flush(): Promise<void> {
    this.pending?.cancel();
    this.pending = null;
    const secret = this.current;
    this.current = null;
    if (secret === null) return;
    try {
      if ((await this.clipboard.readText()) === secret) await this.clipboard.clear();
    } catch {
      this.logger.warn('could not clear the clipboard');
    }
  }
}
