/** Shows a new token once, right after create or rotate, with a Copy button. */
import { useEffect, useRef, useState } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import { call } from '../../api.js';
import { Icon } from '../common/icons.js';

export interface OneTimePanelProps {
  created: NewToken;
  action: 'create' | 'rotate';
  onDone(): void;
}

/** The one-time view of a new token. */
export function OneTimePanel({ created, action, onDone }: OneTimePanelProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    setError(null);
    if (created.kept) {
      const r = await call('tokens:copy', { id: created.authorization.id, accountId: created.authorization.accountId });
      if (r.ok) return setCopied(`Copied. The clipboard is cleared in ${r.value.clearsInSeconds} s.`);
      return setError(r.error.message);
    }
    // Not in the keychain, so main cannot copy it: the renderer is the only holder now.
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('Copied. Paste it somewhere safe now; the app could not keep it.');
    } catch {
      setError('Could not copy: select the token and copy it by hand.');
    }
  };

  return (
    <section className="one-time" aria-labelledby="one-time-title">
      <div className="one-time-badge" aria-hidden="true">
        <Icon name="check" size={22} />
      </div>
      <h2 id="one-time-title" ref={heading} tabIndex={-1}>
        {action === 'create' ? 'Token created' : 'Token rotated'}
      </h2>
      <p className="muted one-time-desc">{created.authorization.description}</p>
      <label htmlFor="new-token" className="field-label">
        New token
      </label>
      <div className="token-box">
        <input id="new-token" className="input mono" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          <Icon name="copy" /> Copy
        </button>
      </div>
      <p className="hint" role="status">
        {copied ?? ''}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className={created.kept ? 'note' : 'note note-warn'}>
        {created.kept
          ? 'Heroku shows a token only once. The app keeps it in your system keychain, so Copy works later too.'
          : 'The keychain refused to keep this token: copy it now, it will not be shown again.'}
      </p>
      {action === 'rotate' && <p className="note">The previous token has stopped working. Update the places that used it.</p>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
