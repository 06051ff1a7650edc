/**
 * The app shell's glue between the token list and the consumers feature (features do not import
 * each other): the "Used by" line and the Replace action on each row, the revoke note, the
 * timeline's marks, the scan panel, stopped runs, and the Replace dialog.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { consumerNames, usedByLabel } from '../../../shared/domain/consumers.js';
import { ReplaceButton } from '../consumers/replace-button.js';
import { ReplaceDialog } from '../consumers/replace-dialog.js';
import { ReplaceProgress } from '../consumers/replace-progress.js';
import { ScanPanel } from '../consumers/scan-panel.js';
import { UsedBy } from '../consumers/used-by.js';
import type { Consumers } from '../consumers/use-consumers.js';
import type { RowExtension } from '../tokens/row-extension.js';
import type { TokenFocus } from '../tokens/token-list.js';

/** Row additions; a new object only when the consumers change. */
export function useRowExtension(c: Consumers): RowExtension {
  const { byAuthorization, openPlan } = c;
  return useMemo<RowExtension>(
    () => ({
      details: (a: AuthorizationView) => {
        const list = byAuthorization.get(a.id);
        return list ? <UsedBy consumers={list} /> : null;
      },
      // Replace writes a plain token; an OAuth client's token is rotated instead.
      actions: (a: AuthorizationView) => (a.client ? null : <ReplaceButton onClick={() => openPlan(a.id)} />),
      revokeNote: (a: AuthorizationView) => {
        const list = byAuthorization.get(a.id);
        return list ? `It is used by ${consumerNames(list)}, which will stop working.` : null;
      },
    }),
    [byAuthorization, openPlan],
  );
}

/** Token id -> "Used by …", for the timeline. */
export function useUsedByLabels(c: Consumers): Map<string, string> {
  return useMemo(() => new Map([...c.byAuthorization].filter(([id]) => id !== '').map(([id, list]) => [id, usedByLabel(list) ?? ''])), [c.byAuthorization]);
}

/** Scan panel, stopped runs and the open Replace dialog, around the list. */
export function ConsumersArea({ c, items, accountId, focus }: { c: Consumers; items: AuthorizationView[]; accountId: string | null; focus: TokenFocus | null }) {
  const { openPlan } = c;
  useEffect(() => {
    // A notification's "Replace now" opens the plan.
    if (focus?.intent === 'replace') openPlan(focus.id);
  }, [focus, openPlan]);
  // Kept once found: the old token leaves the list when Replace revokes it, the dialog stays.
  const plannedRef = useRef<AuthorizationView | undefined>(undefined);
  const found = c.planFor ? items.find((a) => a.id === c.planFor) : undefined;
  if (!c.planFor) plannedRef.current = undefined;
  else if (found) plannedRef.current = found;
  const planned = plannedRef.current;
  const latest = c.planFor ? [...c.operations].reverse().find((o) => o.oldAuthorizationId === c.planFor) ?? null : null;
  const stopped = c.operations.filter((o) => o.status === 'failed' && o.oldAuthorizationId !== c.planFor);
  return (
    <>
      <ScanPanel c={c} />
      {stopped.map((op) => (
        <section key={op.id} className="replace-stopped" aria-label={`Stopped replace of ${op.description}`}>
          <p className="broken-title">Replace of “{op.description}” stopped</p>
          <ReplaceProgress op={op} onChanged={c.setOperation} />
        </section>
      ))}
      {planned && accountId && (
        <ReplaceDialog
          authorizationId={planned.id}
          accountId={accountId}
          description={planned.description}
          operation={latest}
          onOperation={c.setOperation}
          onClose={() => openPlan(null)}
        />
      )}
    </>
  );
}
