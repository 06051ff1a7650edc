/** The CLI login's status and the leases, loaded through the contract and kept current. */
import { useCallback, useEffect, useState } from 'react';
import type { CliLoginView } from '../../../shared/domain/cli-login.js';
import type { LeaseView } from '../../../shared/domain/leases.js';
import type { AppError } from '../../../shared/result.js';
import { call, on } from '../../api.js';

export interface CliLoginData {
  status: CliLoginView | null;
  error: AppError | null;
  leases: LeaseView[];
  reload(): Promise<void>;
  setStatus(s: CliLoginView): void;
}

/** Loads the CLI login status again whenever `version` changes (a new list, a new account). */
export function useCliLogin(version: unknown): CliLoginData {
  const [status, setStatus] = useState<CliLoginView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [leases, setLeases] = useState<LeaseView[]>([]);
  const reload = useCallback(async () => {
    const r = await call('cli-login:status');
    if (r.ok) {
      setStatus(r.value);
      setError(null);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, version]);
  useEffect(() => {
    void call('leases:list').then((r) => r.ok && setLeases(r.value));
    return on('leases:changed', setLeases);
  }, []);
  return { status, error, leases, reload, setStatus };
}
