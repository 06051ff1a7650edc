import { useEffect, useState } from 'react';
import type { AccountView } from '../shared/contract.js';
import type { AuthorizationsSnapshot } from '../shared/domain/authorization.js';
import type { AppError } from '../shared/result.js';
import { call, on } from './api.js';

/** The popover: the active account's tokens. */
export function App() {
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);
  const [snapshot, setSnapshot] = useState<AuthorizationsSnapshot | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    const off = on('authorizations:changed', setSnapshot);
    void (async () => {
      const current = await call('account:current');
      if (!current.ok) return setError(current.error);
      setAccount(current.value);
      if (!current.value) return;
      const list = await call('authorizations:list');
      if (list.ok) setSnapshot(list.value);
      else setError(list.error);
    })();
    return off;
  }, []);

  return (
    <main>
      <header>{account ? account.email : 'Heroku Token Tray'}</header>
      {error && <p role="alert">{error.message}</p>}
      <ul role="list" aria-label="Tokens">
        {snapshot?.items.map((a) => (
          <li key={a.id}>
            <span>{a.description || '(no description)'}</span> <span>{a.scopes.join(', ')}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
