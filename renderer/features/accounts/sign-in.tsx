/** First run and "Add account": paste an API key, or import one the Heroku CLI left here. */
import { useEffect, useState, type FormEvent } from 'react';
import type { ImportCandidate, ImportSourceId } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import { call } from '../../api.js';
import { Icon } from '../common/icons.js';

export interface SignInProps {
  /** First run shows the welcome; "Add account" shows a Cancel. */
  firstRun: boolean;
  onDone(): void;
  onCancel?: () => void;
}

/** The sign-in form and the import candidates. */
export function SignIn({ firstRun, onDone, onCancel }: SignInProps) {
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState<'key' | ImportSourceId | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [candidates, setCandidates] = useState<ImportCandidate[]>([]);

  useEffect(() => {
    void call('accounts:import-candidates').then((r) => r.ok && setCandidates(r.value));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('key');
    setError(null);
    const r = await call('accounts:sign-in', { apiKey });
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setApiKey('');
    onDone();
  };

  const importFrom = async (source: ImportSourceId) => {
    setBusy(source);
    setError(null);
    const r = await call('accounts:import', { source });
    setBusy(null);
    if (r.ok) onDone();
    else setError(r.error);
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      {firstRun && (
        <div className="welcome">
          <div className="welcome-mark" aria-hidden="true">
            <Icon name="key" size={28} />
          </div>
          <h1 id="sign-in-title">Heroku Token Tray</h1>
          <p className="muted">Every API token you have, with the time it has left. Sign in to begin.</p>
        </div>
      )}
      {!firstRun && (
        <div className="view-head">
          <h1 id="sign-in-title">Add account</h1>
        </div>
      )}
      <form className="card form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="api-key" className="field-label">
          API key
        </label>
        <input
          id="api-key"
          className="input mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-describedby="api-key-help"
          aria-invalid={error ? true : undefined}
          required
        />
        <p id="api-key-help" className="hint">
          Run <code>heroku auth:token</code> or copy it from Account settings on the Heroku Dashboard. It is kept in your
          system keychain only.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form-actions">
          {onCancel && (
            <button type="button" className="btn" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy !== null || apiKey.trim() === ''}>
            {busy === 'key' ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      {candidates.length > 0 && (
        <div className="card import">
          <h2 className="section-title">Or import from the Heroku CLI</h2>
          <ul className="import-list">
            {candidates.map((c) => (
              <li key={c.source} className="import-item">
                <div>
                  <div className="import-label">{c.label}</div>
                  <div className="hint">{c.available ? (c.login ?? 'Key found') : (c.reason ?? 'Not found')}</div>
                </div>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={!c.available || busy !== null}
                  aria-label={`Import from ${c.label}`}
                  onClick={() => void importFrom(c.source)}
                >
                  {busy === c.source ? 'Importing…' : 'Import'}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
