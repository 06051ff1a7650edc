/** The CLI login card, the leases and the clean-up button, above the token list. */
import { useMemo } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import { useClockValue } from '../common/clock.js';
import { expiredCount, expiryOrderOf } from '../common/expiry-order.js';
import { CleanupButton } from './cleanup-button.js';
import { CliLoginCard } from './cli-login-card.js';
import { LeasePanel } from './lease-panel.js';
import { useCliLogin } from './use-cli-login.js';

export interface CliSectionProps {
  snapshot: AuthorizationsSnapshot | null;
  accountId: string | null;
  /** A new lease's token, shown once (the one-time panel). */
  onLeased(created: NewToken): void;
}

/** Everything of issue 13 the popover shows. */
export function CliSection({ snapshot, accountId, onLeased }: CliSectionProps) {
  const cli = useCliLogin(snapshot?.fetchedAt ?? accountId);
  const items = useMemo(() => snapshot?.items ?? [], [snapshot]);
  // A binary search each second over the list in expiry order, not a pass over every token.
  const order = useMemo(() => expiryOrderOf(items), [items]);
  const expired = useClockValue((now) => expiredCount(order, now));
  return (
    <div className="cli-section">
      <CliLoginCard status={cli.status} items={items} onStatus={cli.setStatus} />
      <LeasePanel leases={cli.leases} items={items} accountId={accountId} onCreated={onLeased} />
      <CleanupButton expiredCount={expired} />
    </div>
  );
}
