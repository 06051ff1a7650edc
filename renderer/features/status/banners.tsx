/** The banners above the list: offline/stale, rate limit, keychain, non-default API origin. */
import type { Banner } from './problems.js';
import { Icon, type IconName } from '../common/icons.js';

const ICONS: Record<Banner['kind'], IconName> = {
  origin: 'globe',
  keychain: 'lock',
  offline: 'offline',
  'rate-limited': 'clock',
  'low-rate': 'clock',
  unauthorized: 'key',
  stale: 'alert',
  notice: 'alert',
  notification: 'alert',
  shortcut: 'key',
};

export interface BannersProps {
  items: Banner[];
  onRetry(): void;
  onSignIn(): void;
}

/** Renders each banner with its action. */
export function Banners({ items, onRetry, onSignIn }: BannersProps) {
  if (items.length === 0) return null;
  return (
    <div className="banners">
      {items.map((b) => (
        <div key={b.kind} className={`banner banner-${b.tone}`} role={b.tone === 'info' ? 'note' : 'status'} data-kind={b.kind}>
          <span className="banner-icon">
            <Icon name={ICONS[b.kind]} />
          </span>
          <p className="banner-text">
            <strong>{b.title}</strong>
            {b.detail && <span className="banner-detail"> {b.detail}</span>}
          </p>
          {b.action === 'retry' && (
            <button type="button" className="btn btn-small" onClick={onRetry}>
              Retry
            </button>
          )}
          {b.action === 'sign-in' && (
            <button type="button" className="btn btn-small" onClick={onSignIn}>
              Sign in again
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
