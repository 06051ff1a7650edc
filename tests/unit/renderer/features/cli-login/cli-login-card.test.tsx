/** The Heroku CLI card and the clean-up confirmation: what they say, and the calls their buttons make. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CliLoginView } from '../../../../../shared/domain/cli-login.js';
import type { Result } from '../../../../../shared/result.js';
import { CliLoginCard } from '../../../../../renderer/features/cli-login/cli-login-card.js';
import { CleanupButton } from '../../../../../renderer/features/cli-login/cleanup-button.js';
import { ToastProvider } from '../../../../../renderer/features/common/toast.js';
import { installFakeBridge, view } from '../../../../support/fake-bridge.js';

afterEach(cleanup);

const status = (over: Partial<CliLoginView>): CliLoginView => ({
  store: 'netrc',
  storeLabel: '~/.netrc (machines api.heroku.com, git.heroku.com)',
  envOverride: false,
  state: 'ok',
  source: 'netrc',
  login: 'dev@example.com',
  accountId: 'acc-1',
  authorizationId: 'cli',
  match: 'masked',
  expiresAt: '2030-01-01T00:00:00Z',
  canRestore: false,
  sso: null,
  message: null,
  ...over,
});
const items = [view({ id: 'cli', description: 'Heroku CLI login from laptop', isCliSession: true, expiresAt: '2030-01-01T00:00:00Z' })];

describe('CLI login card', () => {
  it('names the CLI session with its badge; Renew and Use for Heroku CLI; Restore only when kept', () => {
    installFakeBridge();
    render(<ToastProvider><CliLoginCard status={status({})} items={items} onStatus={() => undefined} /></ToastProvider>);
    expect(screen.getByText('CLI session')).toBeTruthy();
    expect(screen.getByText('Heroku CLI login from laptop')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use for Heroku CLI' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Renew' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Restore previous CLI login' })).toBeNull();
  });

  it('says "Heroku CLI login expired", the HEROKU_API_KEY override and the SSO note', () => {
    installFakeBridge();
    render(
      <ToastProvider>
        <CliLoginCard status={status({ state: 'expired', envOverride: true, canRestore: true, sso: { identityProvider: 'acme-sso' } })} items={items} onStatus={() => undefined} />
      </ToastProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Heroku CLI login expired');
    expect(screen.getByText(/HEROKU_API_KEY is set in the environment: it overrides ~\/.netrc and the keychain for every heroku command/)).toBeTruthy();
    expect(screen.getByText(/SSO account through acme-sso: its logins last 8 hours/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore previous CLI login' })).toBeTruthy();
  });

  it('Renew, then asks before revoking the old token, and revokes exactly it', async () => {
    const calls: string[] = [];
    installFakeBridge({
      handlers: {
        'cli-login:renew': async () => ({ ok: true, value: { status: status({ authorizationId: 'new' }), previous: { accountId: 'acc-1', id: 'cli' }, note: null } }),
        'authorizations:revoke': async (args) => (calls.push(JSON.stringify(args)), { ok: true, value: { id: 'cli' } } as Result<unknown>),
      },
    });
    render(<ToastProvider><CliLoginCard status={status({})} items={items} onStatus={() => undefined} /></ToastProvider>);
    await userEvent.click(screen.getByRole('button', { name: 'Renew' }));
    expect(calls).toEqual([]);
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke old token' }));
    expect(calls).toEqual([JSON.stringify({ accountId: 'acc-1', id: 'cli' })]);
  });

  it('Renew with HEROKU_API_KEY: no revoke is offered, and the card says why', async () => {
    const why = 'HEROKU_API_KEY is set in the environment and overrides the new token';
    installFakeBridge({
      handlers: {
        'cli-login:renew': async () => ({ ok: true, value: { status: status({ source: 'env' }), previous: null, note: why } }),
      },
    });
    render(<ToastProvider><CliLoginCard status={status({ source: 'env' })} items={items} onStatus={() => undefined} /></ToastProvider>);
    await userEvent.click(screen.getByRole('button', { name: 'Renew' }));
    expect((await screen.findByText(why)).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('button', { name: 'Revoke old token' })).toBeNull();
  });
});

describe('Remove expired tokens', () => {
  it('lists them in one confirmation and removes exactly those ids', async () => {
    const removed: unknown[] = [];
    installFakeBridge({
      handlers: {
        'cleanup:expired': async () => ({ ok: true, value: { accountId: 'acc-1', items: [{ id: 'x1', description: 'Old backup', expiresAt: '2020-01-01T00:00:00Z' }] } }),
        'cleanup:remove': async (args) => (removed.push(args), { ok: true, value: { accountId: 'acc-1', revoked: ['x1'], skipped: [] } } as Result<unknown>),
      },
    });
    render(<ToastProvider><CleanupButton expiredCount={1} /></ToastProvider>);
    await userEvent.click(screen.getByRole('button', { name: 'Remove expired tokens' }));
    expect(await screen.findByText('Old backup')).toBeTruthy();
    expect(removed).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove them' }));
    expect(removed).toEqual([{ accountId: 'acc-1', ids: ['x1'] }]);
  });
});
