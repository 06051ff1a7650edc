/**
 * Signing in reloads the popover twice: once for Sign in's own answer and once for main's
 * accounts:changed event. The second reload is for the account already shown, so the list must
 * stay on screen; before, it went back to the loading skeleton for a moment (a list that
 * flickered, and the browser journey test that once read it in between).
 */
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../../../renderer/App.js';
import type { EventName, EventPayloads } from '../../../../../shared/contract.js';
import type { Result } from '../../../../../shared/result.js';
import { account, installFakeBridge, view } from '../../../../support/fake-bridge.js';

type Handler = (args: unknown) => Promise<Result<unknown>>;

/** Watches the DOM: whether the token list, once shown, was ever taken away again. */
function watchList(): { seen(): boolean; lost(): number; stop(): void } {
  let seen = false;
  let lost = 0;
  const check = () => {
    const present = document.querySelector('ul[aria-label="Tokens"] li') !== null;
    if (present) seen = true;
    else if (seen) lost++;
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true });
  return { seen: () => seen, lost: () => lost, stop: () => observer.disconnect() };
}

describe('signing in', () => {
  for (const order of ['event before the answer', 'event after the answer'] as const) {
    it(`keeps the list on screen while the same account reloads (${order})`, async () => {
      let signedIn = false;
      let asked = 0;
      let push: <E extends EventName>(name: E, payload: EventPayloads[E]) => void = () => {};
      const later = () => new Promise((r) => setTimeout(r, 5));
      const handlers: Record<string, Handler> = {
        // The second reload's question is answered late: after the first reload showed the list.
        'account:current': async () => {
          const value = signedIn ? account : null;
          if (signedIn && ++asked === 2) await new Promise((r) => setTimeout(r, 60));
          return { ok: true, value };
        },
        'accounts:list': async () => ({ ok: true, value: signedIn ? [account] : [] }),
        // A list takes a round trip, as it does over IPC: a reload that blanked the list is seen.
        'authorizations:list': async () => {
          await later();
          return { ok: true, value: { accountId: account.id, items: [view({ id: 'a1', description: 'CI deploy key' })], fetchedAt: new Date().toISOString(), lastError: null } };
        },
        'accounts:import-candidates': async () => ({ ok: true, value: [] }),
        'accounts:sign-in': async () => {
          signedIn = true;
          if (order === 'event before the answer') push('accounts:changed', [account]);
          else setTimeout(() => push('accounts:changed', [account]), 30);
          await later();
          return { ok: true, value: account };
        },
      };
      push = installFakeBridge({ handlers });
      render(<App />);
      const watch = watchList();
      await userEvent.type(await screen.findByLabelText('API key'), 'HRKU-key');
      await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      await screen.findByRole('list', { name: 'Tokens' });
      // Both reloads have run by now (the later event comes 30 ms after the answer, the late answer 60 ms).
      await new Promise((r) => setTimeout(r, 100));
      await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0));
      watch.stop();
      expect(watch.seen()).toBe(true);
      expect(watch.lost()).toBe(0);
    });
  }
});
