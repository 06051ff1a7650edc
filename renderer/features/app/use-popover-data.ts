/**
 * The popover's data: accounts, the active account's snapshot, status, settings and app info,
 * loaded through the contract and kept current by main's push events. (Not the tray's state:
 * that is shared/domain/tray-state.ts, computed in main.)
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountView, AppInfo, AppStatus, Settings } from '../../../shared/contract.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import type { AppError, Result } from '../../../shared/result.js';
import { call, on } from '../../api.js';
import type { Early, FirstScreenCalls, MissedEvents } from './first-screen.js';

export interface PopoverData {
  /** starting: account not known yet; signed-out: first run; ready: an account is active. */
  phase: 'starting' | 'signed-out' | 'ready';
  info: AppInfo | null;
  status: AppStatus | null;
  accounts: AccountView[];
  account: AccountView | null;
  snapshot: AuthorizationsSnapshot | null;
  /** True while the list is being fetched. */
  loading: boolean;
  /** The last failure to load the list or the account (null when it worked). */
  error: AppError | null;
  settings: Settings | null;
}

/** The popover's data with the calls that reload it. */
export interface PopoverStore extends PopoverData {
  refresh(): Promise<void>;
  reload(): Promise<void>;
  setSettings(s: Settings): void;
}

const initial: PopoverData = {
  phase: 'starting',
  info: null,
  status: null,
  accounts: [],
  account: null,
  snapshot: null,
  loading: true,
  error: null,
  settings: null,
};

/**
 * The state the popover starts in: what the first screen's calls already answered. With the
 * account, the account list and that account's token list all in, the first render is the list.
 */
function firstState(first: FirstScreenCalls | undefined): PopoverData {
  if (!first) return initial;
  const value = <T>(e: Early<T>): T | null => (e.settled?.ok ? e.settled.value : null);
  const s: PopoverData = { ...initial, info: value(first.info), settings: value(first.settings), status: value(first.status) };
  const current = first.current.settled;
  const accounts = first.accounts.settled;
  const list = first.list.settled;
  if (!current?.ok || !accounts) return s;
  if (current.value === null) return { ...s, phase: 'signed-out', loading: false };
  if (!list?.ok || list.value.accountId !== current.value.id) return s;
  return {
    ...s,
    phase: 'ready',
    account: current.value,
    accounts: accounts.ok ? accounts.value : [current.value],
    snapshot: list.value,
    loading: false,
  };
}

