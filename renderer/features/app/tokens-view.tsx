/**
 * The main view: search and Create token, banners, the timeline, the list or its state, the footer.
 * Part of the app shell (features/app): it composes the tokens, status and timeline features.
 */
import type { TokenFocus } from '../tokens/token-list.js';
import { useMemo, useRef, useState } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { Tray } from './use-tray.js';
import { ago } from '../common/ago.js';
import { useNow } from '../common/clock.js';
import { Icon } from '../common/icons.js';
import { CliSection } from '../cli-login/cli-section.js';
import { Banners } from '../status/banners.js';
import { banners, currentFailure, isBlockingError, type ProblemInput } from '../status/problems.js';
import { EmptyState, ErrorState, LoadingState } from '../status/states.js';
import { Timeline } from '../timeline/timeline.js';
import { filterTokens, soonestFirst } from '../tokens/filter.js';
import { TokenList } from '../tokens/token-list.js';

export interface TokensViewProps {
  tray: Tray;
  focus: TokenFocus | null;
  onCreate(): void;
  onSignIn(): void;
  onRotated(created: NewToken): void;
  /** A new lease's token, shown once. */
  onLeased?(created: NewToken): void;
}

// One number format for the footer, not one per render (toLocaleString builds a new one each call).
const count = new Intl.NumberFormat();

function Footer({ tray }: { tray: Tray }) {
  const now = useNow(5_000);
  const fetchedAt = tray.snapshot?.fetchedAt;
  const remaining = tray.status?.rateLimitRemaining;
  return (
    <footer className="footer">
      <span>{fetchedAt ? `Updated ${ago(fetchedAt, now)}` : tray.loading ? 'Updating…' : 'Not updated yet'}</span>
      {remaining !== null && remaining !== undefined && <span title="RateLimit-Remaining">{count.format(remaining)} API calls left</span>}
    </footer>
  );
}

/** The banners, on a 5-second clock of their own ("updated 3 min ago"): the view around them,
 * the timeline and the list do not re-render with it. */
function TimedBanners({ problem, onRetry, onSignIn }: { problem: ProblemInput; onRetry(): void; onSignIn(): void }) {
  const now = useNow(5_000);
  return <Banners items={banners(problem, (iso) => ago(iso, now))} onRetry={onRetry} onSignIn={onSignIn} />;
}

/** The token list with everything around it. */
export function TokensView({ tray, focus, onCreate, onSignIn, onRotated, onLeased = onRotated }: TokensViewProps) {
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  const items = useMemo(() => soonestFirst(tray.snapshot?.items ?? []), [tray.snapshot]);
  const shown = useMemo(() => filterTokens(items, query), [items, query]);
  const problem = { info: tray.info, status: tray.status, snapshot: tray.snapshot, error: tray.error };
  const failure = currentFailure(problem);
  const blocking = isBlockingError(problem) && failure !== null;
  const retry = () => void (tray.account ? tray.refresh() : tray.reload());
  // The same element while the items are the same: typing in the search box skips the timeline.
  const timeline = useMemo(() => <Timeline items={items} />, [items]);

  let body;
  if (blocking) body = <ErrorState code={failure.code} message={failure.message} onRetry={retry} onSignIn={onSignIn} />;
  else if (tray.snapshot === null) body = <LoadingState />;
  else if (items.length === 0) body = <EmptyState onCreate={onCreate} />;
  else if (shown.length === 0) body = <p className="state muted">No token matches “{query}”.</p>;
  else body = <TokenList items={shown} focus={focus} onRotated={onRotated} />;

  return (
    <div className="tokens-view">
      <div className="toolbar">
        <div className="search">
          <Icon name="search" />
          <label htmlFor="token-search" className="visually-hidden">
            Search tokens
          </label>
          <input
            id="token-search"
            ref={search}
            type="search"
            className="search-input"
            placeholder="Search tokens"
            title="Search by description, scope, client or id"
            value={query}
            autoFocus
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.stopPropagation();
                setQuery('');
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLButtonElement>('[data-row-toggle]')?.focus();
              }
            }}
          />
        </div>
        <button type="button" className="btn btn-primary" onClick={onCreate}>
          <Icon name="plus" /> Create token
        </button>
      </div>
      <TimedBanners problem={problem} onRetry={retry} onSignIn={onSignIn} />
      <div className="scroll">
        {!blocking && tray.account && <CliSection snapshot={tray.snapshot} accountId={tray.account.id} onLeased={onLeased} />}
        {!blocking && items.length > 0 && timeline}
        {body}
      </div>
      <Footer tray={tray} />
    </div>
  );
}
