/**
 * What people and the OS do to the app under test: clicks, closes, relaunches, notification
 * interactions, shortcut presses, timeouts, sleep. Each follows the profile in force.
 */
import { app, powerMonitor } from './app.js';
import { collectGarbage, type FakeMenu, type FakeNotification, type FakeTray } from './shell-parts.js';
import { electronEvent, FakeBrowserWindow } from './window.js';
import { normaliseAccelerator, world, type NotificationRecord } from './world.js';

const pickWindow = (win?: FakeBrowserWindow) => win ?? FakeBrowserWindow.getAllWindows()[0] ?? null;
const pickTray = () => {
  const tray = (world().trays as FakeTray[]).find((t) => !t.isDestroyed());
  if (!tray) throw new Error('fake-electron: the app has no tray icon');
  return tray;
};

/** Finds a notification's object if the app still holds it (after a garbage collection). */
async function alive(record: NotificationRecord): Promise<FakeNotification | null> {
  await collectGarbage();
  return (record.ref.deref() as FakeNotification | undefined) ?? null;
}

/** What people do to the app. */
export const user = {
  /** The window manager's close (title bar, Alt+F4, Cmd+W): a cancellable 'close', then destroyed. */
  closeWindow(win?: FakeBrowserWindow): void {
    pickWindow(win)?.close();
  },
  /** Clicks another app: the focused window blurs. */
  clickElsewhere(): void {
    (world().focused as FakeBrowserWindow | null)?.blur();
  },
  /** A left click on the tray icon; returns the menu that opened instead of an event (Linux), or null. */
  clickTray(): FakeMenu | null {
    return pickTray().userClick();
  },
  /** The tray menu the user can reach on this OS (right click, or any click on Linux). */
  openTrayMenu(): FakeMenu {
    const tray = pickTray();
    const menu = world().profile.platform === 'linux' ? tray.userClick() : tray.userRightClick();
    if (!menu) throw new Error('fake-electron: no tray menu is reachable');
    return menu;
  },
  /** Chooses the tray menu item whose label matches. */
  chooseTrayItem(label: RegExp): void {
    const item = user.openTrayMenu().items.find((i) => label.test(i.label ?? ''));
    if (!item?.click) throw new Error(`fake-electron: no tray menu item matches ${label}`);
    item.click(item, undefined, electronEvent());
  },
  /** Opens the app again from the launcher/Finder: 'activate' on macOS, a second process elsewhere. */
  relaunch(argv: string[] = []): void {
    const w = world();
    if (w.profile.relaunch === 'activate') app.emit('activate', electronEvent(), FakeBrowserWindow.getAllWindows().some((x) => x.visible));
    else app.emit('second-instance', electronEvent(), ['heroku-token-tray', ...argv], w.home, {});
  },
  /** Starts a second process from a terminal: 'second-instance' on every OS. */
  relaunchFromTerminal(argv: string[] = []): void {
    app.emit('second-instance', electronEvent(), ['heroku-token-tray', ...argv], world().home, {});
  },
  /** Presses a global shortcut; false when nothing is registered for it. */
  pressShortcut(accelerator: string): boolean {
    const fn = world().shortcuts.get(normaliseAccelerator(accelerator));
    fn?.();
    return !!fn;
  },
  /** Clicks a notification (on screen, in Notification Center or Action Center); false when nobody got it. */
  async clickNotification(record: NotificationRecord): Promise<boolean> {
    return deliverActivation(record, 'click');
  },
  /** Presses an action button of a notification. */
  async chooseNotificationAction(record: NotificationRecord, actionIndex: number): Promise<boolean> {
    return deliverActivation(record, 'action', actionIndex);
  },
  /** Dismisses a notification. */
  async dismissNotification(record: NotificationRecord): Promise<void> {
    const n = await alive(record);
    record.state = 'closed';
    record.inActionCenter = false;
    n?.emit('close', electronEvent(world().profile.platform === 'win32' ? { reason: 'userCanceled' } : {}));
  },
  /** Quit from the OS (Cmd+Q, logout): app.quit(). */
  quit(): void {
    app.quit();
  },
};

async function deliverActivation(record: NotificationRecord, type: 'click' | 'action', actionIndex = 0): Promise<boolean> {
  const w = world();
  if (record.state === 'failed' || record.state === 'created') return false;
  const n = await alive(record);
  let delivered = false;
  if (w.profile.windowsOnly && w.activationHandler) {
    w.activationHandler({ type, actionIndex, arguments: '' });
    delivered = true;
  }
  if (n) {
    if (type === 'click') n.emit('click', electronEvent());
    else n.emit('action', electronEvent({ actionIndex, selectionIndex: -1 }), actionIndex, -1);
    delivered = true;
  }
  record.inActionCenter = false;
  return delivered;
}

/** What the OS does on its own. */
export const os = {
  /** A notification's banner times out: on Windows close {reason: 'timedOut'} and it waits in Action Center. */
  async timeOutNotification(record: NotificationRecord): Promise<void> {
    const n = await alive(record);
    if (!world().profile.notifications.actionCenter) return;
    record.inActionCenter = true;
    record.closeReason = 'timedOut';
    n?.emit('close', electronEvent({ reason: 'timedOut' }));
  },
  /** Another app (or the desktop) holds this accelerator. */
  takeShortcut(accelerator: string): void {
    world().takenShortcuts.add(normaliseAccelerator(accelerator));
  },
  /** The installed app is running with this userData folder (it holds the single-instance lock). */
  installedAppRunning(userData: string): void {
    world().otherInstances.add(userData);
  },
  /**
   * The user shuts down, restarts or logs off, as each OS tells the app:
   * - Windows: every window gets 'query-session-end' (preventDefault only delays it) and then
   *   'session-end' (window.md: it cannot be stopped then), and the process is ended. No
   *   before-quit, will-quit or quit (app.md, before-quit: not emitted on Windows then).
   * - Linux and macOS: powerMonitor 'shutdown' (power-monitor.md). An app that calls preventDefault()
   *   is waited for (it "should exit as soon as possible by calling something like app.quit()"),
   *   up to `waitMs` (logind's InhibitDelayMaxSec is 5 s by default); any other is ended at once.
   * An ended process does nothing more: the fake marks it `killed`, and the clipboard no longer
   * changes. What a test reads from disk right after this call is what the app left there.
   */
  endSession(waitMs = 5000): void {
    const w = world();
    if (w.exited) return;
    const kill = () => {
      if (w.exited) return;
      w.exited = true;
      w.killed = true;
      w.exitCode = null;
    };
    if (w.profile.platform === 'win32') {
      for (const win of FakeBrowserWindow.getAllWindows()) win.emit('query-session-end', electronEvent({ reasons: ['shutdown'] }));
      for (const win of FakeBrowserWindow.getAllWindows()) win.emit('session-end', electronEvent({ reasons: ['shutdown'] }));
      return kill();
    }
    const event = electronEvent();
    powerMonitor.emit('shutdown', event);
    if (!event.defaultPrevented) return kill();
    setTimeout(kill, waitMs).unref();
  },
  /** Sleep and wake. */
  sleepAndWake(): void {
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
  },
  setOnline(online: boolean): void {
    world().online = online;
  },
  /** Makes notifications fail from now on (a missing daemon, Focus Assist). */
  failNotifications(reason: string | null): void {
    world().notificationFailure = reason;
  },
};

