/**
 * BrowserWindow and WebContents as Electron documents them: a window the user or window manager
 * can close (a cancellable 'close', then 'closed', then destroyed), and any use of a destroyed
 * window or its webContents throws "Object has been destroyed". On native Wayland the
 * compositor ignores positioning, focus and always-on-top (browser-window.md).
 */
import { EventEmitter } from 'node:events';
import { destroyedError, strict } from './strict.js';
import { requireReady, world, type World } from './world.js';
import type { Rect } from './profiles.js';

let nextId = 1;

/** Set by the app module: what Electron does when the last window is gone. */
export const windowHooks = { lastWindowClosed: (): void => undefined };

/** An Electron-style event: preventDefault() is how listeners cancel. */
export function electronEvent<T extends object>(fields: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter {
  private readonly _id = nextId++;
  destroyed = false;
  url = '';
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor() {
    super();
    return strict(this, 'WebContents');
  }
  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }
  get id(): number {
    this.alive();
    return this._id;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.alive();
    this.sent.push([channel, payload]);
  }
  getURL(): string {
    this.alive();
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.alive();
    this.windowOpenHandler = handler;
  }
  /** Electron emits 'destroyed' once, when the native object goes. */
  destroyNow(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

type WindowOptions = Record<string, unknown> & { x?: number; y?: number; width?: number; height?: number; show?: boolean };

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return (world().windows as FakeBrowserWindow[]).filter((w) => !w.destroyed);
  }

  readonly options: WindowOptions;
  destroyed = false;
  visible = false;
  focused = false;
  alwaysOnTop: boolean;
  allWorkspaces: { visible: boolean; options?: unknown } | null = null;
  bounds: Rect;
  loaded: string | null = null;
  private readonly contents = new FakeWebContents();

  constructor(options: WindowOptions = {}) {
    super();
    requireReady('BrowserWindow');
    const w = world();
    this.options = options;
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    const area = w.profile.display.workArea;
    // Electron centres a window without x/y; a Wayland compositor places it where it likes (here: the centre too).
    this.bounds = { x: options.x ?? Math.round(area.x + (area.width - width) / 2), y: options.y ?? Math.round(area.y + (area.height - height) / 2), width, height };
    this.alwaysOnTop = !w.waylandNative && options.alwaysOnTop === true;
    w.windows.push(this);
    const proxy = strict(this, 'BrowserWindow');
    if (options.show !== false) queueMicrotask(() => !this.destroyed && proxy.show());
    return proxy;
  }

  private alive(): World {
    if (this.destroyed) throw destroyedError();
    return world();
  }
  get webContents(): FakeWebContents {
    this.alive();
    return this.contents;
  }
  get id(): number {
    this.alive();
    return this.contents.id;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    this.alive();
    return this.visible;
  }
  isFocused(): boolean {
    this.alive();
    return this.focused;
  }
  loadURL(url: string): Promise<void> {
    this.alive();
    this.loaded = url;
    this.contents.url = url;
    return Promise.resolve();
  }
  show(): void {
    const w = this.alive();
    if (!this.visible) {
      this.visible = true;
      this.emit('show');
    }
    // A Wayland compositor decides about focus itself (focus-stealing prevention): assume it does not.
    if (!w.waylandNative) this.takeFocus();
  }
  hide(): void {
    this.alive();
    if (!this.visible) return;
    this.visible = false;
    this.emit('hide');
    if (this.focused) this.loseFocus();
  }
  focus(): void {
    const w = this.alive();
    if (w.waylandNative || !this.visible) return;
    this.takeFocus();
  }
  blur(): void {
    this.alive();
    if (this.focused) this.loseFocus();
  }
  setBounds(b: Partial<Rect>): void {
    const w = this.alive();
    const keepPosition = w.waylandNative;
    this.bounds = {
      x: keepPosition ? this.bounds.x : (b.x ?? this.bounds.x),
      y: keepPosition ? this.bounds.y : (b.y ?? this.bounds.y),
      width: b.width ?? this.bounds.width,
      height: b.height ?? this.bounds.height,
    };
  }
  getBounds(): Rect {
    const w = this.alive();
    // "On Wayland, this method will return { x: 0, y: 0, ... }" (browser-window.md).
    return w.waylandNative ? { ...this.bounds, x: 0, y: 0 } : { ...this.bounds };
  }
  setPosition(x: number, y: number): void {
    this.setBounds({ x, y });
  }
  setAlwaysOnTop(flag: boolean): void {
    const w = this.alive();
    if (!w.waylandNative) this.alwaysOnTop = flag;
  }
  isAlwaysOnTop(): boolean {
    this.alive();
    return this.alwaysOnTop;
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.alive();
    this.allWorkspaces = { visible, options };
  }
  /** Like the window manager's close button: 'close' (cancellable), then destroyed. */
  close(): void {
    this.alive();
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    if (this.destroyNow()) windowHooks.lastWindowClosed();
  }
  /** Destroys without 'close' (Electron's destroy()). */
  destroy(): void {
    if (!this.destroyed && this.destroyNow()) windowHooks.lastWindowClosed();
  }

  /** The window is gone: 'closed', webContents destroyed, and 'window-all-closed' when it was the last. */
  destroyNow(): boolean {
    const w = world();
    if (this.visible) {
      this.visible = false;
      if (this.focused) this.loseFocus();
    }
    this.destroyed = true;
    this.contents.destroyNow();
    this.emit('closed');
    return FakeBrowserWindow.getAllWindows().length === 0 && !w.quitting;
  }

  // Methods run with `this` as the proxy or as the object itself: compare windows by this key.
  private readonly key = {};
  private takeFocus(): void {
    const w = world();
    const previous = w.focused as FakeBrowserWindow | null;
    if (previous?.key === this.key) return;
    previous?.loseFocus();
    this.focused = true;
    w.focused = this;
    this.emit('focus');
  }
  private loseFocus(): void {
    const w = world();
    this.focused = false;
    if ((w.focused as FakeBrowserWindow | null)?.key === this.key) w.focused = null;
    this.emit('blur');
  }
}
