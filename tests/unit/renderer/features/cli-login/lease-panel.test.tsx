/** The Leases panel: a lease Heroku refused to end says so, and "End lease" is still there. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Result } from '../../../../../shared/result.js';
import { LeasePanel } from '../../../../../renderer/features/cli-login/lease-panel.js';
import { ToastProvider } from '../../../../../renderer/features/common/toast.js';
import { installFakeBridge } from '../../../../support/fake-bridge.js';

afterEach(cleanup);

describe('Leases panel', () => {
  it('shows "could not be ended" and keeps a manual End lease', async () => {
    const ended: unknown[] = [];
    installFakeBridge({ handlers: { 'leases:end': async (args) => (ended.push(args), { ok: true, value: { id: 'L1' } } as Result<unknown>) } });
    const lease = { accountId: 'acc-1', id: 'L1', endsAt: '2030-01-01T00:00:00Z', scopes: ['read'], endError: 'This lease could not be ended: Heroku refused.' };
    render(
      <ToastProvider>
        <LeasePanel leases={[lease]} items={[]} accountId="acc-1" onCreated={() => undefined} />
      </ToastProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('This lease could not be ended: Heroku refused.');
    await userEvent.click(screen.getByRole('button', { name: 'End lease' }));
    expect(ended).toEqual([{ id: 'L1', accountId: 'acc-1' }]);
  });
});
