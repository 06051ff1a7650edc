/** The whole popover against an in-memory bridge: first run, empty, banners, switcher, focus and Escape. */
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/App.js';
import type { AccountView, AppInfo, AppStatus, Settings } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import { account, installFakeBridge, view } from '../../support/fake-bridge.js';

type Handler = (args: unknown) => Promise<Result<unknown>>;
const ok = (value: unknown): Handler => async () => ({ ok: true, value });

const info: AppInfo = { version: '0.1.0', apiOrigin: 'http://127.0.0.1:5000', isDefaultOrigin: false, platform: 'linux' };
const status: AppStatus = { online: true, keychain: 'ok', keychainMessage: null, rateLimitRemaining: 4400, settingsNotice: null };
const settings: Settings = { thresholdsSeconds: [3600], refreshIntervalMinutes: 5, clipboardClearSeconds: 30, launchAtLogin: false, notifyNewAuthorizations: true };

describe('App states', () => {
  it('first run: the API key field, Sign in, and the import sources', async () => {
    installFakeBridge({
      handlers: {
        'account:current': ok(null),
        'accounts:list': ok([]),
        'accounts:import-candidates': ok([{ source: 'netrc', label: '~/.netrc', login: 'me@example.com', available: true, reason: null }]),
      },
    });
    render(<App />);
    expect(await screen.findByLabelText('API key')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Import from ~/.netrc' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Tokens' })).toBeNull();
  });

  it('empty: says there are no tokens and offers to create one', async () => {
    installFakeBridge({ items: [] });
    render(<App />);
    expect(await screen.findByText('No tokens yet')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'New token' }));
    expect(screen.getByLabelText('Description')).toBeTruthy();
  });

  it('names the non-default API origin, and has every header button', async () => {
    installFakeBridge({ handlers: { 'app:info': ok(info), 'app:status': ok(status) } });
    render(<App />);
    expect((await screen.findByText(/API: http:\/\/127\.0\.0\.1:5000/)).textContent).toBeTruthy();
    for (const name of ['Add account', 'Refresh', 'Settings', 'Create token']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('stale: keeps the list and says how old it is', async () => {
    const fetchedAt = new Date(Date.now() - 12 * 60_000 - 5_000).toISOString();
    installFakeBridge({
      handlers: {
        'authorizations:list': ok({
          accountId: account.id,
          items: [view({ id: 'a1', description: 'CI deploy key' })],
          fetchedAt,
          lastError: { code: 'offline', message: 'Could not reach Heroku.', at: new Date().toISOString() },
        }),
      },
    });
    render(<App />);
    expect((await screen.findByText(/Offline · updated 12 min ago/)).textContent).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Tokens' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('keychain locked (from app:status): a banner that says so', async () => {
    installFakeBridge({ handlers: { 'app:status': ok({ ...status, keychain: 'locked', keychainMessage: 'The login keyring is locked.' }) } });
    render(<App />);
    expect((await screen.findByText('Your keychain is locked')).textContent).toBeTruthy();
    expect(screen.getByText(/The login keyring is locked\./)).toBeTruthy();
  });

  it('several accounts: a switcher that switches', async () => {
    const second: AccountView = { ...account, id: 'acc-2', email: 'ops@example.com', active: false };
    const calls: unknown[] = [];
    installFakeBridge({
      handlers: {
        'accounts:list': ok([account, second]),
        'accounts:switch': async (args) => (calls.push(args), { ok: true, value: { ...second, active: true } }),
      },
    });
    render(<App />);
    const select = await screen.findByLabelText('Account');
    await userEvent.selectOptions(select, 'acc-2');
    expect(calls).toEqual([{ accountId: 'acc-2' }]);
  });

  it('opens the token a notification named', async () => {
    const push = installFakeBridge();
    render(<App />);
    await screen.findByRole('list', { name: 'Tokens' });
    act(() => push('popover:focus-token', { accountId: account.id, id: 'a2' }));
    const toggle = screen.getByRole('button', { name: /Laptop/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(toggle);
  });

  it('"Rotate now" on a notification opens the token on its rotate confirmation, and rotates nothing by itself', async () => {
    const rotations: unknown[] = [];
    const push = installFakeBridge({ handlers: { 'authorizations:rotate': async (a) => (rotations.push(a), { ok: false, error: { code: 'internal', message: 'x' } }) } });
    render(<App />);
    await screen.findByRole('list', { name: 'Tokens' });
    act(() => push('popover:focus-token', { accountId: account.id, id: 'a2', intent: 'rotate' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Rotate “Laptop”?' });
    expect(dialog.textContent).toContain('Rotate token');
    expect(rotations).toEqual([]);
  });

  it('Escape closes a view, then hides the popover', async () => {
    const hides: unknown[] = [];
    installFakeBridge({ handlers: { 'settings:get': ok(settings), 'popover:hide': async (a) => (hides.push(a), { ok: true, value: null }) } });
    render(<App />);
    await screen.findByRole('list', { name: 'Tokens' });
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(hides).toHaveLength(0);
    await userEvent.keyboard('{Escape}');
    expect(hides).toHaveLength(1);
  });
});
