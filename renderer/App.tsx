/** The popover: first run, the token list, create, settings, and the one-time token panel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NewToken } from '../shared/contract.js';
import { call, on } from './api.js';
import type { TokenFocus } from './features/tokens/token-list.js';
import { SignIn } from './features/accounts/sign-in.js';
import { Header } from './features/app/header.js';
import { usePopoverData } from './features/app/use-popover-data.js';
import type { FirstScreenCalls } from './features/app/first-screen.js';
import { watchVisibility } from './features/common/clock.js';
import { ToastProvider } from './features/common/toast.js';
import { CreateForm } from './features/create/create-form.js';
import { OneTimePanel } from './features/one-time/one-time-panel.js';
import { SettingsView } from './features/settings/settings-view.js';
import { LoadingState } from './features/status/states.js';
import { TokensView } from './features/app/tokens-view.js';

type View =
  | { name: 'list' }
  | { name: 'create' }
  | { name: 'settings' }
  | { name: 'add-account' }
  | { name: 'one-time'; created: NewToken; action: 'create' | 'rotate' };

/** The whole popover; `first`: the first screen's calls, already made by main.tsx. */
export function App({ first }: { first?: FirstScreenCalls } = {}) {
  return (
    <ToastProvider>
      <Popover first={first} />
    </ToastProvider>
  );
}

function Popover({ first }: { first?: FirstScreenCalls }) {
  const data = usePopoverData(first);
  const [view, setView] = useState<View>({ name: 'list' });
  const [focus, setFocus] = useState<TokenFocus | null>(null);
  const toList = useCallback(() => setView({ name: 'list' }), []);
  const dataRef = useRef(data);
  dataRef.current = data;

  useEffect(() => watchVisibility((l) => on('popover:visibility', l)), []);
  useEffect(
    () =>
      on('popover:focus-token', ({ accountId, id, intent }) => {
        const t = dataRef.current;
        setView({ name: 'list' });
        if (t.account && t.account.id !== accountId) void call('accounts:switch', { accountId }).then(() => t.reload());
        setFocus(intent ? { id, intent } : { id });
      }),
    [],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (view.name === 'one-time') return;
      if (view.name !== 'list') return toList();
      void call('popover:hide');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, toList]);

  if (data.phase === 'starting') return <Shell><LoadingState label="Starting…" /></Shell>;
  if (data.phase === 'signed-out' || view.name === 'add-account') {
    const firstRun = data.phase === 'signed-out';
    return (
      <Shell>
        <SignIn firstRun={firstRun} onDone={() => (toList(), void data.reload())} onCancel={firstRun ? undefined : toList} />
      </Shell>
    );
  }
  const onRotated = (created: NewToken) => setView({ name: 'one-time', created, action: 'rotate' });
  return (
    <Shell>
      <Header
        accounts={data.accounts}
        account={data.account}
        loading={data.loading}
        onAddAccount={() => setView({ name: 'add-account' })}
        onRefresh={() => void data.refresh()}
        onSettings={() => setView({ name: 'settings' })}
        onSwitched={() => void data.reload()}
      />
      {view.name === 'list' && (
        <TokensView data={data} focus={focus} onCreate={() => setView({ name: 'create' })} onSignIn={() => setView({ name: 'add-account' })} onRotated={onRotated} onLeased={(created) => setView({ name: 'one-time', created, action: 'create' })} />
      )}
      {view.name === 'create' && <CreateForm onCancel={toList} onCreated={(created) => setView({ name: 'one-time', created, action: 'create' })} />}
      {view.name === 'one-time' && <OneTimePanel created={view.created} action={view.action} onDone={toList} />}
      {view.name === 'settings' && data.settings && (
        <SettingsView
          settings={data.settings}
          accounts={data.accounts}
          info={data.info}
          shortcut={data.status?.shortcut}
          onChange={data.setSettings}
          onAddAccount={() => setView({ name: 'add-account' })}
          onAccountsChanged={() => void data.reload()}
          onClose={toList}
        />
      )}
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return <main className="popover">{children}</main>;
}
