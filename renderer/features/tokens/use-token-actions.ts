/** The calls behind a row's buttons, with their feedback as toasts. */
import { useCallback, useMemo } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { call } from '../../api.js';
import { useToast } from '../common/toast.js';

export interface TokenActions {
  copy(a: AuthorizationView): Promise<void>;
  reveal(a: AuthorizationView): Promise<{ token: string; hideAfterSeconds: number } | null>;
  rename(a: AuthorizationView, description: string): Promise<boolean>;
  rotate(a: AuthorizationView): Promise<NewToken | null>;
  revoke(a: AuthorizationView): Promise<boolean>;
}

/** Binds the actions to the toast. */
export function useTokenActions(): TokenActions {
  const toast = useToast();
  const fail = useCallback((message: string) => toast({ text: message, tone: 'error' }), [toast]);
  return useMemo(() => ({
    copy: async (a) => {
      const r = await call('tokens:copy', { id: a.id, accountId: a.accountId });
      if (r.ok) toast({ text: `Copied “${a.description}”. The clipboard is cleared in ${r.value.clearsInSeconds} s.`, tone: 'info' });
      else fail(r.error.message);
    },
    reveal: async (a) => {
      const r = await call('tokens:reveal', { id: a.id, accountId: a.accountId });
      if (r.ok) return r.value;
      fail(r.error.message);
      return null;
    },
    rename: async (a, description) => {
      const r = await call('authorizations:rename', { id: a.id, accountId: a.accountId, description });
      if (r.ok) toast({ text: `Renamed to “${r.value.description}”.`, tone: 'info' });
      else fail(r.error.message);
      return r.ok;
    },
    rotate: async (a) => {
      const r = await call('authorizations:rotate', { id: a.id, accountId: a.accountId });
      if (r.ok) return r.value;
      fail(r.error.message);
      return null;
    },
    revoke: async (a) => {
      const r = await call('authorizations:revoke', { id: a.id, accountId: a.accountId });
      if (r.ok) toast({ text: `Revoked “${a.description}”.`, tone: 'info' });
      else fail(r.error.message);
      return r.ok;
    },
  }), [toast, fail]);
}
