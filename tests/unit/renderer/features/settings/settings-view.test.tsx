/** The settings view saves each change at once. */
import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Settings } from '../../../../../shared/contract.js';
import { SettingsView } from '../../../../../renderer/features/settings/settings-view.js';
import { account, installFakeBridge } from '../../../../support/fake-bridge.js';

const settings: Settings = { thresholdsSeconds: [86400, 0], refreshIntervalMinutes: 5, clipboardClearSeconds: 30, launchAtLogin: false, notifyNewAuthorizations: true };

describe('SettingsView', () => {
  it('saves thresholds, interval, clipboard delay and launch at login, and refuses a bad delay', async () => {
    const patches: unknown[] = [];
    installFakeBridge({
      handlers: { 'settings:update': async (p) => (patches.push(p), { ok: true, value: { ...settings, ...(p as object) } }) },
    });
    const onChange = vi.fn();
    render(<SettingsView settings={settings} accounts={[account]} onChange={onChange} onAddAccount={vi.fn()} onAccountsChanged={vi.fn()} onClose={vi.fn()} />);
    await userEvent.click(screen.getByRole('checkbox', { name: '1 hour before' }));
    await userEvent.selectOptions(screen.getByLabelText('Refresh every'), '15');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Launch at login' }));
    const delay = screen.getByLabelText('Clear copied tokens after (seconds)');
    await userEvent.clear(delay);
    await userEvent.type(delay, '3{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('5 to 600 seconds');
    await userEvent.clear(delay);
    await userEvent.type(delay, '10{Enter}');
    expect(patches).toEqual([
      { thresholdsSeconds: [86400, 3600, 0] },
      { refreshIntervalMinutes: 15 },
      { launchAtLogin: true },
      { clipboardClearSeconds: 10 },
    ]);
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(screen.getByRole('button', { name: 'Add account' })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Remove ${account.email}` })).toBeTruthy();
  });

  it('keeps at least one warning', async () => {
    installFakeBridge();
    render(<SettingsView settings={{ ...settings, thresholdsSeconds: [0] }} accounts={[]} onChange={vi.fn()} onAddAccount={vi.fn()} onAccountsChanged={vi.fn()} onClose={vi.fn()} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'When it expires' }));
    expect(screen.getByRole('alert').textContent).toContain('at least one');
  });
});
