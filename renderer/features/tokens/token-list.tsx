/**
 * The token list: roving focus over the rows (arrow keys, Home, End), Enter opens a row's
 * actions, Escape closes them.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NewToken } from '../../../shared/contract.js';
import type { AuthorizationView } from '../../../shared/domain/authorization.js';
import { TokenRow } from './token-row.js';
import { useTokenActions } from './use-token-actions.js';

export interface TokenListProps {
  items: AuthorizationView[];
  /** A token to open and focus (a notification was clicked); a new object each time. */
  focus: TokenFocus | null;
  onRotated(created: NewToken): void;
}

function toggles(root: HTMLElement | null): HTMLButtonElement[] {
  return root ? [...root.querySelectorAll<HTMLButtonElement>('[data-row-toggle]')] : [];
}

/** Which row a notification asked to open, and whether on its rotate confirmation. */
export interface TokenFocus {
  id: string;
  intent?: 'rotate';
}

/** Moves focus between rows; returns true when the key was handled. */
function moveFocus(root: HTMLElement | null, key: string): boolean {
  const all = toggles(root);
  if (all.length === 0) return false;
  const current = all.findIndex((b) => b.closest('li')?.contains(document.activeElement));
  if (key === 'ArrowUp' && current === 0) {
    // Up from the first row goes back to the search box, as in a command palette.
    const search = document.getElementById('token-search');
    if (search) return (search.focus(), true);
  }
  const next =
    key === 'ArrowDown' ? Math.min(all.length - 1, current + 1)
    : key === 'ArrowUp' ? Math.max(0, current - 1)
    : key === 'Home' ? 0
    : key === 'End' ? all.length - 1
    : -1;
  if (next < 0) return false;
  all[next]?.focus();
  all[next]?.scrollIntoView?.({ block: 'nearest' });
  return true;
}

/** Rows in order with their actions. */
export function TokenList({ items, focus, onRotated }: TokenListProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [openIntent, setOpenIntent] = useState<'rotate' | null>(null);
  const ref = useRef<HTMLUListElement>(null);
  const actions = useTokenActions();
  const onToggle = useCallback((id: string) => {
    setOpenIntent(null);
    setOpenId((cur) => (cur === id ? null : id));
  }, []);

  const applied = useRef<{ id: string } | null>(null);
  useEffect(() => {
    // Applied once per request, as soon as the row is there (the list may still be loading).
    if (!focus || applied.current === focus) return;
    const li = ref.current?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(focus.id)}"]`);
    if (!li) return;
    applied.current = focus;
    setOpenIntent(focus.intent ?? null);
    setOpenId(focus.id);
    li.querySelector<HTMLButtonElement>('[data-row-toggle]')?.focus();
    li.scrollIntoView?.({ block: 'nearest' });
  }, [focus, items]);

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
    if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') {
      if (moveFocus(ref.current, e.key)) e.preventDefault();
    }
  };

  return (
    <ul ref={ref} role="list" aria-label="Tokens" className="token-list" onKeyDown={onKeyDown}>
      {items.map((a) => (
        <TokenRow
          key={a.id}
          a={a}
          open={openId === a.id}
          intent={openId === a.id ? openIntent : null}
          actions={actions}
          onToggle={onToggle}
          onRotated={onRotated}
        />
      ))}
    </ul>
  );
}
