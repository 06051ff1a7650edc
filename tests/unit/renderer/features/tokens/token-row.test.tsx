/** A token row: what it shows, and what each action sends over the bridge. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NewToken } from '../../../../../shared/contract.js';
import type { AuthorizationView } from '../../../../../shared/domain/authorization.js';
import { ToastProvider } from '../../../../../renderer/features/common/toast.js';
import { TokenList } from '../../../../../renderer/features/tokens/token-list.js';
import { account, installFakeBridge, view } from '../../../../support/fake-bridge.js';
import type { Result } from '../../../../../shared/result.js';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

function renderList(items: AuthorizationView[], onRotated = vi.fn()) {
  return render(
    <ToastProvider>
      <TokenList items={items} focus={null} onRotated={onRotated} />
    </ToastProvider>,
  );
}

type Handler = (args: unknown) => Promise<Result<unknown>>;
function bridgeWith(handlers: Record<string, Handler>) {
  const calls: Array<[string, unknown]> = [];
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([c, h]) => [c, (args: unknown) => (calls.push([c, args]), h(args))]),
  );
  installFakeBridge({ handlers: wrapped });
  return calls;
}

describe('TokenRow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows description, scope chips, masked token, countdown, times, client, CLI badge and hygiene flags', () => {
    installFakeBridge();
    renderList([
      view({
        id: 'a1',
        description: 'Heroku CLI login from laptop',
        scopes: ['global'],
        expiresAt: null,
        tokenLast4: 'wxyz',
        isCliSession: true,
        client: { id: 'c-1', name: 'Deploy Dashboard' },
        hygiene: ['global-never-expires', 'stale'],
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2024-06-01T00:00:00Z',
      }),
    ]);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('Heroku CLI login from laptop');
    expect(within(item).getByText('global')).toBeTruthy();
    expect(within(item).getByText('•••• wxyz')).toBeTruthy();
    expect(within(item).getByText('Never expires')).toBeTruthy();
    expect(within(item).getByText(/CLI session/)).toBeTruthy();
    expect(within(item).getByText(/via Deploy Dashboard/)).toBeTruthy();
    expect(within(item).getByText(/Global, no expiry/)).toBeTruthy();
    expect(within(item).getByText(/Untouched 1 year\+/)).toBeTruthy();
    expect(item.textContent).toMatch(/Created .*2024/);
    expect(item.textContent).toMatch(/updated .*2024/);
    expect(item.querySelector('time')).toBeNull();
  });

  it('puts the absolute expiry in <time datetime> and says the urgency in a word', () => {
    installFakeBridge();
    const at = new Date(NOW + 20 * 60_000).toISOString();
    renderList([view({ id: 'a1', description: 'CI', expiresAt: at })]);
    const item = screen.getByRole('listitem');
    expect(item.querySelector('time')!.getAttribute('datetime')).toBe(at);
    expect(within(item).getByText('Critical')).toBeTruthy();
  });

  it('copies through main by id and says when the clipboard is cleared', async () => {
    const calls = bridgeWith({ 'tokens:copy': async () => ({ ok: true, value: { clearsInSeconds: 30 } }) });
    renderList([view({ id: 'a1', description: 'CI deploy key', held: true })]);
    await userEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(calls).toEqual([['tokens:copy', { id: 'a1', accountId: account.id }]]);
    expect((await screen.findByRole('status', { name: '' })).textContent).toContain('cleared in 30 s');
  });

  it('explains a token the app does not hold', async () => {
    bridgeWith({ 'tokens:copy': async () => ({ ok: false, error: { code: 'token_not_held', message: 'Rotate it to get one.' } }) });
    renderList([view({ id: 'a1', description: 'Old' })]);
    await userEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Rotate it to get one.');
  });

  it('opens actions with the row toggle, renames inline, and closes with Escape', async () => {
    const calls = bridgeWith({
      'authorizations:rename': async (args) => ({ ok: true, value: view({ id: 'a1', description: (args as { description: string }).description }) }),
    });
    renderList([view({ id: 'a1', description: 'Old name' })]);
    expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Old name/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('New description');
    await userEvent.clear(input);
    await userEvent.type(input, 'New name{Enter}');
    expect(calls).toEqual([['authorizations:rename', { id: 'a1', accountId: account.id, description: 'New name' }]]);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('button', { name: 'Rotate' })).toBeNull();
  });

  it('asks before revoking, naming the token, and sends only its id', async () => {
    const calls = bridgeWith({ 'authorizations:revoke': async () => ({ ok: true, value: { id: 'a1' } }) });
    renderList([view({ id: 'a1', description: 'CI deploy key', tokenLast4: 'ab12' })]);
    await userEvent.click(screen.getByRole('button', { name: /CI deploy key/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Revoke “CI deploy key”?');
    expect(dialog.textContent).toContain('•••• ab12');
    expect(calls).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    expect(calls).toEqual([['authorizations:revoke', { id: 'a1', accountId: account.id }]]);
  });

  // Crack 10: revoking the app's own key or the CLI's login says what stops working.
  it.each([
    [
      'the key this app signs in with',
      { isCurrentKey: true, description: 'Token Tray key' },
      /This is the key Heroku Token Tray signs in with\. Once it is revoked, Heroku Token Tray signs out of this account/,
      'Revoke and sign out',
    ],
    [
      'the Heroku CLI’s login session',
      { isCliSession: true, description: 'Heroku CLI login from laptop' },
      /This is the Heroku CLI’s login session\. heroku commands on this machine stop working until you log in again \(heroku login\)/,
      'Revoke CLI session',
    ],
  ])('says what stops working before revoking %s', async (_what, over, words, confirm) => {
    const calls = bridgeWith({ 'authorizations:revoke': async () => ({ ok: true, value: { id: 'a1' } }) });
    renderList([view({ id: 'a1', tokenLast4: 'ab12', ...over })]);
    await userEvent.click(screen.getByRole('button', { name: new RegExp(over.description) }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toMatch(words);
    expect(calls).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: confirm }));
    expect(calls).toEqual([['authorizations:revoke', { id: 'a1', accountId: account.id }]]);
  });

  it('an ordinary token’s confirmation says neither', async () => {
    bridgeWith({});
    renderList([view({ id: 'a1', description: 'CI deploy key' })]);
    await userEvent.click(screen.getByRole('button', { name: /CI deploy key/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const text = screen.getByRole('alertdialog').textContent ?? '';
    expect(text).not.toMatch(/signs out|heroku login/);
  });

  it('rotating the CLI’s login session says the CLI must log in again; rotating the app’s key says the app keeps working', async () => {
    bridgeWith({});
    renderList([view({ id: 'a1', description: 'Heroku CLI login from laptop', isCliSession: true }), view({ id: 'a2', description: 'Tray key', isCurrentKey: true })]);
    await userEvent.click(screen.getByRole('button', { name: /Heroku CLI login from laptop/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/heroku commands on this machine stop working until you log in again/);
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: /Tray key/ }));
    await userEvent.click(within(screen.getAllByRole('listitem')[1]!).getByRole('button', { name: 'Rotate' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/Heroku Token Tray switches to the new key itself/);
  });

  it('rotates after confirmation and hands the new token to the one-time panel', async () => {
    const created: NewToken = { authorization: view({ id: 'a1' }), token: 'HRKU-test-not-a-real-token', kept: true };
    const calls = bridgeWith({ 'authorizations:rotate': async () => ({ ok: true, value: created }) });
    const onRotated = vi.fn();
    renderList([view({ id: 'a1', description: 'CI' })], onRotated);
    await userEvent.click(screen.getByRole('button', { name: /^CI/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rotate token' }));
    expect(calls).toEqual([['authorizations:rotate', { id: 'a1', accountId: account.id }]]);
    expect(onRotated).toHaveBeenCalledWith(created);
  });

  it('reveals the full token for 30 seconds', async () => {
    bridgeWith({ 'tokens:reveal': async () => ({ ok: true, value: { token: 'HRKU-shown-for-a-moment', hideAfterSeconds: 30 } }) });
    renderList([view({ id: 'a1', description: 'CI', held: true })]);
    await userEvent.click(screen.getByRole('button', { name: /^CI/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(await screen.findByText('HRKU-shown-for-a-moment')).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(31_000));
    expect(screen.queryByText('HRKU-shown-for-a-moment')).toBeNull();
  });

  it('moves focus between rows with the arrow keys', async () => {
    installFakeBridge();
    renderList([view({ id: 'a1', description: 'First' }), view({ id: 'a2', description: 'Second' }), view({ id: 'a3', description: 'Third' })]);
    screen.getByRole('button', { name: /First/ }).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toContain('Second');
    await userEvent.keyboard('{End}');
    expect(document.activeElement?.textContent).toContain('Third');
    await userEvent.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toContain('Second');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Rotate' })).toBeTruthy();
  });
});
