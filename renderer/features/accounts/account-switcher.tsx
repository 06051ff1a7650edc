/** The active account, and a switcher when there are several. */
import { useId } from 'react';
import type { AccountView } from '../../../shared/contract.js';
import { call } from '../../api.js';
import { useToast } from '../common/toast.js';

/** Shows the account's email; a select when more than one account is signed in. */
export function AccountSwitcher(p: { accounts: AccountView[]; account: AccountView | null; onSwitched(): void }) {
  const { accounts, account } = p;
  const id = useId();
  const toast = useToast();
  if (!account) return null;
  if (accounts.length < 2) {
    return (
      <span className="account-single" title={account.email}>
        {account.email}
      </span>
    );
  }
  return (
    <span className="account-switch">
      <label htmlFor={id} className="visually-hidden">
        Account
      </label>
      <select
        id={id}
        className="select select-bare"
        value={account.id}
        onChange={(e) =>
          void call('accounts:switch', { accountId: e.target.value }).then((r) =>
            r.ok ? p.onSwitched() : toast({ text: r.error.message, tone: 'error' }),
          )
        }
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.email}
          </option>
        ))}
      </select>
    </span>
  );
}
