/**
 * The popover's first screen (renderer/main.tsx -> features/app/first-screen.ts): the list is
 * asked for at once, beside everything else, before React renders; a popover given those calls
 * renders the list in its first render and does not ask again; events pushed before it
 * subscribed are not lost.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { App } from '../../../renderer/App.js';
import { startFirstScreen, whenFirstScreenReady } from '../../../renderer/features/app/first-screen.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import type { Result } from '../../../shared/result.js';
import { account, installFakeBridge, view } from '../../support/fake-bridge.js';

type Handler = (args: unknown) => Promise<Result<unknown>>;

/** A bridge whose calls are counted (in order) and, for the channels named in `held`, answered only on release. */
function countingBridge(opts: { held?: string[]; items?: ReturnType<typeof view>[]; listFor?: (args: unknown) => string } = {}) {
  const calls: Array<{ channel: string; args: unknown }> = [];
  const releases: Array<() => void> = [];
  const items = opts.items ?? [view({ id: 'a1', description: 'CI deploy key', expiresAt: '2030-01-01T00:00:00Z' }), view({ id: 'a2', description: 'Laptop' })];
  const snapshot = (accountId: string): AuthorizationsSnapshot => ({ accountId, items, fetchedAt: new Date().toISOString(), lastError: null });
  const answers: Record<string, Handler> = {
    'account:current': async () => ({ ok: true, value: account }),
    'accounts:list': async () => ({ ok: true, value: [account] }),
    'authorizations:list': async (args) => ({ ok: true, value: snapshot(opts.listFor?.(args) ?? account.id) }),
  };
  const handlers = Object.fromEntries(
    ['account:current', 'accounts:list', 'authorizations:list', 'app:info', 'settings:get', 'app:status'].map((channel) => [
      channel,
      async (args: unknown) => {
        calls.push({ channel, args });
        if (opts.held?.includes(channel)) await new Promise<void>((r) => releases.push(r));
        return (answers[channel] ?? (async () => ({ ok: false, error: { code: 'internal', message: `no fake for ${channel}` } })))(args);
      },
    ]),
  );
  const push = installFakeBridge({ handlers });
  return {
    calls,
    push,
    count: (channel: string) => calls.filter((c) => c.channel === channel).length,
    release: () => releases.splice(0).forEach((r) => r()),
  };
}

/** Lets every answered promise settle. */
const settle = () => act(async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
});

afterEach(() => vi.useRealTimers());

describe('the first screen', () => {
  it('asks for the list first and for everything else at the same time, before any answer', () => {
    const b = countingBridge({ held: ['authorizations:list', 'account:current', 'accounts:list', 'app:info', 'settings:get', 'app:status'] });
    startFirstScreen();
    // All six went out synchronously: none waited for another's answer.
    expect(b.calls.map((c) => c.channel)).toEqual(['authorizations:list', 'account:current', 'accounts:list', 'app:info', 'settings:get', 'app:status']);
    // The list of the active account (main resolves it): no account id to wait for.
    expect(b.calls[0]!.args).toBeUndefined();
  });

  it('with the answers in, the first render is the list, and the popover asks for none of them again', async () => {
    const b = countingBridge();
    const first = startFirstScreen();
    await settle();
    render(<App first={first} />);
    // Synchronously: no "Starting…" render in between.
    const list = screen.getByRole('list', { name: 'Tokens' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByText('Starting…')).toBeNull();
    await settle();
    expect(b.count('authorizations:list')).toBe(1);
    expect(b.count('account:current')).toBe(1);
    expect(b.count('accounts:list')).toBe(1);
    expect(b.count('app:info')).toBe(1);
    expect(b.count('settings:get')).toBe(1);
  });

  it('with the list still on its way, the popover waits for that very call instead of asking again', async () => {
    const b = countingBridge({ held: ['authorizations:list'] });
    const first = startFirstScreen();
    render(<App first={first} />);
    await settle();
    expect(screen.queryByRole('list', { name: 'Tokens' })).toBeNull();
    b.release();
    const list = await screen.findByRole('list', { name: 'Tokens' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(b.count('authorizations:list')).toBe(1);
    expect(b.count('account:current')).toBe(1);
  });

  it('an early list of another account (switched meanwhile) is asked again for the current one', async () => {
    const b = countingBridge({ listFor: (args) => ((args as { accountId?: string } | undefined)?.accountId ? account.id : 'acc-other') });
    const first = startFirstScreen();
    render(<App first={first} />);
    const list = await screen.findByRole('list', { name: 'Tokens' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(b.calls.filter((c) => c.channel === 'authorizations:list').map((c) => c.args)).toEqual([undefined, { accountId: account.id }]);
  });

  it('a list pushed after the early answer and before the popover subscribed is shown; one pushed before the answer is not', async () => {
    const b = countingBridge({ held: ['authorizations:list'] });
    const first = startFirstScreen();
    const snap = (description: string): AuthorizationsSnapshot => ({
      accountId: account.id,
      items: [view({ id: 'z', description })],
      fetchedAt: new Date().toISOString(),
      lastError: null,
    });
    // Before the answer: the answer is newer.
    b.push('authorizations:changed', snap('Pushed before the answer'));
    b.release();
    await settle();
    // After the answer, before any popover subscribed.
    b.push('authorizations:changed', snap('Pushed after the answer'));
    render(<App first={first} />);
    const list = await screen.findByRole('list', { name: 'Tokens' });
    await vi.waitFor(() => expect(list.textContent).toContain('Pushed after the answer'));
    expect(list.textContent).not.toContain('Pushed before the answer');
  });

  it('a list pushed before the early answer came (they travel separately) is asked for again once the popover is up', async () => {
    const b = countingBridge({ held: ['authorizations:list'] });
    const first = startFirstScreen();
    b.push('authorizations:changed', { accountId: account.id, items: [view({ id: 'z', description: 'Pushed before the answer' })], fetchedAt: new Date().toISOString(), lastError: null });
    b.release();
    await settle();
    render(<App first={first} />);
    await vi.waitFor(() => expect(b.count('authorizations:list')).toBe(2));
    expect(b.calls.filter((c) => c.channel === 'authorizations:list').map((c) => c.args)).toEqual([undefined, { accountId: account.id }]);
    const list = await screen.findByRole('list', { name: 'Tokens' });
    await vi.waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(list.textContent).toContain('CI deploy key');
  });

  it('whenFirstScreenReady: resolves with the answers, or after the wait at the latest', async () => {
    const b = countingBridge({ held: ['authorizations:list'] });
    vi.useFakeTimers();
    let ready = false;
    void whenFirstScreenReady(startFirstScreen(), 100).then(() => (ready = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(ready).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(ready).toBe(true);
    b.release();
    vi.useRealTimers();
    countingBridge();
    let quick = false;
    const t0 = Date.now();
    await whenFirstScreenReady(startFirstScreen(), 10_000).then(() => (quick = true));
    expect(quick).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
