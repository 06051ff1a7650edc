/** A row's expanded actions: Reveal (30 s), Rename (inline), Rotate and Revoke (each confirmed). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { ConfirmDialog } from '../common/dialog.js';
import { Icon } from '../common/icons.js';
import { useNow } from '../clock/clock.js';
import { maskedToken } from '../../../shared/domain/authorization.js';
import type { TokenActions } from './use-token-actions.js';

export interface RowActionsProps {
  a: AuthorizationView;
  actions: TokenActions;
  onRotated(created: NewToken): void;
  onClose(): void;
}

function Revealed({ token, until, onHide }: { token: string; until: number; onHide(): void }) {
  const now = useNow();
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  useEffect(() => {
    if (left === 0) onHide();
  }, [left, onHide]);
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

/** The action bar and its inline forms and dialogs. */
export function RowActions({ a, actions, onRotated, onClose }: RowActionsProps) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'rotate' | 'revoke'>('idle');
  const [revealed, setRevealed] = useState<{ token: string; until: number } | null>(null);
  const [name, setName] = useState(a.description);
  const [busy, setBusy] = useState(false);
  const renameInput = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // After an inline form or a dialog closes, focus goes back to the row, not to the page.
  const focusRow = () => root.current?.closest('li')?.querySelector<HTMLElement>('[data-row-toggle]')?.focus();
  const idle = () => {
    setMode('idle');
    focusRow();
  };

  useEffect(() => {
    if (mode === 'rename') renameInput.current?.select();
  }, [mode]);

  const reveal = async () => {
    const r = await actions.reveal(a);
    if (r) setRevealed({ token: r.token, until: Date.now() + r.hideAfterSeconds * 1000 });
  };
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '' || name.trim() === a.description) return idle();
    setBusy(true);
    const done = await actions.rename(a, name.trim());
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
    setBusy(true);
    const done = await actions.revoke(a);
    setBusy(false);
    setMode('idle');
    if (done) onClose();
  };

  return (
    <div className="row-actions" ref={root}>
      {mode === 'rename' ? (
        <form className="rename" onSubmit={(e) => void rename(e)}>
          <label htmlFor={`rename-${a.id}`} className="visually-hidden">
            New description
          </label>
          <input
            id={`rename-${a.id}`}
            ref={renameInput}
            className="input input-small"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setName(a.description);
                idle();
              }
            }}
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="btn btn-small" onClick={() => (setName(a.description), idle())}>
            Cancel
          </button>
        </form>
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
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setMode('revoke')}>
            <Icon name="trash" /> Revoke
          </button>
        </div>
      )}
      {revealed && <Revealed token={revealed.token} until={revealed.until} onHide={() => setRevealed(null)} />}
      {mode === 'rotate' && (
        <ConfirmDialog title={`Rotate “${a.description}”?`} confirmLabel="Rotate token" busy={busy} onCancel={idle} onConfirm={() => void rotate()}>
          Heroku issues a new token and the current one ({maskedToken(a.tokenLast4)}) stops working at once. The new token is shown once.
        </ConfirmDialog>
      )}
      {mode === 'revoke' && (
        <ConfirmDialog
          title={`Revoke “${a.description}”?`}
          confirmLabel="Revoke token"
          danger
          busy={busy}
          onCancel={idle}
          onConfirm={() => void revoke()}
        >
          Anything using this token ({maskedToken(a.tokenLast4)}) loses access at once. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
