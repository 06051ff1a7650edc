/** A modal confirm dialog on the native <dialog> element: focus trap, Escape and top layer for free. */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks before a destructive action; Escape or Cancel backs out. */
export function ConfirmDialog(p: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        p.onCancel();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {p.title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {p.children}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={p.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={p.danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={p.onConfirm} disabled={p.busy}>
          {p.busy ? 'Working…' : p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
