/**
 * Guards for every webContents and session: no navigation away from app://renderer, no new
 * windows, no <webview>, no permissions. Links to Heroku pages open in the OS browser, and only
 * those (see isAllowedExternalUrl).
 */
import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl, isAppUrl } from './app-url.js';

export type OpenExternal = (url: string) => Promise<void> | void;

/** Hands an allowed URL to the OS browser; returns whether it did. */
export function openExternalIfAllowed(url: string, openExternal: OpenExternal): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void Promise.resolve(openExternal(url)).catch(() => undefined);
  return true;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
// A window guarded by itself and by the app-wide hook must not open a link twice.
const guarded = new WeakSet<GuardedContents>();

/** Denies navigation, redirects, new windows and webviews; Heroku links go to the OS browser. Idempotent. */
export function guardWebContents(contents: GuardedContents, openExternal: OpenExternal): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const stay = (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalIfAllowed(event.url, openExternal);
  };
  contents.on('will-navigate', (event) => stay(event));
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, openExternal);
    return { action: 'deny' };
  });
}

type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** Denies every permission request and check (camera, notifications, clipboard-read, ...). */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
