/**
 * "Find where tokens are used": what a scan costs (apps + 1 requests) said before it runs, its
 * progress (and a pause for Heroku's rate limit), broken consumers (a token-shaped value that no
 * live token of this account matches), apps or files it could not read, and the local files.
 */
import { useState, type FormEvent } from 'react';
import { consumerName, fileName } from '../../../shared/domain/consumers.js';
import type { Consumers } from './use-consumers.js';

const count = new Intl.NumberFormat();

function cost(c: Consumers): string {
  const e = c.estimate;
  const left = e?.rateLimitRemaining ?? null;
  const budget = left === null ? '' : ` You have ${count.format(left)} API calls left this hour.`;
  if (!e || e.requests === null) return `Reads every app’s config vars: one request per app, plus one for the list.${budget}`;
  return `Reads ${count.format(e.apps ?? 0)} apps’ config vars: about ${count.format(e.requests)} requests.${budget}`;
}

function Files({ c }: { c: Consumers }) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const failure = await c.addFile(path.trim());
    setError(failure?.message ?? null);
    if (!failure) setPath('');
  };
  return (
    <details className="consumer-files">
      <summary>Local files ({c.snapshot?.files.length ?? 0})</summary>
      <ul className="used-by-list" aria-label="Local files">
        {(c.snapshot?.files ?? []).map((f) => (
          <li key={f} className="used-by-item" title={f}>
            <span className="mono">{fileName(f)}</span>{' '}
            <button type="button" className="btn btn-small" aria-label={`Stop watching ${fileName(f)}`} onClick={() => void c.removeFile(f)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="rename" onSubmit={(e) => void add(e)}>
        <label htmlFor="consumer-file" className="visually-hidden">
          File path
        </label>
        <input id="consumer-file" className="input input-small" placeholder="/home/you/project/.env" value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" className="btn btn-small" disabled={path.trim() === ''}>
          Add file
        </button>
      </form>
      {error && <p className="field-error">{error}</p>}
    </details>
  );
}

/** The scan button, its cost, progress and findings. */
export function ScanPanel({ c }: { c: Consumers }) {
  const broken = c.byAuthorization.get('') ?? [];
  const p = c.progress;
  return (
    <section className="scan-panel" aria-label="Where tokens are used">
      <div className="scan-row">
        <button type="button" className="btn btn-small" onClick={() => void c.scan()} disabled={c.scanning}>
          Find where tokens are used
        </button>
        <span className="hint">
          {c.scanning
            ? p
              ? p.paused
                ? `Paused: Heroku’s rate limit is low (${p.done} of ${p.total} apps read)`
                : `Reading apps… ${p.done} of ${p.total}`
              : 'Listing apps…'
            : cost(c)}
        </span>
      </div>
      {c.error && <p className="field-error" role="alert">{c.error.message}</p>}
      {broken.length > 0 && (
        <div className="broken" role="group" aria-label="Broken consumers">
          <p className="broken-title">Broken consumers</p>
          <ul className="used-by-list">
            {broken.map((b) => (
              <li key={b.key} className="used-by-item">
                {consumerName(b)}’s <span className="mono">{b.varName}</span> holds a token that is revoked, expired or from another account
              </li>
            ))}
          </ul>
        </div>
      )}
      {(c.snapshot?.problems ?? []).map((pr) => (
        <p key={pr.location} className="hint">
          Could not read {pr.location}: {pr.message}
        </p>
      ))}
      <Files c={c} />
    </section>
  );
}
