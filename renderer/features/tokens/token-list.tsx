/**
 * The token list: roving focus over the rows (arrow keys, Home, End), Enter opens a row's
 * actions, Escape closes them. Long lists are windowed.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { TokenRow } from './token-row.js';
import type { RowExtension } from './row-extension.js';
import { useListWindow, type RowIds } from './use-list-window.js';
import { useTokenActions } from './use-token-actions.js';

export interface TokenListProps {
  items: AuthorizationView[];
  /** A token to open and focus (a notification was clicked); a new object each time. */
  focus: TokenFocus | null;
  onRotated(created: NewToken): void;
  /** What the app shell adds to each row (consumers, Replace); keep it stable (memoised). */
  extension?: RowExtension;
}

/** Which row a notification asked to open, and whether on its rotate confirmation. */
export interface TokenFocus {
  id: string;
  intent?: 'rotate' | 'replace';
}

function rowElement(root: HTMLElement | null, id: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`) ?? null;
}

function focusToggle(li: HTMLElement): void {
  li.querySelector<HTMLButtonElement>('[data-row-toggle]')?.focus();
  li.scrollIntoView?.({ block: 'nearest' });
}

/** The row a key moves to from row `current` (-1: none focused) of `count`; -1 when not a move key. */
function nextIndex(key: string, current: number, count: number): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return Math.min(count - 1, current + 1);
  if (key === 'ArrowUp') return Math.max(0, current - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return -1;
}

/**
 * Rows in order with their actions. A long list renders only the rows in and near the view
 * (use-list-window.ts); keys and focus requests still reach every row, rendering it first.
 */
export const TokenList = memo(function TokenList({ items, focus, onRotated, extension }: TokenListProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [openIntent, setOpenIntent] = useState<'rotate' | null>(null);
  const ref = useRef<HTMLUListElement>(null);
  const actions = useTokenActions();
  const onToggle = useCallback((id: string) => {
    setOpenIntent(null);
    setOpenId((cur) => (cur === id ? null : id));
  }, []);
  // The rows' ids read one at a time: no array of every id per list.
  const ids = useMemo<RowIds>(() => ({ length: items.length, id: (i) => items[i]!.id, indexOf: (id) => items.findIndex((a) => a.id === id) }), [items]);
  // The row holding focus and the open row stay rendered when scrolled out of the window:
  // unmounting them would drop the focus and whatever was typed in them.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const keep = useMemo(() => [focusedId, openId].filter((id): id is string => id !== null), [focusedId, openId]);
  const win = useListWindow(ref, ids, keep);
  const { reveal } = win;

  // A row to focus as soon as it is rendered (it was outside the window when asked for).
  const pendingFocus = useRef<string | null>(null);
  const focusRow = useCallback(
    (index: number) => {
      if (index < 0 || index >= ids.length) return;
      const id = ids.id(index);
      const li = rowElement(ref.current, id);
      if (li) return focusToggle(li);
      pendingFocus.current = id;
      reveal(index);
    },
    [ids, reveal],
  );
  useLayoutEffect(() => {
    const li = pendingFocus.current === null ? null : rowElement(ref.current, pendingFocus.current);
    if (!li) return;
    pendingFocus.current = null;
    focusToggle(li);
  });

  const applied = useRef<{ id: string } | null>(null);
  useEffect(() => {
    // Applied once per request, as soon as the row is there (the list may still be loading).
    if (!focus || applied.current === focus) return;
    const index = ids.indexOf(focus.id);
    if (index < 0) return;
    applied.current = focus;
    setOpenIntent(focus.intent === 'rotate' ? 'rotate' : null);
    setOpenId(focus.id);
    focusRow(index);
  }, [focus, ids, focusRow]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement;
    if (target.matches('input, select, textarea') || target.closest('dialog')) return;
    if (e.key === 'Escape' && openId !== null) {
      e.stopPropagation();
      const li = target.closest('li');
      setOpenId(null);
      li?.querySelector<HTMLButtonElement>('[data-row-toggle]')?.focus();
      return;
    }
    const current = ids.indexOf(target.closest('li')?.dataset.id ?? '');
    if (e.key === 'ArrowUp' && current === 0) {
      // Up from the first row goes back to the search box, as in a command palette.
      const search = document.getElementById('token-search');
      if (search) return (search.focus(), e.preventDefault());
    }
    const next = nextIndex(e.key, current, ids.length);
    if (next < 0) return;
    e.preventDefault();
    focusRow(next);
  };

  return (
    <ul
      ref={ref}
      role="list"
      aria-label="Tokens"
      className={win.windowed ? 'token-list token-list-windowed' : 'token-list'}
      style={win.style}
      onKeyDown={onKeyDown}
      onFocus={(e) => setFocusedId((e.target as HTMLElement).closest('li')?.dataset.id ?? null)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedId(null);
      }}
    >
      {win.rows.map(({ index, spaceBefore }) => {
        const a = items[index]!;
        return (
          <TokenRow
            key={a.id}
            a={a}
            open={openId === a.id}
            intent={openId === a.id ? openIntent : null}
            setSize={win.windowed ? items.length : undefined}
            posInSet={win.windowed ? index + 1 : undefined}
            spaceBefore={spaceBefore}
            actions={actions}
            onToggle={onToggle}
            onRotated={onRotated}
            extension={extension}
          />
        );
      })}
    </ul>
  );
});
