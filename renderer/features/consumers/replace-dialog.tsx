/**
 * Replace, from plan to outcome, in one modal: the plan (a new token with the same description
 * and scopes, its expiry, every consumer it will be written to, which apps restart, whether the
 * old token is revoked at the end), then each consumer's progress, Retry and Roll back.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReplaceOperation, ReplacePlan } from '../../../shared/domain/replace.js';
import { consumerName } from '../../../shared/domain/consumers.js';
import { call } from '../../api.js';
import { ReplaceProgress } from './replace-progress.js';

const H = 3600;
const D = 24 * H;
const CHOICES: Array<[string, number | null]> = [['1 hour', H], ['1 day', D], ['7 days', 7 * D], ['30 days', 30 * D], ['1 year', 365 * D], ['Never expires', null]];

function lifetime(s: number | null): string {
  if (s === null) return 'never expires';
  if (s % D === 0) return `${s / D} ${s === D ? 'day' : 'days'}`;
  if (s % H === 0) return `${s / H} ${s === H ? 'hour' : 'hours'}`;
  return `${Math.round(s / 60)} min`;
}

function Plan({ plan, busy, onConfirm }: { plan: ReplacePlan; busy: boolean; onConfirm(expiresIn: number | null, revokeOld: boolean): void }) {
  const [expiry, setExpiry] = useState<string>('same');
  const [revokeOld, setRevokeOld] = useState(plan.revokeOld);
  const expiresIn = expiry === 'same' ? plan.expiresIn : expiry === 'never' ? null : Number(expiry);
  return (
    <>
      <p>
        A new token with the same description and scopes (<span className="mono">{plan.scopes.join(', ')}</span>) is created and kept in your
        keychain first. Then it is written to each consumer and read back.
      </p>
      <label className="field">
        <span>Expires</span>
        <select className="input input-small" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          <option value="same">Same lifetime as now ({lifetime(plan.expiresIn)})</option>
          {CHOICES.map(([label, s]) => (
            <option key={label} value={s === null ? 'never' : String(s)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <p className="plan-heading">It will be written to:</p>
      <ul className="used-by-list" aria-label="Will be written to">
        {plan.consumers.map((c) => (
          <li key={c.key} className="used-by-item">
            {consumerName(c)} <span className="mono">{c.varName}</span>
          </li>
        ))}
      </ul>
      {plan.restarts.length > 0 && (
        <p className="plan-warning">Each config var change creates a release and restarts the dynos of {plan.restarts.join(', ')}.</p>
      )}
      <label className="check">
        <input type="checkbox" checked={revokeOld} onChange={(e) => setRevokeOld(e.target.checked)} /> Revoke the old token once every consumer holds the new one
      </label>
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => onConfirm(expiresIn, revokeOld)}>
          {busy ? 'Working…' : 'Replace token'}
        </button>
      </div>
    </>
  );
}

export interface ReplaceDialogProps {
  authorizationId: string;
  accountId: string;
  description: string;
  /** The newest run of this token, if any (kept current by events). */
  operation: ReplaceOperation | null;
  onOperation(op: ReplaceOperation): void;
  onClose(): void;
}

/** The modal: plan first; once started, the run's progress. */
export function ReplaceDialog(p: ReplaceDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [plan, setPlan] = useState<ReplacePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [runId, setRunId] = useState<string | null>(p.operation && p.operation.status === 'failed' ? p.operation.id : null);
  const [unkept, setUnkept] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);
  useEffect(() => {
    void call('replace:plan', { id: p.authorizationId, accountId: p.accountId }).then((r) => (r.ok ? setPlan(r.value) : setError(r.error.message)));
  }, [p.authorizationId, p.accountId]);

  const start = async (expiresIn: number | null, revokeOld: boolean) => {
    setBusy(true);
    const r = await call('replace:start', { id: p.authorizationId, accountId: p.accountId, expiresIn, revokeOld });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setRunId(r.value.operation.id);
    setUnkept(r.value.unkeptToken);
    p.onOperation(r.value.operation);
  };
  const run = runId && p.operation?.id === runId ? p.operation : null;
  return (
    <dialog
      ref={ref}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        p.onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Replace “{p.description}”
      </h2>
      <div className="dialog-body">
        {error && <p className="field-error" role="alert">{error}</p>}
        {!run && plan && (plan.blocked ? <p>{plan.blocked}</p> : <Plan plan={plan} busy={busy} onConfirm={(e, r) => void start(e, r)} />)}
        {!run && !plan && !error && <p className="hint">Preparing the plan…</p>}
        {run && <ReplaceProgress op={run} onChanged={p.onOperation} />}
        {unkept && (
          <label className="field">
            <span>New token (the keychain refused it: copy it now)</span>
            <input className="input mono" readOnly value={unkept} />
          </label>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={p.onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
