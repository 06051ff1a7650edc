/**
 * The windowed token list: a long list renders only the rows near the view, and keys and
 * notification focus requests still reach every row. happy-dom has no layout, so the sizes the
 * list reads (the scroll container's height, row heights, where the list sits) are stubbed: a
 * 400 px viewport, rows as high as the estimate, the list's top moving up as the container scrolls.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuthorizationView } from '../../../../../shared/domain/authorization.js';
import { ToastProvider } from '../../../../../renderer/features/common/toast.js';
import { TokenList, type TokenFocus } from '../../../../../renderer/features/tokens/token-list.js';
import { OVERSCAN_ROWS, ROW_ESTIMATE_PX, WINDOW_THRESHOLD } from '../../../../../renderer/features/tokens/use-list-window.js';
import { installFakeBridge, view } from '../../../../support/fake-bridge.js';

const VIEWPORT = 400;
// As the estimate (a row's height + its 2 px gap), so a scroll position names a row exactly.
const ROW = ROW_ESTIMATE_PX - 2;
// Rows that fit the viewport (partly shown ones included), the overscan on both sides, and slack
// for the estimate differing from the stubbed height.
const BOUND = Math.ceil(VIEWPORT / ROW) + 1 + 2 * OVERSCAN_ROWS + 2;

const tokens = (n: number) => Array.from({ length: n }, (_, i) => view({ id: `t${i}`, description: `Token ${i}` }));

function stubLayout(): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    offsetHeight: Object.getOwnPropertyDescriptor(proto, 'offsetHeight'),
    rect: proto.getBoundingClientRect,
  };
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('scroll') ? VIEWPORT : 0;
    },
  });
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.tagName === 'LI' ? ROW : 0;
    },
  });
  proto.getBoundingClientRect = function (this: HTMLElement) {
    const scroller = this.matches('ul') ? this.closest<HTMLElement>('.scroll') : null;
    const top = scroller ? -scroller.scrollTop : 0;
    return { top, bottom: top, left: 0, right: 0, width: 0, height: 0, x: 0, y: top, toJSON: () => ({}) } as DOMRect;
  };
  return () => {
    if (saved.clientHeight) Object.defineProperty(proto, 'clientHeight', saved.clientHeight);
    if (saved.offsetHeight) Object.defineProperty(proto, 'offsetHeight', saved.offsetHeight);
    proto.getBoundingClientRect = saved.rect;
  };
}

function renderList(items: AuthorizationView[], focus: TokenFocus | null = null) {
  const ui = (list: AuthorizationView[], f: TokenFocus | null) => (
    <ToastProvider>
      <div className="scroll" style={{ overflowY: 'auto', height: `${VIEWPORT}px` }}>
        <TokenList items={list} focus={f} onRotated={vi.fn()} />
      </div>
    </ToastProvider>
  );
  const r = render(ui(items, focus));
  return { ...r, update: (list: AuthorizationView[], f: TokenFocus | null) => r.rerender(ui(list, f)) };
}

const rows = () => within(screen.getByRole('list', { name: 'Tokens' })).queryAllByRole('listitem');
const ids = () => rows().map((li) => li.getAttribute('data-id'));
const scroller = () => document.querySelector<HTMLElement>('.scroll')!;
const focusedId = () => document.activeElement?.closest('li')?.getAttribute('data-id');

function scrollTo(top: number): void {
  act(() => {
    scroller().scrollTop = top;
    scroller().dispatchEvent(new Event('scroll'));
  });
}

describe('TokenList windowing', () => {
  let restore: () => void;
  beforeAll(() => {
    restore = stubLayout();
    installFakeBridge();
  });
  afterAll(() => restore());

  it('renders a bounded number of rows out of 1,000, with their place in the whole list', () => {
    renderList(tokens(1000));
    const shown = rows();
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThanOrEqual(BOUND);
    expect(shown[0]!.getAttribute('data-id')).toBe('t0');
    expect(shown[0]!.getAttribute('aria-setsize')).toBe('1000');
    expect(shown.map((li) => li.getAttribute('aria-posinset'))).toEqual(shown.map((_, i) => String(i + 1)));
    // Padding stands in for the rows not rendered, so the scrollbar spans the whole list.
    expect(parseFloat(screen.getByRole('list').style.paddingBottom)).toBeGreaterThan(900 * ROW);
  });

  it('renders other rows as the container scrolls, and the first ones again back at the top', () => {
    renderList(tokens(1000));
    scrollTo(500 * (ROW + 2));
    expect(ids()).toContain('t500');
    expect(ids()).not.toContain('t0');
    expect(rows().length).toBeLessThanOrEqual(BOUND);
    const at500 = rows().find((li) => li.getAttribute('data-id') === 't500')!;
    expect(at500.getAttribute('aria-posinset')).toBe('501');
    scrollTo(0);
    expect(ids()[0]).toBe('t0');
    expect(ids()).not.toContain('t500');
  });

  it('ArrowDown from the last rendered row renders and focuses the next one', async () => {
    const user = userEvent.setup();
    renderList(tokens(1000));
    const last = rows().at(-1)!;
    const lastIndex = Number(last.getAttribute('aria-posinset')) - 1;
    expect(ids()).not.toContain(`t${lastIndex + 1}`);
    act(() => within(last).getAllByRole('button')[0]!.focus());
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(focusedId()).toBe(`t${lastIndex + 1}`));
    expect(rows().length).toBeLessThanOrEqual(BOUND);
  });

  it('End and Home reach the last and the first of all rows', async () => {
    const user = userEvent.setup();
    renderList(tokens(1000));
    act(() => within(rows()[0]!).getAllByRole('button')[0]!.focus());
    await user.keyboard('{End}');
    await waitFor(() => expect(focusedId()).toBe('t999'));
    expect(ids()).not.toContain('t0');
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(focusedId()).toBe('t998'));
    await user.keyboard('{Home}');
    await waitFor(() => expect(focusedId()).toBe('t0'));
  });

  it('a focus request for row 900 renders, opens and focuses it', async () => {
    const items = tokens(1000);
    const { update } = renderList(items);
    expect(ids()).not.toContain('t900');
    update(items, { id: 't900' });
    await waitFor(() => expect(focusedId()).toBe('t900'));
    const li = rows().find((r) => r.getAttribute('data-id') === 't900')!;
    expect(li.getAttribute('aria-posinset')).toBe('901');
    expect(within(li).getAllByRole('button')[0]!.getAttribute('aria-expanded')).toBe('true');
    expect(within(li).getByRole('group', { name: /Actions for Token 900/ })).toBeTruthy();
  });

  // Crack 8: a row the user is in stays mounted while scrolled out of the window.
  it('keeps a focused row mounted and focused when it is scrolled far out of the window', () => {
    renderList(tokens(1000));
    const first = within(rows()[1]!).getAllByRole('button')[0]!;
    act(() => first.focus());
    scrollTo(500 * (ROW + 2));
    expect(ids()).toContain('t500');
    expect(ids()).toContain('t1');
    expect(document.activeElement).toBe(first);
    expect(first.isConnected).toBe(true);
    // Kept in its place in the list (before the window), and the window stays bounded.
    expect(ids()[0]).toBe('t1');
    expect(rows()[0]!.getAttribute('aria-posinset')).toBe('2');
    expect(rows().length).toBeLessThanOrEqual(BOUND + 1);
  });

  it('keeps an open row with a half-typed rename when scrolled away and back', async () => {
    const user = userEvent.setup();
    renderList(tokens(1000));
    const li = rows()[2]!;
    await user.click(within(li).getAllByRole('button')[0]!);
    await user.click(within(li).getByRole('button', { name: /Rename/ }));
    const input = within(li).getByRole('textbox', { name: 'New description' });
    await user.clear(input);
    await user.type(input, 'half typed');
    scrollTo(700 * (ROW + 2));
    expect(ids()).toContain('t700');
    expect(ids()).toContain('t2');
    expect(input.isConnected).toBe(true);
    expect(document.activeElement).toBe(input);
    // Focus moves to another row: the open row stays, and so does the newly focused one.
    act(() => within(rows().find((r) => r.getAttribute('data-id') === 't700')!).getAllByRole('button')[0]!.focus());
    scrollTo(300 * (ROW + 2));
    expect(ids()).toContain('t2');
    expect(ids()).toContain('t700');
    expect(ids()).toEqual([...ids()].sort((x, y) => Number(x!.slice(1)) - Number(y!.slice(1))));
    expect(rows().length).toBeLessThanOrEqual(BOUND + 2);
    scrollTo(0);
    const back = screen.getByRole('textbox', { name: 'New description' });
    expect(back).toBe(input);
    expect((back as HTMLInputElement).value).toBe('half typed');
  });

  it('lets a row go once it is neither focused nor open', () => {
    renderList(tokens(1000));
    const toggle = within(rows()[1]!).getAllByRole('button')[0]!;
    act(() => toggle.focus());
    act(() => toggle.blur());
    scrollTo(500 * (ROW + 2));
    expect(ids()).not.toContain('t1');
  });

  it('follows a filtered list, and a short list renders every row without set positions', () => {
    const items = tokens(1000);
    const { update } = renderList(items);
    scrollTo(300 * (ROW + 2));
    const few = items.filter((a) => a.description.endsWith('7')).slice(0, 5);
    update(few, null);
    expect(ids()).toEqual(few.map((a) => a.id));
    expect(rows()[0]!.hasAttribute('aria-setsize')).toBe(false);
    const exactly = tokens(WINDOW_THRESHOLD);
    update(exactly, null);
    expect(rows()).toHaveLength(WINDOW_THRESHOLD);
  });
});
