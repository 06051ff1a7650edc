/**
 * The Notifier port on Electron's Notification. Each notification stays referenced until the user
 * acts on it or dismisses it: an unreferenced one can be garbage-collected and its click/action
 * handlers never fire. That includes a Windows toast that timed out into Action Center (close with
 * reason 'timedOut'): it can still be clicked there. A newer notification with the same key
 * replaces the older one. show() resolves with what the OS did: 'show', or 'failed' (an unsigned
 * macOS build gets 'failed' from UNNotification).
 */
import { Notification } from 'electron';
import type { NotificationOutcome, NotificationSpec, Notifier } from '../../ports.js';

/** Timed-out toasts kept for Action Center at most; older ones are let go. */
const KEPT_MAX = 20;
const ANSWER_WAIT_MS = 10_000;

export interface NotifierHandlers {
  /** The notification body was clicked. */
  onClick(spec: NotificationSpec): void;
  /** One of spec.actions was chosen. */
  onAction(actionId: NotificationSpec['actions'][number]['id'], spec: NotificationSpec): void;
}

export class ElectronNotifier implements Notifier {
  private readonly live = new Map<string, Notification>();

  constructor(
    private readonly handlers: NotifierHandlers,
    private readonly icon?: string,
  ) {}

  /** Whether notifications can be shown at all on this system. */
  isSupported(): boolean {
    return Notification.isSupported();
  }

  /** Shows a notification; clicks and actions go to the handlers. Resolves once the OS showed or refused it. */
  show(spec: NotificationSpec): Promise<NotificationOutcome> {
    if (!this.isSupported()) return Promise.resolve({ shown: false, reason: 'unsupported' });
    this.live.get(spec.key)?.close();
    const n = new Notification({
      title: spec.title,
      body: spec.body,
      urgency: spec.urgency,
      timeoutType: spec.urgency === 'critical' ? 'never' : 'default',
      actions: spec.actions.map((a) => ({ type: 'button' as const, text: a.label })),
      ...(this.icon ? { icon: this.icon } : {}),
    });
    const forget = () => {
      if (this.live.get(spec.key) === n) this.live.delete(spec.key);
    };
    n.on('click', () => {
      forget();
      this.handlers.onClick(spec);
    });
    n.on('action', (details, legacyIndex) => {
      const action = spec.actions[details?.actionIndex ?? legacyIndex];
      forget();
      if (action) this.handlers.onAction(action.id, spec);
    });
    // A toast that timed out waits in Action Center: keep it so a later click still arrives.
    n.on('close', (details) => {
      if ((details as { reason?: string } | undefined)?.reason !== 'timedOut') forget();
    });
    this.keep(spec.key, n);
    const outcome = new Promise<NotificationOutcome>((resolve) => {
      // Linux has no 'failed' and a busy daemon may answer late: silence for long is taken as shown.
      const silence = setTimeout(() => resolve({ shown: true }), ANSWER_WAIT_MS);
      silence.unref?.();
      // Cleared on the answer: a pending timer would keep this notification alive by itself.
      n.once('show', () => {
        clearTimeout(silence);
        resolve({ shown: true });
      });
      n.once('failed', (_event, error) => {
        clearTimeout(silence);
        forget();
        resolve({ shown: false, reason: String(error) });
      });
    });
    n.show();
    return outcome;
  }

  private keep(key: string, n: Notification): void {
    this.live.set(key, n);
    while (this.live.size > KEPT_MAX) {
      const oldest = this.live.keys().next().value;
      if (oldest === undefined) break;
      this.live.delete(oldest);
    }
  }

  /** How many notifications are still referenced (for tests). */
  liveCount(): number {
    return this.live.size;
  }
}
