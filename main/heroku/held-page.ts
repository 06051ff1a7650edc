/**
 * A held list page's bytes, and the page with new expiries read from a next answer's bytes without
 * a parse (authorization-list.ts header): where a held page's access_token.expires_in values are
 * (laid out once, the first time a page is compared with it), and a next page that differs from
 * the held bytes only in those values, each new value checked as the schema would.
 */
import { isExpiresIn } from './check-authorization.js';
import { listLayoutSteps, readMovedSlots, type ListLayout } from './json-body.js';
import { runStepsInTurns } from '../../shared/steps.js';
import { takeTurn } from './turns.js';
import type { HerokuAuthorization } from './schemas.js';

export interface HeldBytes {
  bytes: Buffer;
  /**
   * Where the expires_in values are; null until a next page is compared with these bytes (a page
   * read in full is parsed whole, without the scan: layOut scans it then, once).
   */
  layout: Pick<ListLayout, 'slots' | 'slotItem'> | null;
}

/** What of a held page these helpers read and set: its checked items, and its bytes while they can be compared. */
export interface HeldPage {
  items: HerokuAuthorization[];
  raw: HeldBytes | null;
}

/**
 * Whether the layout's slots are exactly the checked items' access_token.expires_in: one slot for
 * each item with an access_token object, none for the others. Anything else (a duplicated key,
 * an escaped one) and the page is not compared next time, only parsed and checked.
 */
export function slotsMatch(items: HerokuAuthorization[], layout: ListLayout): boolean {
  if (layout.items !== items.length) return false;
  const count = new Uint8Array(items.length);
  for (const k of layout.slotItem) if (++count[k]! > 1) return false;
  for (let k = 0; k < items.length; k++) {
    const hasToken = typeof items[k]!.access_token === 'object' && items[k]!.access_token !== null;
    if (count[k] !== (hasToken ? 1 : 0)) return false;
  }
  return true;
}

/**
 * Finds where the held page's expires_in values are: its bytes scanned the first time a page is
 * compared with it (in steps, a turn between them: json-body.ts listLayoutSteps), and checked
 * against its items as a scan at parse time would have been. When they cannot be compared, the
 * bytes are let go (the page is then read in full).
 */
export async function layOut(held: HeldPage): Promise<void> {
  const raw = held.raw;
  if (!raw || raw.layout) return;
  const layout = await runStepsInTurns(listLayoutSteps(raw.bytes), takeTurn);
  if (held.raw !== raw || raw.layout) return;
  if (!layout || !slotsMatch(held.items, layout)) held.raw = null;
  else raw.layout = { slots: layout.slots, slotItem: layout.slotItem };
}

/** The held page with the expires_in values of `bytes`, if nothing else differs and every value is valid. */
export function movedItems(held: HeldPage, bytes: Buffer): { items: HerokuAuthorization[]; raw: HeldBytes } | null {
  const layout = held.raw?.layout;
  if (!layout) return null;
  const moved = readMovedSlots(held.raw!.bytes, layout.slots, bytes);
  if (!moved) return null;
  const items = held.items.slice();
  for (let s = 0; s < moved.values.length; s++) {
    const k = layout.slotItem[s]!;
    const value = moved.values[s]!;
    // As the schema checks it; a wrong value goes the full way, to be named there.
    if (!isExpiresIn(value)) return null;
    const item = items[k]!;
    const token = item.access_token!;
    if (token.expires_in !== value) items[k] = { ...item, access_token: { ...token, expires_in: value } };
  }
  return { items, raw: { bytes, layout: { slots: moved.slots, slotItem: layout.slotItem } } };
}
