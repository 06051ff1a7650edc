/** The create form: validation, scope help, expiry presets and custom durations, the call it makes. */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CreateForm, expiresInFrom } from '../../../../../renderer/features/create/create-form.js';
import { SCOPES } from '../../../../../shared/domain/authorization.js';
import type { NewToken } from '../../../../../shared/contract.js';
import type { Result } from '../../../../../shared/result.js';
import { installFakeBridge, view } from '../../../../support/fake-bridge.js';

const created: NewToken = { authorization: view({ id: 'new-1', description: 'Deploy' }), token: 'HRKU-not-a-real-token-000', kept: true };

function setup(result: Result<NewToken> = { ok: true, value: created }) {
  const calls: unknown[] = [];
  installFakeBridge({ handlers: { 'authorizations:create': async (args) => (calls.push(args), result) } });
  const onCreated = vi.fn();
  const onCancel = vi.fn();
  render(<CreateForm onCreated={onCreated} onCancel={onCancel} />);
  return { calls, onCreated, onCancel };
}

describe('expiresInFrom', () => {
  it('maps presets to seconds and never to null', () => {
    expect(expiresInFrom('1h', '', 'days')).toEqual({ ok: true, value: 3600 });
    expect(expiresInFrom('1d', '', 'days')).toEqual({ ok: true, value: 86400 });
    expect(expiresInFrom('7d', '', 'days')).toEqual({ ok: true, value: 604800 });
    expect(expiresInFrom('30d', '', 'days')).toEqual({ ok: true, value: 2592000 });
    expect(expiresInFrom('1y', '', 'days')).toEqual({ ok: true, value: 31536000 });
    expect(expiresInFrom('never', '', 'days')).toEqual({ ok: true, value: null });
  });

  it('checks a custom duration against the API limits', () => {
    expect(expiresInFrom('custom', '90', 'minutes')).toEqual({ ok: true, value: 5400 });
    expect(expiresInFrom('custom', '0', 'hours').ok).toBe(false);
    expect(expiresInFrom('custom', '1.5', 'hours').ok).toBe(false);
    expect(expiresInFrom('custom', '4000', 'days').ok).toBe(false);
  });
});

describe('CreateForm', () => {
  it('offers every scope with a line of explanation, and every expiry preset', () => {
    setup();
    for (const s of SCOPES) {
      const box = screen.getByRole('checkbox', { name: s });
      expect(box.getAttribute('aria-describedby')).toBeTruthy();
      expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent!.length).toBeGreaterThan(10);
    }
    for (const label of ['1 hour', '1 day', '7 days', '30 days', '1 year', 'Never', 'Custom']) {
      expect(screen.getByRole('radio', { name: label })).toBeTruthy();
    }
  });

  it('creates with the description, scopes and the chosen preset, then hands over the new token', async () => {
    const { calls, onCreated } = setup();
    await userEvent.type(screen.getByLabelText('Description'), 'Deploy');
    await userEvent.click(screen.getByRole('checkbox', { name: 'write' }));
    await userEvent.click(screen.getByRole('radio', { name: '7 days' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(calls).toEqual([{ description: 'Deploy', scopes: ['read', 'write'], expiresIn: 604800 }]);
    expect(onCreated).toHaveBeenCalledWith(created);
  });

  it('sends null for a token that never expires, and warns about it', async () => {
    const { calls } = setup();
    await userEvent.type(screen.getByLabelText('Description'), 'Forever');
    await userEvent.click(screen.getByRole('radio', { name: 'Never' }));
    expect(screen.getByText(/stays valid until you revoke it/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(calls).toEqual([{ description: 'Forever', scopes: ['read'], expiresIn: null }]);
  });

  it('accepts a custom duration', async () => {
    const { calls } = setup();
    await userEvent.type(screen.getByLabelText('Description'), 'Short');
    await userEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    await userEvent.clear(screen.getByLabelText('Custom expiry amount'));
    await userEvent.type(screen.getByLabelText('Custom expiry amount'), '45');
    await userEvent.selectOptions(screen.getByLabelText('Custom expiry unit'), 'minutes');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(calls).toEqual([{ description: 'Short', scopes: ['read'], expiresIn: 2700 }]);
  });

  it('refuses an empty description or no scope without calling main', async () => {
    const { calls } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('description is required');
    await userEvent.type(screen.getByLabelText('Description'), 'x');
    await userEvent.click(screen.getByRole('checkbox', { name: 'read' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(screen.getByRole('alert').textContent).toContain('at least one scope');
    expect(calls).toEqual([]);
  });

  it('shows the message of a failed create and stays open', async () => {
    const { onCreated } = setup({ ok: false, error: { code: 'rate_limited', message: 'Too many requests: try again in a minute.' } });
    await userEvent.type(screen.getByLabelText('Description'), 'Deploy');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many requests');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('cancels', async () => {
    const { onCancel } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