/** Loads everything the popover shows and subscribes to changes; `first`: the calls main.tsx already made. */
export function usePopoverData(first?: FirstScreenCalls): PopoverStore {
  const [start] = useState(() => firstState(first));
  const [state, setState] = useState<PopoverData>(start);
  const accountId = useRef<string | null>(start.account?.id ?? null);
  const patch = useCallback((p: Partial<PopoverData>) => setState((s) => ({ ...s, ...p })), []);

  const loadList = useCallback(
    async (channel: 'authorizations:list' | 'authorizations:refresh', early?: Promise<Result<AuthorizationsSnapshot>>) => {
      patch({ loading: true });
      const asked = accountId.current;
      const ask = () => call(channel, asked ? { accountId: asked } : undefined);
      let list = await (early ?? ask());
      // The user switched accounts meanwhile: this answer is for an account no longer shown.
      if (asked !== accountId.current) return;
      // The early call asked for whichever account was active then: another account's list is asked again.
      if (early && (list.ok ? list.value.accountId !== asked : list.error.code === 'not_signed_in')) {
        list = await ask();
        if (asked !== accountId.current) return;
      }
      if (list.ok) patch({ loading: false, error: null, snapshot: list.value });
      else if (list.error.code === 'not_signed_in') patch({ loading: false, phase: 'signed-out', account: null });
      else patch({ loading: false, error: list.error });
      void call('app:status').then((r) => r.ok && patch({ status: r.value }));
    },
    [patch],
  );

  const reload = useCallback(
    async (early?: FirstScreenCalls) => {
      patch({ loading: true, error: null });
      const [current, accounts] = await Promise.all([early?.current.promise ?? call('account:current'), early?.accounts.promise ?? call('accounts:list')]);
      if (!current.ok) return patch({ phase: 'ready', loading: false, error: current.error });
      accountId.current = current.value?.id ?? null;
      const account = current.value;
      // The list on screen stays while the same account's list is fetched again (a sign-in and
      // its accounts:changed event each reload): only another account's list is taken away.
      setState((s) => ({
        ...s,
        account,
        accounts: accounts.ok ? accounts.value : account ? [account] : [],
        phase: account ? 'ready' : 'signed-out',
        snapshot: account && s.snapshot?.accountId === account.id ? s.snapshot : null,
      }));
      if (current.value) await loadList('authorizations:list', early?.list.promise);
      else patch({ loading: false });
    },
    [loadList, patch],
  );

  useEffect(() => {
    const handlers = {
      'authorizations:changed': (snapshot: AuthorizationsSnapshot) => {
        if (snapshot.accountId === accountId.current) patch({ snapshot, loading: false });
      },
      'accounts:changed': (accounts: AccountView[]) => {
        const active = accounts.find((a) => a.active) ?? null;
        const switched = (active?.id ?? null) !== accountId.current;
        patch({ accounts });
        if (switched) void reload();
      },
      'settings:changed': (settings: Settings) => patch({ settings }),
      'status:changed': (status: AppStatus) => patch({ status }),
    };
    const offs = [
      on('authorizations:changed', handlers['authorizations:changed']),
      on('accounts:changed', handlers['accounts:changed']),
      on('settings:changed', handlers['settings:changed']),
      on('status:changed', handlers['status:changed']),
    ];
    // What the first render did not have yet comes from the calls main.tsx made (or is asked now).
    const fill = <K extends 'info' | 'settings' | 'status'>(key: K, channel: 'app:info' | 'settings:get' | 'app:status') => {
      if (start[key] !== null) return;
      const e = first?.[key] as Early<PopoverData[K]> | undefined;
      void (e?.promise ?? (call(channel) as Promise<Result<PopoverData[K]>>)).then((r) => r.ok && patch({ [key]: r.value }));
    };
    fill('info', 'app:info');
    fill('settings', 'settings:get');
    fill('status', 'app:status');
    let loaded: Promise<unknown> = Promise.resolve();
    if (start.phase === 'starting') loaded = reload(first);
    // The list came with the first render: what loadList does after a list (the rate limit it used).
    else if (start.phase === 'ready') void call('app:status').then((r) => r.ok && patch({ status: r.value }));
    // What main pushed before these subscriptions: once the early answers are in, an event newer
    // than its answer is applied as if heard; one that may be older is asked for again.
    if (first) void loaded.then(() => catchUp(first.takeMissed()));
    function catchUp({ after, before }: MissedEvents): void {
      if (after['accounts:changed']) handlers['accounts:changed'](after['accounts:changed']);
      if (after['settings:changed']) handlers['settings:changed'](after['settings:changed']);
      if (after['status:changed']) handlers['status:changed'](after['status:changed']);
      if (after['authorizations:changed']) handlers['authorizations:changed'](after['authorizations:changed']);
      if (before.has('accounts:changed')) void call('accounts:list').then((r) => r.ok && handlers['accounts:changed'](r.value));
      if (before.has('settings:changed')) void call('settings:get').then((r) => r.ok && handlers['settings:changed'](r.value));
      if (before.has('status:changed')) void call('app:status').then((r) => r.ok && handlers['status:changed'](r.value));
      const shown = accountId.current;
      if (before.has('authorizations:changed') && shown) {
        void call('authorizations:list', { accountId: shown }).then((r) => r.ok && handlers['authorizations:changed'](r.value));
      }
    }
    return () => offs.forEach((off) => off());
    // Runs once per popover (`first` and `start` belong to its first render).
  }, [patch, reload]);

  return {
    ...state,
    refresh: () => loadList('authorizations:refresh'),
    reload: () => reload(),
    setSettings: (settings) => patch({ settings }),
  };
}
