/** The one-time panel copies a new token through main or, if the keychain did not keep it, itself. */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OneTimePanel } from '../../../../../renderer/features/one-time/one-time-panel.js';
import { account, installFakeBridge, view } from '../../../../support/fake-bridge.js';

describe('OneTimePanel', () => {
  it('copies a kept token through main, by id', async () => {
    const calls: unknown[] = [];
    installFakeBridge({ handlers: { 'tokens:copy': async (a) => (calls.push(a), { ok: true, value: { clearsInSeconds: 30 } }) } });
    render(<OneTimePanel created={{ authorization: view({ id: 'n1' }), token: 'HRKU-fake-for-test-0000', kept: true }} action="create" onDone={vi.fn()} />);
    expect((screen.getByLabelText('New token') as HTMLInputElement).value).toBe('HRKU-fake-for-test-0000');
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(calls).toEqual([{ id: 'n1', accountId: account.id }]);
    expect(screen.getByText(/cleared in 30 s/)).toBeTruthy();
  });

  it('warns when the keychain refused the token and copies it from the page', async () => {
    installFakeBridge();
    const user = userEvent.setup();
    render(<OneTimePanel created={{ authorization: view({ id: 'n1' }), token: 'HRKU-fake-for-test-1111', kept: false }} action="rotate" onDone={vi.fn()} />);
    expect(screen.getByText(/keychain refused to keep this token/)).toBeTruthy();
    expect(screen.getByText(/previous token has stopped working/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('HRKU-fake-for-test-1111');
  });
});
