/** Navigation, new-window, webview, permission and openExternal guards against hostile input. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, electronEvent as fakeEvent, fake } from '../../../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../../../support/fake-electron/index.js')).electronModule);

const { guardWebContents, denyAllPermissions } = await import('../../../../../main/adapters/electron/web-guards.js');
const { isAllowedExternalUrl, isAppUrl } = await import('../../../../../main/adapters/electron/app-url.js');
const electron = (await import('../../../../support/fake-electron/index.js')).electronModule;

const HOSTILE = [
  'https://dashboard.heroku.com.evil.com/',
  'https://heroku.com.evil.com',
  'https://evilheroku.com/',
  'https://heroku.com@evil.com/',
  'https://dashboard.heroku.com@evil.com/x',
  'https://user:pw@dashboard.heroku.com/',
  'https://dashboard.heroku.com:8443/',
  'http://dashboard.heroku.com/',
  'file:///etc/passwd',
  'javascript:alert(document.domain)',
  'JavaScript://dashboard.heroku.com/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://renderer/index.html',
  'heroku.com',
  '//dashboard.heroku.com/',
  'https://dashboard.heroku.com%2e.evil.com/',
  'https://dashboard.heroku.co/',
  '',
];
const ALLOWED = ['https://heroku.com/', 'https://dashboard.heroku.com/account/applications', 'https://devcenter.heroku.com/articles/platform-api-reference', 'https://DASHBOARD.Heroku.com/'];

let contents: InstanceType<typeof FakeWebContents>;
afterEach(() => fake.restore());
beforeEach(async () => {
  fake.use('linux-x11');
  await fake.makeReady();
  contents = new FakeWebContents();
  guardWebContents(contents as never, (url) => electron.shell.openExternal(url));
});

describe('isAllowedExternalUrl', () => {
  it.each(HOSTILE)('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
  it.each(ALLOWED)('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));
  it('refuses non-strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://heroku.com/' })).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only app://renderer itself', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    for (const url of ['app://renderer.evil/', 'app://x@renderer/', 'app://renderer:1/', 'app://other/', 'https://renderer/', 'file:///renderer/']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('guardWebContents', () => {
  it.each(HOSTILE.filter((u) => !u.startsWith('app://')))('will-navigate to %s is prevented and not opened', (url) => {
    const e = fakeEvent({ url });
    contents.emit('will-navigate', e, url);
    expect(e.defaultPrevented).toBe(true);
    expect(fake.world.opened).toEqual([]);
  });

  it('navigation to a Heroku page is prevented in the window and opened in the browser', async () => {
    const e = fakeEvent({ url: 'https://devcenter.heroku.com/articles/oauth' });
    contents.emit('will-navigate', e, e.url);
    expect(e.defaultPrevented).toBe(true);
    await Promise.resolve();
    expect(fake.world.opened).toEqual(['https://devcenter.heroku.com/articles/oauth']);
  });

  it('a reload of our own page may proceed', () => {
    const e = fakeEvent({ url: 'app://renderer/index.html' });
    contents.emit('will-navigate', e, e.url);
    expect(e.defaultPrevented).toBe(false);
  });

  it('redirects and sub-frame navigations away from the app are prevented', () => {
    for (const name of ['will-redirect', 'will-frame-navigate']) {
      const e = fakeEvent({ url: 'https://evil.example/' });
      contents.emit(name, e);
      expect(e.defaultPrevented).toBe(true);
    }
  });

  it.each([...HOSTILE, ...ALLOWED])('window.open(%s) is denied; only Heroku pages reach the browser', (url) => {
    expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(fake.world.opened).toEqual(ALLOWED.includes(url) ? [url] : []);
  });

  it('<webview> attachment is prevented', () => {
    const e = fakeEvent({});
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request, check and device permission', () => {
    denyAllPermissions(electron.session.defaultSession as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const cb = vi.fn();
      (fake.world.permission.request as (...a: unknown[]) => void)(contents, permission, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect((fake.world.permission.check as (...a: unknown[]) => boolean)(contents, permission, 'app://renderer', {})).toBe(false);
    }
    expect((fake.world.permission.device as (...a: unknown[]) => boolean)({ deviceType: 'hid', origin: 'app://renderer' })).toBe(false);
  });
});

describe('guarding twice', () => {
  it('opens an allowed link once even when the window was guarded twice', async () => {
    guardWebContents(contents as never, (url) => electron.shell.openExternal(url));
    const e = fakeEvent({ url: 'https://dashboard.heroku.com/' });
    contents.emit('will-navigate', e, e.url);
    await Promise.resolve();
    expect(fake.world.opened).toEqual(['https://dashboard.heroku.com/']);
  });
});
