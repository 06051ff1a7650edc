/** A Replace run as the popover shows it: each consumer's state, the outcome, Retry / Roll back. */
import { useState } from 'react';
import type { ReplaceOperation, ReplaceStep } from '../../../shared/domain/replace.js';
import { progressLabel } from '../../../shared/domain/replace.js';
import { call } from '../../api.js';

const STATE_TEXT: Record<ReplaceStep['state'], string> = {
  pending: 'old token (not reached)',
  old: 'old token',
  new: 'new token, verified',
  unknown: 'unknown: could not be read back',
  changed: 'another value since the scan: not written',
};

const STATUS_TEXT: Record<ReplaceOperation['status'], string> = {
  creating: 'Creating the new token…',
  writing: 'Writing the new token…',
  failed: 'Stopped. The old token still works.',
  revoking: 'Revoking the old token…',
  done: 'Done.',
  'rolling-back': 'Rolling back…',
  'rolled-back': 'Rolled back: every consumer holds the old token again.',
};

function where(s: ReplaceStep): string {
  return s.kind === 'app' ? `app ${s.location}` : `file ${s.location.split(/[\\/]/).pop() ?? s.location}`;
}

/** One run: steps, status, and what the user can do next. */
export function ReplaceProgress({ op, onChanged }: { op: ReplaceOperation; onChanged(op: ReplaceOperation): void }) {
  const [busy, setBusy] = useState(false);
  const act = async (channel: 'replace:retry' | 'replace:rollback') => {
    setBusy(true);
    const r = await call(channel, { operationId: op.id });
    setBusy(false);
    if (r.ok) onChanged(r.value.operation);
  };
  const done = op.status === 'done';
  return (
    <div className="replace-progress" role="group" aria-label={`Replace of ${op.description}`}>
      <p className="replace-status" role="status">
        {STATUS_TEXT[op.status]} {progressLabel(op)}
        {done ? (op.oldRevoked ? '; the old token was revoked.' : '; the old token was kept.') : '.'}
      </p>
      <ul className="used-by-list" aria-label="Consumers">
        {op.steps.map((s) => (
          <li key={s.consumerKey} className={`used-by-item step-${s.state}`}>
            <span className="used-by-where">{where(s)}</span> <span className="mono used-by-var">{s.varName}</span>: {STATE_TEXT[s.state]}
            {s.error && <span className="step-error"> — {s.error.message}</span>}
          </li>
        ))}
      </ul>
      {/* The run's error, unless a step already says it. */}
      {op.error && !op.steps.some((s) => s.error?.message === op.error?.message) && <p className="field-error">{op.error.message}</p>}
      {op.status === 'failed' && (
        <div className="dialog-actions">
          <button type="button" className="btn" disabled={busy || op.oldRevoked} onClick={() => void act('replace:rollback')}>
            Roll back
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act('replace:retry')}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
