/**
 * The renderer's own origin, app://renderer, and the checks every guard shares. No electron
 * import: the IPC sender check, the navigation guard and the protocol handler all use it.
 * Node's URL gives custom schemes an opaque origin ('null'), so checks compare the parsed
 * scheme and host instead of `origin`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the popover loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL, or null when it is not one. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True for app://renderer/... exactly: no userinfo, no port, no look-alike host. */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Hosts shell.openExternal may open: heroku.com and its subdomains, https only. */
export const EXTERNAL_HOST_SUFFIX = 'heroku.com';

/** True when a URL may be handed to the OS browser: https, heroku.com or *.heroku.com, no userinfo or port. */
export function isAllowedExternalUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  if (url === null || url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return host === EXTERNAL_HOST_SUFFIX || host.endsWith(`.${EXTERNAL_HOST_SUFFIX}`);
}
