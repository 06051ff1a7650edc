/**
 * Tray, Menu, nativeImage and Notification per OS profile (tray.md, notification.md):
 * - Linux (StatusNotifierItem): the icon reports zero bounds and a click opens the context menu;
 *   no 'click' reaches the app.
 * - macOS/Windows: a click emits 'click' with the icon's bounds; right-click emits 'right-click'.
 * - Notifications emit 'show' or 'failed' (unsigned macOS) after show(); Windows toasts time out
 *   into Action Center (close {reason: 'timedOut'}). The fake holds notifications only weakly: one
 *   the app dropped can be garbage-collected, and then a later click reaches nobody.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { destroyedError, strict } from './strict.js';
import { electronEvent } from './window.js';
import { requireReady, world, type MenuItemLike, type NotificationRecord } from './world.js';
import type { Rect } from './profiles.js';

export class FakeImage {
  template = false;
  constructor(readonly path: string) {
    return strict(this, 'NativeImage');
  }
  isEmpty(): boolean {
    return this.path === '' || !existsSync(this.path);
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage = strict(
  {
    createFromPath: (p: string) => new FakeImage(p),
    createEmpty: () => new FakeImage(''),
  },
  'nativeImage',
);

export class FakeMenu {
  constructor(readonly items: MenuItemLike[]) {
    return strict(this, 'Menu');
  }
  static buildFromTemplate(template: MenuItemLike[]): FakeMenu {
    return new FakeMenu(template.map((t) => ({ enabled: true, ...t })));
  }
  static setApplicationMenu(menu: FakeMenu | null): void {
    world().applicationMenu = menu;
  }
  static getApplicationMenu(): unknown {
    return world().applicationMenu ?? null;
  }
}

export class FakeTray extends EventEmitter {
  image: FakeImage;
  tooltip = '';
  contextMenu: FakeMenu | null = null;
  poppedUp: FakeMenu | null = null;
  destroyed = false;
  ignoreDoubleClick = false;

  constructor(image: FakeImage | string) {
    super();
    requireReady('Tray');
    this.image = typeof image === 'string' ? new FakeImage(image) : image;
    world().trays.push(this);
    const platform = () => world().profile.platform;
    const absent = () =>
      new Set([...(platform() !== 'darwin' ? ['setIgnoreDoubleClickEvents'] : []), ...(platform() === 'linux' ? ['popUpContextMenu'] : [])]);
    return strict(this, 'Tray', absent);
  }
  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  setImage(image: FakeImage): void {
    this.alive();
    this.image = image;
  }
  setToolTip(text: string): void {
    this.alive();
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.alive();
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: FakeMenu): void {
    this.alive();
    this.poppedUp = menu ?? this.contextMenu;
  }
  setIgnoreDoubleClickEvents(on: boolean): void {
    this.alive();
    this.ignoreDoubleClick = on;
  }
  getBounds(): Rect {
    this.alive();
    return { ...world().profile.tray.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** What a left click does on this OS: an event, or (Linux, or macOS with a set menu) the menu. */
  userClick(): FakeMenu | null {
    this.alive();
    const p = world().profile;
    if (!p.tray.clicks) return this.contextMenu;
    if (p.platform === 'darwin' && this.contextMenu) return this.contextMenu;
    this.emit('click', electronEvent(), this.getBounds());
    return null;
  }
  /** What a right click shows: the set context menu, or what the app pops up in 'right-click'. */
  userRightClick(): FakeMenu | null {
    this.alive();
    const p = world().profile;
    if (p.platform === 'linux') return this.contextMenu;
    this.poppedUp = null;
    this.emit('right-click', electronEvent(), this.getBounds());
    return this.poppedUp ?? this.contextMenu;
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return world().notificationsSupported;
  }
  static handleActivation(callback: NonNullable<ReturnType<typeof world>['activationHandler']>): void {
    world().activationHandler = callback;
  }

  readonly record: NotificationRecord;

  constructor(readonly options: Record<string, unknown> & { title?: string; body?: string } = {}) {
    super();
    const self = strict(this, 'Notification');
    this.record = { title: options.title ?? '', body: options.body ?? '', options, state: 'created', ref: new WeakRef(self), closeReason: null, inActionCenter: false };
    world().notifications.push(this.record);
    return self;
  }
  get title(): string {
    return this.record.title;
  }
  show(): void {
    const w = world();
    const failure = w.notificationFailure ?? (w.profile.notifications.outcome === 'failed' ? w.profile.notifications.failure : null);
    const record = this.record;
    // The OS answers asynchronously; until then the notification is only "requested".
    setImmediate(() => {
      const n = record.ref.deref();
      if (!n) return;
      if (failure !== null) {
        record.state = 'failed';
        n.emit('failed', electronEvent(), failure);
      } else {
        record.state = 'shown';
        n.emit('show', electronEvent());
      }
    });
  }
  close(): void {
    if (this.record.state === 'closed' && !this.record.inActionCenter) return;
    const wasInCenter = this.record.inActionCenter;
    this.record.state = 'closed';
    this.record.inActionCenter = false;
    // "If a notification is in the Action Center after the initial close event ... close() will
    // remove it ... but the close event will not be emitted again" (notification.md).
    if (!wasInCenter) this.emit('close', electronEvent(world().profile.platform === 'win32' ? { reason: 'applicationHidden' } : {}));
  }
}

/** The Notification class as this OS has it: handleActivation exists on Windows only. */
export const NotificationClass = strict(FakeNotification, 'Notification', () => new Set(world().profile.windowsOnly ? [] : ['handleActivation']));

/** Runs a full garbage collection, after letting pending callbacks drop their references. */
export async function collectGarbage(): Promise<void> {
  const v8 = await import('node:v8');
  const vm = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  gc();
}
