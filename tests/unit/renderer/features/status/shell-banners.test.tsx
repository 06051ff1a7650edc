/**
 * What the desktop shell could not do reaches the popover: a warning the OS refused to show as a
 * notification, and a global shortcut another app holds (also said in Settings).
 */
import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../../renderer/App.js';
import { banners } from '../../../../../renderer/features/status/problems.js';
import type { AppStatus, Settings } from '../../../../../shared/contract.js';
import type { Result } from '../../../../../shared/result.js';
import { installFakeBridge } from '../../../../support/fake-bridge.js';

const ok = (value: unknown) => async (): Promise<Result<unknown>> => ({ ok: true, value });
const status: AppStatus = { online: true, keychain: 'ok', keychainMessage: null, rateLimitRemaining: 4400, settingsNotice: null };
const missed = { title: 'Heroku token “CI deploy key” expires in 59 min', body: 'Account ada@example.com: it expires at 13:00.', at: '2026-12-02T12:01:00Z' };
const settings: Settings = { thresholdsSeconds: [3600], refreshIntervalMinutes: 5, clipboardClearSeconds: 30, launchAtLogin: false, notifyNewAuthorizations: true };

describe('shell banners', () => {
  it('a refused notification becomes a banner with its text; a taken shortcut says so', () => {
    const out = banners({ info: null, status: { ...status, missedNotification: missed, shortcut: { accelerator: 'CommandOrControl+Alt+Shift+H', registered: false } }, snapshot: null, error: null }, () => '');
    expect(out.map((b) => [b.kind, b.title])).toEqual([
      ['notification', missed.title],
      ['shortcut', 'The shortcut CommandOrControl+Alt+Shift+H is taken'],
    ]);
    expect(banners({ info: null, status: { ...status, shortcut: { accelerator: 'CommandOrControl+Alt+Shift+H', registered: true } }, snapshot: null, error: null }, () => '')).toEqual([]);
  });

  it('shows the missed warning as soon as main reports it', async () => {
    const emit = installFakeBridge({ handlers: { 'app:status': ok(status) } });
    render(<App />);
    await screen.findByText('CI deploy key');
    expect(screen.queryByText(missed.title)).toBeNull();
    act(() => emit('status:changed', { ...status, missedNotification: missed }));
    expect(await screen.findByText(missed.title)).toBeTruthy();
    expect(screen.getByText(/could not be shown as a notification/)).toBeTruthy();
  });

  it('Settings: the shortcut is editable, and a taken one is named', async () => {
    const saved: unknown[] = [];
    installFakeBridge({
      handlers: {
        'app:status': ok({ ...status, shortcut: { accelerator: 'CommandOrControl+Alt+Shift+H', registered: false } }),
        'settings:get': ok(settings),
        'settings:update': async (patch) => (saved.push(patch), { ok: true, value: { ...settings, ...(patch as object) } }),
      },
    });
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const field = (await screen.findByLabelText(/Shortcut to open/)) as HTMLInputElement;
    expect(field.value).toBe('CommandOrControl+Alt+Shift+H');
    expect(screen.getByText(/Another app or the desktop holds CommandOrControl\+Alt\+Shift\+H/)).toBeTruthy();
    await userEvent.clear(field);
    await userEvent.type(field, 'Alt+Shift+F9{Enter}');
    expect(saved).toContainEqual({ popoverShortcut: 'Alt+Shift+F9' });
  });
});
