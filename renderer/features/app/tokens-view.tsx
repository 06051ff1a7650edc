/**
 * The main view: search and Create token, banners, the timeline, the list or its state, the footer.
 * Part of the app shell (features/app): it composes the tokens, status and timeline features.
 */
import type { TokenFocus } from '../tokens/token-list.js';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import type { PopoverStore } from './use-popover-data.js';
import { ago } from '../common/ago.js';
import { useNow } from '../common/clock.js';
import { Icon } from '../common/icons.js';
import { CliSection } from '../cli-login/cli-section.js';
import { Banners } from '../status/banners.js';
import { banners, currentFailure, isBlockingError, type ProblemInput } from '../status/problems.js';
import { EmptyState, ErrorState, LoadingState } from '../status/states.js';
import { Timeline } from '../timeline/timeline.js';
import { filterTokens } from '../tokens/filter.js';
import { TokenList } from '../tokens/token-list.js';
import { useConsumers } from '../consumers/use-consumers.js';
import { ConsumersArea, useRowExtension, useUsedByLabels } from './consumers-extension.js';

export interface TokensViewProps {
  data: PopoverStore;
  focus: TokenFocus | null;
  onCreate(): void;
  onSignIn(): void;
  onRotated(created: NewToken): void;
  /** A new lease's token, shown once. */
  onLeased?(created: NewToken): void;
}

const NO_ITEMS: AuthorizationView[] = [];

// One number format for the footer, not one per render (toLocaleString builds a new one each call).
const count = new Intl.NumberFormat();

function Footer({ data }: { data: PopoverStore }) {
  const now = useNow(5_000);
  const fetchedAt = data.snapshot?.fetchedAt;
  const remaining = data.status?.rateLimitRemaining;
  return (
    <footer className="footer">
      <span>{fetchedAt ? `Updated ${ago(fetchedAt, now)}` : data.loading ? 'Updating…' : 'Not updated yet'}</span>
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

/**
 * The same function for the component's life, calling the latest `fn`: the shell passes new
 * closures on every render, and the memoised list and its rows must not re-render for that.
 */
function useStable<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/** The token list with everything around it. */
export function TokensView({ data, focus, onCreate, onSignIn, onRotated: rotatedNow, onLeased: leasedNow = rotatedNow }: TokensViewProps) {
  // Any status, settings or clock update re-renders the shell: the list keeps its props.
  const onRotated = useStable(rotatedNow);
  const onLeased = useStable(leasedNow);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  // Main sends every snapshot sorted soonest-first (shared/domain/authorization.ts): shown as it comes.
  const items = data.snapshot?.items ?? NO_ITEMS;
  const shown = useMemo(() => filterTokens(items, query), [items, query]);
  const problem = { info: data.info, status: data.status, snapshot: data.snapshot, error: data.error };
  const failure = currentFailure(problem);
  const blocking = isBlockingError(problem) && failure !== null;
  const retry = () => void (data.account ? data.refresh() : data.reload());
  const consumers = useConsumers(data.account?.id ?? null);
  const extension = useRowExtension(consumers);
  const usedBy = useUsedByLabels(consumers);
  // The same element while the items are the same: typing in the search box skips the timeline.
  const timeline = useMemo(() => <Timeline items={items} usedBy={usedBy} />, [items, usedBy]);

  let body;
  if (blocking) body = <ErrorState code={failure.code} message={failure.message} onRetry={retry} onSignIn={onSignIn} />;
  else if (data.snapshot === null) body = <LoadingState />;
  else if (items.length === 0) body = <EmptyState onCreate={onCreate} />;
  else if (shown.length === 0) body = <p className="state muted">No token matches “{query}”.</p>;
  else body = <TokenList items={shown} focus={focus} onRotated={onRotated} extension={extension} />;

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
        {/* The tokens come first: they are what the popover is for; the tools follow them. */}
        {!blocking && items.length > 0 && timeline}
        {body}
        {!blocking && data.account && <CliSection snapshot={data.snapshot} accountId={data.account.id} onLeased={onLeased} />}
        {!blocking && data.account && <ConsumersArea c={consumers} items={items} accountId={data.account.id} focus={focus} />}
      </div>
      <Footer data={data} />
    </div>
  );
}
