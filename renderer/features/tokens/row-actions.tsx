/** A row's expanded actions: Reveal (30 s), Rename (inline), Rotate and Revoke (each confirmed). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { ConfirmDialog } from '../common/dialog.js';
import { Icon } from '../common/icons.js';
import { useNow } from '../common/clock.js';
import { maskedToken } from '../../../shared/domain/authorization.js';
import { CopyAsButtons } from './copy-as-buttons.js';
import type { TokenActions } from './use-token-actions.js';
import type { RowExtension } from './row-extension.js';

export interface RowActionsProps {
  a: AuthorizationView;
  actions: TokenActions;
  onRotated(created: NewToken): void;
  onClose(): void;
  /** Open straight on the rotate confirmation (a notification's "Rotate now"). */
  initialMode?: 'rotate';
  extension?: RowExtension;
}

function Revealed({ token, until, onHide }: { token: string; until: number; onHide(): void }) {
  const now = useNow();
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  useEffect(() => {
    if (left === 0) onHide();
  }, [left, onHide]);
  // The shared clock pauses while the popover is hidden; the token must go on time regardless.
  useEffect(() => {
    const t = setTimeout(onHide, Math.max(0, until - Date.now()));
    return () => clearTimeout(t);
  }, [until, onHide]);
  return (
    <div className="revealed">
      <code className="mono revealed-token" aria-label="Full token">
        {token}
      </code>
      <span className="hint">Hidden in {left} s</span>
      <button type="button" className="btn btn-small" onClick={onHide}>
        Hide
      </button>
    </div>
  );
}

function RenameForm({ a, busy, onSave, onCancel }: { a: AuthorizationView; busy: boolean; onSave(name: string): void; onCancel(): void }) {
  const [name, setName] = useState(a.description);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(name.trim());
  };
  return (
    <form className="rename" onSubmit={submit}>
      <label htmlFor={`rename-${a.id}`} className="visually-hidden">
        New description
      </label>
      <input
        id={`rename-${a.id}`}
        ref={input}
        className="input input-small"
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
        Save
      </button>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/**
 * What else stops working when this token goes, for the tokens where that is not just "anything
 * using it": the key this app signs in with, and the Heroku CLI's login session.
 */
/** Revoking or rotating the CLI's login session logs the CLI out alike. */
function CliSessionConsequence() {
  return (
    <p>
      This is the Heroku CLI’s login session. <code>heroku</code> commands on this machine stop working until you log in again (
      <code>heroku login</code>).
    </p>
  );
}

function RevokeConsequence({ a }: { a: AuthorizationView }) {
  if (a.isCurrentKey) {
    return (
      <p>
        This is the key Heroku Token Tray signs in with. Once it is revoked, Heroku Token Tray signs out of this account: it can no
        longer list or change tokens here until you sign in again with another key.
      </p>
    );
  }
  if (a.isCliSession) return <CliSessionConsequence />;
  return null;
}

function RotateConsequence({ a }: { a: AuthorizationView }) {
  if (a.isCurrentKey) return <p>This is the key Heroku Token Tray signs in with: Heroku Token Tray switches to the new key itself.</p>;
  if (a.isCliSession) return <CliSessionConsequence />;
  return null;
}

const revokeLabel = (a: AuthorizationView) => (a.isCurrentKey ? 'Revoke and sign out' : a.isCliSession ? 'Revoke CLI session' : 'Revoke token');

/** The action bar and its inline forms and dialogs. */
export function RowActions({ a, actions, onRotated, onClose, initialMode, extension }: RowActionsProps) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'rotate' | 'revoke'>(initialMode ?? 'idle');
  const [revealed, setRevealed] = useState<{ token: string; until: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  // After an inline form or a dialog closes, focus goes back to the row, not to the page.
  const focusRow = () => root.current?.closest('li')?.querySelector<HTMLElement>('[data-row-toggle]')?.focus();
  const idle = () => {
    setMode('idle');
    focusRow();
  };

  const reveal = async () => {
    const r = await actions.reveal(a);
    if (r) setRevealed({ token: r.token, until: Date.now() + r.hideAfterSeconds * 1000 });
  };
  const rename = async (name: string) => {
    if (name === '' || name === a.description) return idle();
    setBusy(true);
    const done = await actions.rename(a, name);
    setBusy(false);
    if (done) idle();
  };
  const rotate = async () => {
    setBusy(true);
    const created = await actions.rotate(a);
    setBusy(false);
    idle();
    if (created) onRotated(created);
  };
  const revoke = async () => {
    const li = root.current?.closest('li');
    const neighbour = (li?.nextElementSibling ?? li?.previousElementSibling)?.querySelector<HTMLElement>('[data-row-toggle]');
    setBusy(true);
    const done = await actions.revoke(a);
    setBusy(false);
    if (!done) return idle();
    setMode('idle');
    onClose();
    // The row goes away: keep the keyboard user in the list.
    neighbour?.focus();
  };

  return (
    <div className="row-actions" ref={root}>
      {mode === 'rename' ? (
        <RenameForm a={a} busy={busy} onSave={(n) => void rename(n)} onCancel={idle} />
      ) : (
        <div className="action-bar">
          <button type="button" className="btn btn-small" aria-label="Reveal token" onClick={() => void reveal()} disabled={revealed !== null}>
            <Icon name="eye" /> Reveal
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('rename')}>
            <Icon name="pencil" /> Rename
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('rotate')}>
            <Icon name="rotate" /> Rotate
          </button>
          {extension?.actions?.(a)}
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setMode('revoke')}>
            <Icon name="trash" /> Revoke
          </button>
        </div>
      )}
      {a.held && mode !== 'rename' && <CopyAsButtons a={a} />}
      {revealed && <Revealed token={revealed.token} until={revealed.until} onHide={() => setRevealed(null)} />}
      {mode === 'rotate' && (
        <ConfirmDialog title={`Rotate “${a.description}”?`} confirmLabel="Rotate token" busy={busy} onCancel={idle} onConfirm={() => void rotate()}>
          Heroku issues a new token and the current one ({maskedToken(a.tokenLast4)}) stops working at once. The new token is shown once.
          <RotateConsequence a={a} />
        </ConfirmDialog>
      )}
      {mode === 'revoke' && (
        <ConfirmDialog
          title={`Revoke “${a.description}”?`}
          confirmLabel={revokeLabel(a)}
          danger
          busy={busy}
          onCancel={idle}
          onConfirm={() => void revoke()}
        >
          Anything using this token ({maskedToken(a.tokenLast4)}) loses access at once. This cannot be undone.
          {extension?.revokeNote?.(a) && <strong className="revoke-note"> {extension.revokeNote(a)}</strong>}
          <RevokeConsequence a={a} />
        </ConfirmDialog>
      )}
    </div>
  );
}
