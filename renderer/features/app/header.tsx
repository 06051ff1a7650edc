/** The popover's top bar: brand, account (switcher), Add account, Refresh, Settings. */
import type { AccountView } from '../../../shared/contract.js';
import { AccountSwitcher } from '../accounts/account-switcher.js';
import { Icon } from '../common/icons.js';

export interface HeaderProps {
  accounts: AccountView[];
  account: AccountView | null;
  loading: boolean;
  onAddAccount(): void;
  onRefresh(): void;
  onSettings(): void;
  onSwitched(): void;
}

/** The header bar. */
export function Header(p: HeaderProps) {
  return (
    <header className="topbar">
      <h1 className="visually-hidden">Heroku Token Tray</h1>
      <div className="brand" aria-hidden="true">
        <svg width="22" height="22" viewBox="0 0 24 24" className="brand-mark">
          <rect x="1" y="1" width="22" height="22" rx="6" />
          <path d="M8 6v12M8 12c1.5-1.5 3-2 4.5-2 1.8 0 3.5 1 3.5 3v5" />
        </svg>
      </div>
      <div className="topbar-account">
        <AccountSwitcher accounts={p.accounts} account={p.account} onSwitched={p.onSwitched} />
      </div>
      <div className="topbar-actions">
        <button type="button" className="icon-btn" aria-label="Add account" title="Add account" onClick={p.onAddAccount}>
          <Icon name="userPlus" />
        </button>
        <button
          type="button"
          className={p.loading ? 'icon-btn spinning' : 'icon-btn'}
          aria-label="Refresh"
          title="Refresh"
          onClick={p.onRefresh}
          aria-busy={p.loading || undefined}
        >
          <Icon name="refresh" />
        </button>
        <button type="button" className="icon-btn" aria-label="Settings" title="Settings" onClick={p.onSettings}>
          <Icon name="settings" />
        </button>
      </div>
    </header>
  );
}
