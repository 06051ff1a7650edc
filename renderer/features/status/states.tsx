/** Whole-panel states: loading with progress, empty, and error with Retry. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../common/icons.js';

/** Shown while the first list is fetched. */
export function LoadingState({ label = 'Fetching your tokens from Heroku…' }: { label?: string }) {
  return (
    <div className="state" aria-busy="true">
      <div className="progress" role="progressbar" aria-label="Loading tokens" aria-valuetext={label}>
        <span className="progress-bar" />
      </div>
      <p className="muted">{label}</p>
      <ul className="skeleton-list" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <li key={i} className="skeleton-row">
            <span className="skeleton skeleton-line" />
            <span className="skeleton skeleton-line short" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Shown when the account has no tokens at all. */
export function EmptyState({ onCreate }: { onCreate(): void }) {
  return (
    <div className="state">
      <div className="state-icon" aria-hidden="true">
        <Icon name="key" size={28} />
      </div>
      <h2 className="state-title">No tokens yet</h2>
      <p className="muted">Create a token for a deploy script or CI, and watch it here until it expires.</p>
      <button type="button" className="btn btn-primary" onClick={onCreate}>
        <Icon name="plus" /> New token
      </button>
    </div>
  );
}

const ERROR_ICONS: Record<string, IconName> = {
  offline: 'offline',
  timeout: 'offline',
  keychain_locked: 'lock',
  keychain_unavailable: 'lock',
  rate_limited: 'clock',
  unauthorized: 'key',
};

const ERROR_TITLES: Record<string, string> = {
  offline: 'Heroku cannot be reached',
  timeout: 'Heroku did not answer in time',
  keychain_locked: 'Your keychain is locked',
  keychain_unavailable: 'The keychain is unavailable',
  rate_limited: 'Heroku’s rate limit was reached',
  unauthorized: 'Heroku rejected the API key',
};

/** Shown when the list could not be loaded; says why and offers Retry (or Sign in again). */
export function ErrorState(p: { code: string; message: string; onRetry(): void; onSignIn(): void; extra?: ReactNode }) {
  return (
    <div className="state" role="alert">
      <div className="state-icon state-icon-error" aria-hidden="true">
        <Icon name={ERROR_ICONS[p.code] ?? 'alert'} size={28} />
      </div>
      <h2 className="state-title">{ERROR_TITLES[p.code] ?? 'Your tokens could not be loaded'}</h2>
      <p className="muted">{p.message}</p>
      <div className="form-actions center">
        {p.code === 'unauthorized' && (
          <button type="button" className="btn" onClick={p.onSignIn}>
            Sign in again
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={p.onRetry}>
          Retry
        </button>
      </div>
      {p.extra}
    </div>
  );
}
