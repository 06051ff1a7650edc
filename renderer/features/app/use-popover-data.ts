/**
 * The popover's data: accounts, the active account's snapshot, status, settings and app info,
 * loaded through the contract and kept current by main's push events. (Not the tray's state:
 * that is shared/domain/tray-state.ts, computed in main.)
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountView, AppInfo, AppStatus, Settings } from '../../../shared/contract.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import type { AppError } from '../../../shared/result.js';
import { call, on } from '../../api.js';

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

/** Loads everything the popover shows and subscribes to changes. */
export function usePopoverData(): PopoverStore {
  const [state, setState] = useState<PopoverData>(initial);
  const accountId = useRef<string | null>(null);
  const patch = useCallback((p: Partial<PopoverData>) => setState((s) => ({ ...s, ...p })), []);

  const loadList = useCallback(
    async (channel: 'authorizations:list' | 'authorizations:refresh') => {
      patch({ loading: true });
      const asked = accountId.current;
      const list = await call(channel, asked ? { accountId: asked } : undefined);
      // The user switched accounts meanwhile: this answer is for an account no longer shown.
      if (asked !== accountId.current) return;
      if (list.ok) patch({ loading: false, error: null, snapshot: list.value });
      else if (list.error.code === 'not_signed_in') patch({ loading: false, phase: 'signed-out', account: null });
      else patch({ loading: false, error: list.error });
      void call('app:status').then((r) => r.ok && patch({ status: r.value }));
    },
    [patch],
  );

  const reload = useCallback(async () => {
    patch({ loading: true, error: null });
    const [current, accounts] = await Promise.all([call('account:current'), call('accounts:list')]);
    if (!current.ok) return patch({ phase: 'ready', loading: false, error: current.error });
    accountId.current = current.value?.id ?? null;
    patch({
      account: current.value,
      accounts: accounts.ok ? accounts.value : current.value ? [current.value] : [],
      phase: current.value ? 'ready' : 'signed-out',
      snapshot: null,
    });
    if (current.value) await loadList('authorizations:list');
    else patch({ loading: false });
  }, [loadList, patch]);

  useEffect(() => {
    const offs = [
      on('authorizations:changed', (snapshot) => {
        if (snapshot.accountId === accountId.current) patch({ snapshot, loading: false });
      }),
      on('accounts:changed', (accounts) => {
        const active = accounts.find((a) => a.active) ?? null;
        const switched = (active?.id ?? null) !== accountId.current;
        patch({ accounts });
        if (switched) void reload();
      }),
      on('settings:changed', (settings) => patch({ settings })),
      on('status:changed', (status) => patch({ status })),
    ];
    void call('app:info').then((r) => r.ok && patch({ info: r.value }));
    void call('settings:get').then((r) => r.ok && patch({ settings: r.value }));
    void call('app:status').then((r) => r.ok && patch({ status: r.value }));
    void reload();
    return () => offs.forEach((off) => off());
  }, [patch, reload]);

  return {
    ...state,
    refresh: () => loadList('authorizations:refresh'),
    reload,
    setSettings: (settings) => patch({ settings }),
  };
}
