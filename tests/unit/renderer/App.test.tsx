/** The foundation's App against an in-memory bridge: it shows each authorization's description and scope. */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { App } from '../../../renderer/App.js';
import { installFakeBridge, view } from '../../support/fake-bridge.js';

describe('App', () => {
  it('lists the active account’s authorizations with their scopes', async () => {
    installFakeBridge();
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Tokens' });
    const items = await within(list).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('CI deploy key');
    expect(items[0]!.textContent).toContain('write');
    expect(items[1]!.textContent).toContain('Laptop');
  });

  it('shows the list in the order main sent it (main sorts; the renderer does not sort again)', async () => {
    // Deliberately not soonest-first: a renderer that re-sorted would put "Expires soon" on top.
    installFakeBridge({
      items: [
        view({ id: 'n', description: 'Never expires', expiresAt: null }),
        view({ id: 's', description: 'Expires soon', expiresAt: '2030-01-01T00:00:00Z' }),
      ],
    });
    render(<App />);
    const list = await screen.findByRole('list', { name: 'Tokens' });
    const items = await within(list).findAllByRole('listitem');
    expect(items.map((i) => (i.textContent ?? '').includes('Never expires') ? 'n' : 's')).toEqual(['n', 's']);
  });

  it('shows the error message when the list cannot be fetched', async () => {
    installFakeBridge({ listError: { code: 'offline', message: 'Could not reach Heroku.' } });
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach Heroku.');
  });
});
