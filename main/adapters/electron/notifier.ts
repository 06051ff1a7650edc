/**
 * The Notifier port on Electron's Notification. Each notification stays referenced until it is
 * closed: an unreferenced one can be garbage-collected and its click/action handlers never fire.
 * A newer notification with the same key replaces the older one.
 */
import { Notification } from 'electron';
import type { NotificationSpec, Notifier } from '../../ports.js';

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

  /** Shows a notification; clicks and actions go to the handlers. */
  show(spec: NotificationSpec): void {
    if (!this.isSupported()) return;
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
    n.on('close', forget);
    n.on('failed', forget);
    this.live.set(spec.key, n);
    n.show();
  }

  /** How many notifications are still referenced (for tests). */
  liveCount(): number {
    return this.live.size;
  }
}
