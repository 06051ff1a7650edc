/** Create token: description, scopes (each explained), expiry presets or a custom duration. */
import { useState, type FormEvent } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { Scope } from '../../../shared/domain/authorization.js';
import type { AppError } from '../../../shared/result.js';
import { call } from '../../api.js';
import { dateTime } from '../common/dates.js';
import { CUSTOM_UNITS, EXPIRY_PRESETS, MAX_EXPIRES_IN, MIN_EXPIRES_IN, SCOPE_HELP, SCOPE_ORDER } from './scopes.js';

export interface CreateFormProps {
  onCreated(created: NewToken): void;
  onCancel(): void;
}

type Unit = (typeof CUSTOM_UNITS)[number]['id'];

/** Works out expires_in from the chosen preset, or an error sentence. */
export function expiresInFrom(preset: string, amount: string, unit: Unit): { ok: true; value: number | null } | { ok: false; message: string } {
  const p = EXPIRY_PRESETS.find((x) => x.id === preset);
  if (!p) return { ok: false, message: 'Pick when the token expires.' };
  if (p.seconds !== 'custom') return { ok: true, value: p.seconds };
  const n = Number(amount);
  const factor = CUSTOM_UNITS.find((u) => u.id === unit)?.seconds ?? 60;
  if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(n)) return { ok: false, message: 'Enter a whole number for the custom expiry.' };
  const seconds = n * factor;
  if (seconds < MIN_EXPIRES_IN) return { ok: false, message: 'A token must live at least 1 minute.' };
  if (seconds > MAX_EXPIRES_IN) return { ok: false, message: 'A token can live at most 10 years.' };
  return { ok: true, value: seconds };
}

function ExpiryPreview({ preset, amount, unit }: { preset: string; amount: string; unit: Unit }) {
  const r = expiresInFrom(preset, amount, unit);
  if (!r.ok || r.value === null) return null;
  return <p className="hint expiry-preview">Expires {dateTime(new Date(Date.now() + r.value * 1000).toISOString())}</p>;
}

function ScopesField({ scopes, onToggle }: { scopes: Scope[]; onToggle(s: Scope): void }) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Scopes</legend>
      {SCOPE_ORDER.map((s) => (
        <label key={s} className="check-row">
          <input
            type="checkbox"
            checked={scopes.includes(s)}
            onChange={() => onToggle(s)}
            aria-labelledby={`scope-name-${s}`}
            aria-describedby={`scope-help-${s}`}
          />
          <span>
            <span id={`scope-name-${s}`} className="chip chip-static">
              {s}
            </span>
            <span id={`scope-help-${s}`} className="hint">
              {SCOPE_HELP[s]}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

interface ExpiryChoice {
  preset: string;
  amount: string;
  unit: Unit;
}

function ExpiryField({ value, onChange }: { value: ExpiryChoice; onChange(patch: Partial<ExpiryChoice>): void }) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">Expires</legend>
      <div className="presets">
        {EXPIRY_PRESETS.map((p) => (
          <label key={p.id} className="preset">
            <input type="radio" name="expiry" value={p.id} checked={value.preset === p.id} onChange={() => onChange({ preset: p.id })} />
            <span>{p.label}</span>
          </label>
        ))}
      </div>
      {value.preset === 'custom' && (
        <div className="custom-expiry">
          <label htmlFor="custom-amount" className="visually-hidden">
            Custom expiry amount
          </label>
          <input
            id="custom-amount"
            className="input input-narrow"
            inputMode="numeric"
            value={value.amount}
            onChange={(e) => onChange({ amount: e.target.value })}
          />
          <label htmlFor="custom-unit" className="visually-hidden">
            Custom expiry unit
          </label>
          <select id="custom-unit" className="select" value={value.unit} onChange={(e) => onChange({ unit: e.target.value as Unit })}>
            {CUSTOM_UNITS.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {value.preset === 'never' ? (
        <p className="hint warn-text">A token that never expires stays valid until you revoke it.</p>
      ) : (
        <ExpiryPreview {...value} />
      )}
    </fieldset>
  );
}

/** The create form; on success hands the new token to the one-time panel. */
export function CreateForm({ onCreated, onCancel }: CreateFormProps) {
  const [description, setDescription] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expiry, setExpiry] = useState<ExpiryChoice>({ preset: '30d', amount: '90', unit: 'days' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const toggle = (s: Scope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const expires = expiresInFrom(expiry.preset, expiry.amount, expiry.unit);
    if (description.trim() === '') return setError({ code: 'bad_request', message: 'A description is required.' });
    if (scopes.length === 0) return setError({ code: 'bad_request', message: 'Pick at least one scope.' });
    if (!expires.ok) return setError({ code: 'bad_request', message: expires.message });
    setBusy(true);
    setError(null);
    const r = await call('authorizations:create', { description: description.trim(), scopes, expiresIn: expires.value });
    setBusy(false);
    if (r.ok) onCreated(r.value);
    else setError(r.error);
  };

  return (
    <form className="create-form" aria-labelledby="create-title" onSubmit={(e) => void submit(e)} noValidate>
      <div className="view-head">
        <h2 id="create-title">New token</h2>
      </div>
      <div className="form-scroll">
        <label htmlFor="create-description" className="field-label">
          Description
        </label>
        <input
          id="create-description"
          className="input"
          value={description}
          maxLength={200}
          placeholder="e.g. GitHub Actions deploy"
          onChange={(e) => setDescription(e.target.value)}
          autoFocus
          required
        />
        <ScopesField scopes={scopes} onToggle={toggle} />
        <ExpiryField value={expiry} onChange={(patch) => setExpiry((cur) => ({ ...cur, ...patch }))} />
        {error && (
          <p className="form-error" role="alert">
            {error.message}
            {error.code === 'unknown_outcome' && ' Check the list before trying again, so the token is not created twice.'}
          </p>
        )}
      </div>
      <div className="form-actions form-footer">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
