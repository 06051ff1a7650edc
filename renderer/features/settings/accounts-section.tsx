/** Settings' account list: each signed-in account with Remove (confirmed), and Add account. */
import { useState } from 'react';
import type { AccountView } from '../../../shared/contract.js';
import { call } from '../../api.js';
import { ConfirmDialog } from '../common/dialog.js';
import { Icon } from '../common/icons.js';

export interface AccountsSectionProps {
  accounts: AccountView[];
  onAddAccount(): void;
  onAccountsChanged(): void;
  onError(message: string): void;
}

/** The accounts part of the settings view. */
export function AccountsSection(p: AccountsSectionProps) {
  const [removing, setRemoving] = useState<AccountView | null>(null);
  const remove = async (a: AccountView) => {
    const r = await call('accounts:remove', { accountId: a.id });
    setRemoving(null);
    if (!r.ok) return p.onError(r.error.message);
    p.onAccountsChanged();
  };
  return (
    <>
      <h3 className="section-title">Accounts</h3>
      <ul className="account-list" aria-label="Accounts">
        {p.accounts.map((a) => (
          <li key={a.id} className="account-item">
            <span className="account-email">
              {a.email}
              {a.active && <span className="badge">active</span>}
            </span>
            <button type="button" className="btn btn-small" aria-label={`Remove ${a.email}`} onClick={() => setRemoving(a)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={p.onAddAccount}>
        <Icon name="userPlus" /> Add account
      </button>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.email}?`}
          confirmLabel="Remove account"
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          The app forgets this account’s API key and the tokens it kept. Nothing is revoked at Heroku.
        </ConfirmDialog>
      )}
    </>
  );
}
