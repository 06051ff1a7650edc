/** The consumers feature's pieces: the "Used by" list, a stopped run with Retry / Roll back, and the row extension. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Consumer } from '../../../../../shared/domain/consumers.js';
import type { ReplaceOperation } from '../../../../../shared/domain/replace.js';
import type { Result } from '../../../../../shared/result.js';
import { UsedBy } from '../../../../../renderer/features/consumers/used-by.js';
import { ReplaceProgress } from '../../../../../renderer/features/consumers/replace-progress.js';
import { ToastProvider } from '../../../../../renderer/features/common/toast.js';
import { TokenList } from '../../../../../renderer/features/tokens/token-list.js';
import { installFakeBridge, view } from '../../../../support/fake-bridge.js';

afterEach(cleanup);

const consumer = (kind: 'app' | 'file', location: string, match: Consumer['match'] = 'exact'): Consumer => ({
  key: `${kind}:${location}:HEROKU_API_KEY`,
  accountId: 'acc-1',
  kind,
  location,
  varName: 'HEROKU_API_KEY',
  authorizationId: 'a1',
  match,
});

const op = (over: Partial<ReplaceOperation> = {}): ReplaceOperation => ({
  id: 'op-1',
  accountId: 'acc-1',
  oldAuthorizationId: 'a1',
  newAuthorizationId: 'a9',
  description: 'Backup job key',
  scopes: ['read'],
  expiresIn: 3600,
  revokeOld: true,
  status: 'failed',
  steps: [
    { consumerKey: 'app:backup-worker:HEROKU_API_KEY', kind: 'app', location: 'backup-worker', varName: 'HEROKU_API_KEY', state: 'new', error: null },
    { consumerKey: 'app:deploy-bot:HEROKU_API_KEY', kind: 'app', location: 'deploy-bot', varName: 'HEROKU_API_KEY', state: 'old', error: { code: 'forbidden', message: 'Not allowed.' } },
    { consumerKey: 'file:/h/.env:HEROKU_API_KEY', kind: 'file', location: '/h/.env', varName: 'HEROKU_API_KEY', state: 'pending', error: null },
  ],
  oldRevoked: false,
  error: { code: 'forbidden', message: 'Not allowed.' },
  startedAt: '2026-11-27T12:00:00Z',
  updatedAt: '2026-11-27T12:00:01Z',
  ...over,
});

describe('consumers UI', () => {
  it('"Used by" lists one item per consumer under its summary, likely ones marked', () => {
    render(<UsedBy consumers={[consumer('app', 'backup-worker'), consumer('app', 'deploy-bot', 'likely'), consumer('file', '/home/me/.env')]} />);
    expect(screen.getByText('Used by 2 apps, 1 file')).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Used by' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['app backup-worker HEROKU_API_KEY', 'app deploy-bot HEROKU_API_KEYlikely', 'file .env HEROKU_API_KEY']);
  });

  it('nothing when no consumer is known', () => {
    const { container } = render(<UsedBy consumers={[]} />);
    expect(container.innerHTML).toBe('');
  });

  it('a stopped run says which consumer holds which token, and Retry / Roll back call main', async () => {
    const calls: string[] = [];
    const answer = async (): Promise<Result<unknown>> => ({ ok: true, value: { operation: op({ status: 'done', error: null }), unkeptToken: null } });
    installFakeBridge({ handlers: { 'replace:retry': async () => (calls.push('retry'), answer()), 'replace:rollback': async () => (calls.push('rollback'), answer()) } });
    const changed: ReplaceOperation[] = [];
    render(<ReplaceProgress op={op()} onChanged={(o) => changed.push(o)} />);
    expect(screen.getByRole('status').textContent).toBe('Stopped. The old token still works. 1 of 3 hold the new token.');
    const rows = within(screen.getByRole('list', { name: 'Consumers' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(rows[0]).toContain('new token, verified');
    expect(rows[1]).toContain('old token — Not allowed.');
    expect(rows[2]).toContain('old token (not reached)');
    // The step already says why: the run's error is not repeated.
    expect(screen.getAllByText(/Not allowed\./)).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await userEvent.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(calls).toEqual(['retry', 'rollback']);
    expect(changed.map((o) => o.status)).toEqual(['done', 'done']);
  });

  it('the token list shows what the shell adds: details, a Replace action, a revoke note', async () => {
    installFakeBridge({});
    const items = [view({ id: 'a1', description: 'Backup job key', scopes: ['read'] })];
    const opened: string[] = [];
    render(
      <ToastProvider>
        <TokenList
          items={items}
          focus={null}
          onRotated={() => undefined}
          extension={{
            details: () => <UsedBy consumers={[consumer('app', 'backup-worker')]} />,
            actions: (a) => (
              <button type="button" onClick={() => opened.push(a.id)}>
                Replace
              </button>
            ),
            revokeNote: () => 'It is used by app backup-worker, which will stop working.',
          }}
        />
      </ToastProvider>,
    );
    expect(screen.getByText('Used by 1 app')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /Backup job key/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Replace' }));
    expect(opened).toEqual(['a1']);
    await userEvent.click(screen.getByRole('button', { name: /Revoke/ }));
    expect(screen.getByText(/It is used by app backup-worker, which will stop working\./)).toBeTruthy();
  });
});
