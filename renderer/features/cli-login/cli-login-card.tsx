/**
 * The Heroku CLI's login, always visible: which token it is, its countdown and "CLI session"
 * badge, "Heroku CLI login expired" when Heroku refuses it, the SSO note, and the explicit
 * actions: Use for Heroku CLI (a new long-lived token or a held one), Renew, Restore.
 */
import { useMemo, useState } from 'react';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { CLI_LOGIN_EXPIRED, ssoNote, type CliLoginView } from '../../../shared/domain/cli-login.js';
import { call } from '../../api.js';
import { ConfirmDialog } from '../common/dialog.js';
import { useToast } from '../common/toast.js';
import { MiniCountdown } from './mini-countdown.js';

const EXPIRY_CHOICES: Array<{ label: string; seconds: number | null }> = [
  { label: '1 year', seconds: 365 * 24 * 3600 },
  { label: '30 days', seconds: 30 * 24 * 3600 },
  { label: 'Never expires', seconds: null },
];

export interface CliLoginCardProps {
  status: CliLoginView | null;
  items: AuthorizationView[];
  onStatus(s: CliLoginView): void;
}

function StatusLine({ s, item }: { s: CliLoginView; item: AuthorizationView | undefined }) {
  if (s.state === 'none') return <p className="muted">The Heroku CLI is not logged in on this computer.</p>;
  if (s.state === 'expired') return <p className="cli-expired" role="alert">{CLI_LOGIN_EXPIRED}. Renew it to make heroku commands work again.</p>;
  return (
    <p className="cli-row" data-authorization-id={s.authorizationId ?? ''}>
      <span className="badge badge-cli">CLI session</span>{' '}
      <span className="cli-token">{item?.description ?? s.login ?? 'Heroku CLI login'}</span>{' '}
      {s.expiresAt !== null || s.state === 'ok' ? <MiniCountdown expiresAt={s.expiresAt} label="Heroku CLI login expires" /> : null}
      {s.state === 'unknown' && s.message && <span className="muted"> (not checked: {s.message})</span>}
    </p>
  );
}

/** The card at the top of the list. */
export function CliLoginCard({ status, items, onStatus }: CliLoginCardProps) {
  const toast = useToast();
  const [form, setForm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [expiry, setExpiry] = useState(0);
  const [heldId, setHeldId] = useState('');
  const [revoke, setRevoke] = useState<{ accountId: string; id: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const cliId = status?.authorizationId ?? null;
  // Once per list, not on every render; the held tokens only while the form that lists them is open.
  const item = useMemo(() => (cliId === null ? undefined : items.find((a) => a.id === cliId)), [items, cliId]);
  const held = useMemo(() => (form ? items.filter((a) => a.held && a.id !== cliId) : []), [form, items, cliId]);
  if (!status) return null;

  const act = async <T,>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, done: (v: T) => void) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (r.ok) done(r.value);
    else toast({ text: r.error.message, tone: 'error' });
  };
  const use = () =>
    act(
      () => call('cli-login:use', heldId ? { authorizationId: heldId } : { expiresIn: EXPIRY_CHOICES[expiry]!.seconds }),
      (s) => (onStatus(s), setForm(false), toast({ text: `The Heroku CLI now uses the new token (${s.storeLabel}).`, tone: 'info' })),
    );
  const renew = () =>
    act(
      () => call('cli-login:renew'),
      (r) => (onStatus(r.status), setRevoke(r.previous), setNote(r.note), toast({ text: 'The Heroku CLI has a new token.', tone: 'info' })),
    );
  const restore = () => act(() => call('cli-login:restore'), (s) => (onStatus(s), toast({ text: 'The previous Heroku CLI login is back.', tone: 'info' })));

  return (
    <section className="cli-card" aria-label="Heroku CLI login">
      <h2 className="section-title">Heroku CLI</h2>
      <StatusLine s={status} item={item} />
      <p className="hint">Where the CLI keeps its login: {status.storeLabel}.</p>
      {status.envOverride && (
        <p className="note">HEROKU_API_KEY is set in the environment: it overrides ~/.netrc and the keychain for every heroku command.</p>
      )}
      {status.sso && <p className="note sso-note">{ssoNote(status.sso.identityProvider)}</p>}
      <div className="row-buttons">
        <button type="button" className="btn btn-small" onClick={() => setForm(!form)} aria-expanded={form} disabled={busy}>
          Use for Heroku CLI
        </button>
        {status.state !== 'none' && (
          <button type="button" className="btn btn-small" onClick={() => void renew()} disabled={busy}>
            Renew
          </button>
        )}
        {status.canRestore && (
          <button type="button" className="btn btn-small" onClick={() => void restore()} disabled={busy}>
            Restore previous CLI login
          </button>
        )}
      </div>
      {form && (
        <form className="cli-form" onSubmit={(e) => (e.preventDefault(), void use())}>
          <h3 className="section-subtitle">Give the CLI a long-lived token</h3>
          <label>
            Token{' '}
            <select className="input input-small" value={heldId} onChange={(e) => setHeldId(e.target.value)}>
              <option value="">A new global token</option>
              {held.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.description}
                </option>
              ))}
            </select>
          </label>
          {!heldId && (
            <label>
              Expires{' '}
              <select className="input input-small" value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
                {EXPIRY_CHOICES.map((c, i) => (
                  <option key={c.label} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
            {busy ? 'Working…' : 'Give it to the CLI'}
          </button>
        </form>
      )}
      {note && !revoke && (
        <p className="note renew-note" role="status">
          {note}
        </p>
      )}
      {revoke && (
        <ConfirmDialog
          title="Revoke the old CLI login?"
          confirmLabel="Revoke old token"
          danger
          busy={busy}
          onCancel={() => setRevoke(null)}
          onConfirm={() => void act(() => call('authorizations:revoke', revoke), () => (setRevoke(null), toast({ text: 'The old CLI login was revoked.', tone: 'info' })))}
        >
          <p>The Heroku CLI now uses its new token. Revoke the old one ({items.find((a) => a.id === revoke.id)?.description ?? revoke.id})?</p>
          {note && <p className="note">{note}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
