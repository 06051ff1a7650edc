/** "Remove expired tokens": one confirmation listing every expired token, then one revocation each. */
import { useState } from 'react';
import type { ExpiredToken } from '../../../shared/domain/leases.js';
import { call } from '../../api.js';
import { ConfirmDialog } from '../common/dialog.js';
import { useToast } from '../common/toast.js';

/** The button, shown when the list has expired tokens. */
export function CleanupButton({ expiredCount }: { expiredCount: number }) {
  const toast = useToast();
  const [list, setList] = useState<{ accountId: string; items: ExpiredToken[] } | null>(null);
  const [busy, setBusy] = useState(false);
  if (expiredCount === 0 && !list) return null;
  const open = async () => {
    const r = await call('cleanup:expired');
    if (!r.ok) return toast({ text: r.error.message, tone: 'error' });
    if (r.value.items.length === 0) return toast({ text: 'No expired tokens.', tone: 'info' });
    setList(r.value);
  };
  const confirm = async () => {
    if (!list) return;
    setBusy(true);
    const r = await call('cleanup:remove', { accountId: list.accountId, ids: list.items.map((i) => i.id) });
    setBusy(false);
    setList(null);
    if (!r.ok) return toast({ text: r.error.message, tone: 'error' });
    const kept = r.value.skipped.length ? ` ${r.value.skipped.length} kept: ${r.value.skipped.map((s) => s.reason).join(' ')}` : '';
    toast({ text: `Removed ${r.value.revoked.length} expired tokens.${kept}`, tone: r.value.skipped.length ? 'error' : 'info' });
  };
  return (
    <>
      <p className="cleanup-row">
        <span className="hint">
          {expiredCount} expired token{expiredCount === 1 ? '' : 's'} still listed.
        </span>{' '}
        <button type="button" className="btn btn-small" onClick={() => void open()}>
          Remove expired tokens
        </button>
      </p>
      {list && (
        <ConfirmDialog title={`Remove ${list.items.length} expired tokens?`} confirmLabel="Remove them" danger busy={busy} onCancel={() => setList(null)} onConfirm={() => void confirm()}>
          <p>These tokens have expired; each is revoked at Heroku:</p>
          <ul className="cleanup-list">
            {list.items.map((i) => (
              <li key={i.id}>{i.description || i.id}</li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </>
  );
}
