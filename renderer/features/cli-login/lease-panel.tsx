/**
 * Leases: "Lease a token" (scopes and 5 min to 8 h), each lease with its "Lease" badge, countdown,
 * "Copy as export line" and "End lease". The app revokes a lease when it ends.
 */
import { useState } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import { SCOPES, type AuthorizationView } from '../../../shared/domain/authorization.js';
import type { LeaseView } from '../../../shared/domain/leases.js';
import { call } from '../../api.js';
import { useToast } from '../common/toast.js';
import { MiniCountdown } from './mini-countdown.js';

const LIFETIMES = [
  { label: '5 minutes', seconds: 300 },
  { label: '15 minutes', seconds: 900 },
  { label: '1 hour', seconds: 3600 },
  { label: '4 hours', seconds: 4 * 3600 },
  { label: '8 hours', seconds: 8 * 3600 },
];

export interface LeasePanelProps {
  leases: LeaseView[];
  items: AuthorizationView[];
  accountId: string | null;
  onCreated(created: NewToken): void;
}

function LeaseForm({ onDone, onCreated }: { onDone(): void; onCreated(c: NewToken): void }) {
  const toast = useToast();
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [lifetime, setLifetime] = useState(900);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = await call('leases:create', { scopes: scopes as (typeof SCOPES)[number][], lifetimeSeconds: lifetime });
    setBusy(false);
    if (!r.ok) return toast({ text: r.error.message, tone: 'error' });
    onDone();
    onCreated(r.value);
  };
  return (
    <form className="lease-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <fieldset>
        <legend>Scopes</legend>
        {SCOPES.map((s) => (
          <label key={s} className="scope-check">
            <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} /> {s}
          </label>
        ))}
      </fieldset>
      <label>
        Lease for{' '}
        <select className="input input-small" value={lifetime} onChange={(e) => setLifetime(Number(e.target.value))}>
          {LIFETIMES.map((l) => (
            <option key={l.seconds} value={l.seconds}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary btn-small" disabled={busy || scopes.length === 0}>
        {busy ? 'Working…' : 'Lease it'}
      </button>
    </form>
  );
}

/** The leases section. */
export function LeasePanel({ leases, items, accountId, onCreated }: LeasePanelProps) {
  const toast = useToast();
  const [form, setForm] = useState(false);
  const mine = leases.filter((l) => l.accountId === accountId);
  const end = async (l: LeaseView) => {
    const r = await call('leases:end', { id: l.id, accountId: l.accountId });
    toast(r.ok ? { text: 'Lease ended: the token is revoked.', tone: 'info' } : { text: r.error.message, tone: 'error' });
  };
  const copy = async (l: LeaseView) => {
    const r = await call('tokens:copy-as', { id: l.id, accountId: l.accountId, format: 'posix' });
    toast(r.ok ? { text: `Copied the export line. The clipboard is cleared in ${r.value.clearsInSeconds} s.`, tone: 'info' } : { text: r.error.message, tone: 'error' });
  };
  return (
    <section className="lease-panel" aria-label="Leases">
      <div className="section-head">
        <h2 className="section-title">Leases</h2>
        <button type="button" className="btn btn-small" onClick={() => setForm(!form)} aria-expanded={form}>
          Lease a token
        </button>
      </div>
      {form && <LeaseForm onDone={() => setForm(false)} onCreated={onCreated} />}
      {mine.length > 0 && (
        <ul className="lease-list">
          {mine.map((l) => (
            <li key={l.id} className="lease-row" data-lease-id={l.id}>
              <span className="badge badge-lease">Lease</span> <span>{items.find((a) => a.id === l.id)?.description ?? l.scopes.join(', ')}</span>{' '}
              <MiniCountdown expiresAt={l.endsAt} label="Lease ends" />
              {l.endError && (
                <span className="lease-error" role="alert">
                  {' '}
                  {l.endError}
                </span>
              )}
              <span className="row-buttons">
                <button type="button" className="btn btn-small" onClick={() => void copy(l)}>
                  Copy as export line
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => void end(l)}>
                  End lease
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
