/** One token: description, scope chips, masked token, live countdown, times, client, badges, flags. */
import { memo, useId } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import { maskedToken, type AuthorizationView } from '../../../shared/domain/authorization.js';
import { Icon } from '../common/icons.js';
import { Countdown, UrgencyTag } from './countdown.js';
import { dateTime, shortDate } from '../common/dates.js';
import { HYGIENE_TEXT } from './labels.js';
import { RowActions } from './row-actions.js';
import type { TokenActions } from './use-token-actions.js';
import type { RowExtension } from './row-extension.js';

export interface TokenRowProps {
  a: AuthorizationView;
  open: boolean;
  /** Opened by "Rotate now" on a notification: start on the rotate confirmation. */
  intent?: 'rotate' | null;
  /** In a windowed list: how many rows there are, and this row's place (1-based) among them. */
  setSize?: number;
  posInSet?: number;
  /** In a windowed list: space above the row for unrendered rows (a row kept outside the window). */
  spaceBefore?: number;
  actions: TokenActions;
  onToggle(id: string): void;
  onRotated(created: NewToken): void;
  extension?: RowExtension;
}

function Meta({ a }: { a: AuthorizationView }) {
  const updated = a.updatedAt !== a.createdAt;
  return (
    <span className="row-meta">
      <span title={dateTime(a.createdAt)}>Created {shortDate(a.createdAt)}</span>
      {updated && <span title={dateTime(a.updatedAt)}> · updated {shortDate(a.updatedAt)}</span>}
      {a.client && <span title={`OAuth client ${a.client.id}`}> · via {a.client.name}</span>}
    </span>
  );
}

function Badges({ a }: { a: AuthorizationView }) {
  return (
    <span className="chips">
      <UrgencyTag expiresAt={a.expiresAt} />
      {a.scopes.map((s) => (
        <span key={s} className={s === 'global' ? 'chip chip-global' : 'chip'}>
          {s}
        </span>
      ))}
      {a.isCliSession && (
        <span className="badge badge-cli" title="The Heroku CLI’s own login session">
          <Icon name="terminal" size={12} /> CLI session
        </span>
      )}
      {a.isCurrentKey && <span className="badge">This app’s key</span>}
      {a.hygiene.map((f) => (
        <span key={f} className="badge badge-warn" title={HYGIENE_TEXT[f].help}>
          <Icon name="alert" size={12} /> {HYGIENE_TEXT[f].label}
        </span>
      ))}
    </span>
  );
}

/** A row of the token list; the toggle opens its actions. */
export const TokenRow = memo(function TokenRow({ a, open, intent, setSize, posInSet, spaceBefore, actions, onToggle, onRotated, extension }: TokenRowProps) {
  const panelId = useId();
  return (
    <li
      className={open ? 'row row-open' : 'row'}
      data-id={a.id}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      style={spaceBefore ? { marginTop: spaceBefore } : undefined}
    >
      <div className="row-grid">
        <button
          type="button"
          className="row-toggle"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          data-row-toggle=""
          onClick={() => onToggle(a.id)}
        >
          <span className="row-title">{a.description || '(no description)'}</span>
          <Badges a={a} />
          <Meta a={a} />
        </button>
        <div className="row-side">
          <Countdown expiresAt={a.expiresAt} />
          <span className="row-token">
            <span className="mono masked" title={a.held ? 'The app keeps this token' : 'Only Heroku has this token'}>
              {maskedToken(a.tokenLast4)}
            </span>
            <button type="button" className="icon-btn" aria-label="Copy token" title="Copy token" onClick={() => void actions.copy(a)}>
              <Icon name="copy" />
            </button>
          </span>
        </div>
      </div>
      {extension?.details?.(a)}
      {open && (
        <div id={panelId} className="row-panel" role="group" aria-label={`Actions for ${a.description}`}>
          <RowActions a={a} actions={actions} initialMode={intent ?? undefined} onRotated={onRotated} onClose={() => onToggle(a.id)} extension={extension} />
        </div>
      )}
    </li>
  );
});
