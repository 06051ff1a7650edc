/**
 * The consumers feature's data: what the last scan found for the active account, the cost of the
 * next scan, a scan's progress, and the Replace runs. Kept current by main's push events. Never
 * holds a consumer's value: main sends names, ids and states only.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConsumersSnapshot, ReplaceOperation, ScanEstimate, ScanProgress } from '../../../shared/contract.js';
import type { Consumer } from '../../../shared/domain/consumers.js';
import type { AppError } from '../../../shared/result.js';
import { call, on } from '../../api.js';

export interface Consumers {
  snapshot: ConsumersSnapshot | null;
  estimate: ScanEstimate | null;
  progress: ScanProgress | null;
  scanning: boolean;
  error: AppError | null;
  operations: ReplaceOperation[];
  /** Consumers per authorization id (broken ones under ''). */
  byAuthorization: Map<string, Consumer[]>;
  /** The token whose Replace plan is open, if any. */
  planFor: string | null;
  scan(): Promise<void>;
  addFile(path: string): Promise<AppError | null>;
  removeFile(path: string): Promise<void>;
  openPlan(id: string | null): void;
  setOperation(op: ReplaceOperation): void;
}

/** Loads and follows the consumers of one account. */
export function useConsumers(accountId: string | null): Consumers {
  const [snapshot, setSnapshot] = useState<ConsumersSnapshot | null>(null);
  const [estimate, setEstimate] = useState<ScanEstimate | null>(null);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [operations, setOperations] = useState<ReplaceOperation[]>([]);
  const [planFor, openPlan] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!accountId) return;
    const [list, cost, ops] = await Promise.all([call('consumers:list', { accountId }), call('consumers:estimate', { accountId }), call('replace:list', { accountId })]);
    if (list.ok) setSnapshot(list.value);
    if (cost.ok) setEstimate(cost.value);
    if (ops.ok) setOperations(ops.value);
  }, [accountId]);

  useEffect(() => {
    setSnapshot(null);
    setOperations([]);
    void load();
  }, [load]);

  const setOperation = useCallback((op: ReplaceOperation) => {
    setOperations((all) => [...all.filter((o) => o.id !== op.id), op]);
  }, []);

  useEffect(() => {
    const offs = [
      on('consumers:changed', (s) => {
        if (s.accountId === accountId) setSnapshot(s);
      }),
      on('consumers:scan-progress', (p) => {
        if (p.accountId === accountId) setProgress(p);
      }),
      on('replace:changed', (op) => {
        if (op.accountId === accountId) setOperation(op);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [accountId, setOperation]);

  const scan = useCallback(async () => {
    setScanning(true);
    setError(null);
    setProgress(null);
    const r = await call('consumers:scan', accountId ? { accountId } : undefined);
    setScanning(false);
    setProgress(null);
    if (r.ok) setSnapshot(r.value);
    else setError(r.error);
    const cost = await call('consumers:estimate', accountId ? { accountId } : undefined);
    if (cost.ok) setEstimate(cost.value);
  }, [accountId]);

  const addFile = useCallback(
    async (path: string) => {
      const r = await call('consumers:add-file', { path });
      if (!r.ok) return r.error;
      await load();
      return null;
    },
    [load],
  );
  const removeFile = useCallback(
    async (path: string) => {
      await call('consumers:remove-file', { path });
      await load();
    },
    [load],
  );

  const byAuthorization = useMemo(() => {
    const m = new Map<string, Consumer[]>();
    for (const c of snapshot?.consumers ?? []) {
      const k = c.authorizationId ?? '';
      m.set(k, [...(m.get(k) ?? []), c]);
    }
    for (const list of m.values()) list.sort((a, b) => (a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind === 'app' ? -1 : 1));
    return m;
  }, [snapshot]);

  return { snapshot, estimate, progress, scanning, error, operations, byAuthorization, planFor, scan, addFile, removeFile, openPlan, setOperation };
}
