/**
 * The clipboard as the core's thread uses it (through the main thread), remembering what the core
 * put there and has not cleared yet. The core's clipboard guard clears a token after N seconds or
 * when it stops; a core that died cannot, so the main thread does (if the clipboard still holds
 * it): a crash never leaves a token there.
 */
import type { Clipboard, Logger } from '../ports.js';

export class ClipboardRelay {
  private left: string | null = null;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly logger: Logger,
  ) {}

  async write(text: string): Promise<void> {
    await this.clipboard.writeText(text);
    this.left = text;
  }

  async read(): Promise<string> {
    const text = await this.clipboard.readText();
    // The guard found something else there (the user copied since): nothing of the core's to clear.
    if (text !== this.left) this.left = null;
    return text;
  }

  async clear(): Promise<void> {
    await this.clipboard.clear();
    this.left = null;
  }

  /** Clears the clipboard if it still holds what a core that is gone put there. */
  async clearLeftToken(): Promise<void> {
    const left = this.left;
    if (left === null) return;
    this.left = null;
    try {
      if ((await this.clipboard.readText()) === left) await this.clipboard.clear();
    } catch (e) {
      this.logger.error('the clipboard could not be cleared', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}
