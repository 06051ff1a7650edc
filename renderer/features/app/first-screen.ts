/**
 * The first screen's calls, asked for before React and the popover's code are even loaded:
 * renderer/main.tsx starts them from the page's tiny entry, so main fetches the token list while
 * the page is still parsing the large bundle, instead of after React mounted and asked for the
 * account first. Every call is one the popover made anyway; each answer is kept as it settles, so
 * the first render can already show the list.
 *
 * The popover subscribes to main's events only when it mounts. An event main pushes after one of
 * these answers and before that would be lost, so they are recorded meanwhile and handed over.
 */
import type { AccountView, AppInfo, AppStatus, EventName, EventPayloads, Settings } from '../../../shared/contract.js';
import type { AuthorizationsSnapshot } from '../../../shared/domain/authorization.js';
import type { Result } from '../../../shared/result.js';
import { call, on } from '../../api.js';

/** One call in flight, and its answer once it came. */
export interface Early<T> {
  promise: Promise<Result<T>>;
  settled: Result<T> | null;
}

/** The events the popover's data follows. */
export type FirstScreenEvent = 'authorizations:changed' | 'accounts:changed' | 'settings:changed' | 'status:changed';

/**
 * What main pushed before the popover subscribed, by event (the latest of each): `after` its
 * answer, it is newer than the answer and is applied. Pushed `before` the answer came, it cannot
 * be ordered against it (an answer and an event travel separately), so the popover asks again.
 */
export interface MissedEvents {
  after: { [E in FirstScreenEvent]?: EventPayloads[E] };
  before: Set<FirstScreenEvent>;
}

/** The calls the popover's first screen needs, all started at once. */
export interface FirstScreenCalls {
  current: Early<AccountView | null>;
  accounts: Early<AccountView[]>;
  /** The active account's list (no account id: main resolves the active one). */
  list: Early<AuthorizationsSnapshot>;
  info: Early<AppInfo>;
  settings: Early<Settings>;
  status: Early<AppStatus>;
  /** Stops recording and returns what main pushed meanwhile (call once subscribed, after the first load). */
  takeMissed(): MissedEvents;
}

/** Starts the first screen's calls, all in parallel (the list first). */
export function startFirstScreen(): FirstScreenCalls {
  let seq = 0;
  const answeredAt = new Map<string, number>();
  const early = <T>(key: string, promise: Promise<Result<T>>): Early<T> => {
    const e: Early<T> = { promise, settled: null };
    void promise.then((r) => {
      e.settled = r;
      answeredAt.set(key, ++seq);
    });
    return e;
  };
  const list = early('list', call('authorizations:list'));
  const calls = {
    list,
    current: early('current', call('account:current')),
    accounts: early('accounts', call('accounts:list')),
    info: early('info', call('app:info')),
    settings: early('settings', call('settings:get')),
    status: early('status', call('app:status')),
  };
  // Which answer each event supersedes: one pushed before that answer came is older than it.
  const answerOf: Record<FirstScreenEvent, string> = {
    'authorizations:changed': 'list',
    'accounts:changed': 'accounts',
    'settings:changed': 'settings',
    'status:changed': 'status',
  };
  const recorded = new Map<FirstScreenEvent, { payload: unknown; at: number }>();
  const record = <E extends FirstScreenEvent & EventName>(name: E) => on(name, (payload) => recorded.set(name, { payload, at: ++seq }));
  const offs = (Object.keys(answerOf) as FirstScreenEvent[]).map(record);
  return {
    ...calls,
    takeMissed: () => {
      offs.splice(0).forEach((off) => off());
      const after: Record<string, unknown> = {};
      const before = new Set<FirstScreenEvent>();
      for (const [name, { payload, at }] of recorded) {
        if (at > (answeredAt.get(answerOf[name]) ?? Number.POSITIVE_INFINITY)) after[name] = payload;
        else before.add(name);
      }
      recorded.clear();
      return { after: after as MissedEvents['after'], before };
    },
  };
}

/**
 * How long the first render waits, once the popover's code is ready, for the account and its
 * list: long enough that a list answered while the bundle loaded (its answer still queued behind
 * the bundle's evaluation) is the first thing drawn, short enough that a slow network shows
 * "Starting…" without a noticeable blank popover.
 */
export const FIRST_RENDER_WAIT_MS = 100;

/** Resolves when the account, the account list and the token list are answered, or after `maxMs`. */
export function whenFirstScreenReady(first: FirstScreenCalls, maxMs: number): Promise<void> {
  const answered = Promise.all([first.current.promise, first.accounts.promise, first.list.promise]);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    void answered.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
