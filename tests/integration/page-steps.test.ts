/**
 * A list page's items are checked at most 250 per turn of the event loop, and never in the turn
 * that parses a page: the first pages of a run, checked by code V8 has not compiled yet (~4.7 ms
 * for 1,000 items), hold the main thread for a step at a time. (That the parse itself takes a turn
 * of its own, rather than running where the page's last bytes arrived, is not told apart here:
 * the event-loop bench measures it.) Real client, emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { ID_PATTERN } from '../../shared/contract.js';
import { createTestCore } from '../support/test-core.js';

let emu: Emulator | null = null;
const restore: Array<() => void> = [];
afterEach(async () => {
  for (const r of restore.splice(0)) r();
  await emu?.close();
  emu = null;
});

describe('a list page, step by step', () => {
  it('parses each page in a turn of its own and checks at most 250 items per turn', async () => {
    emu = await startEmulator({});
    emu.addAuthorizations(2400);
    const core = createTestCore(emu.url);
    const signed = await core.handlers['accounts:sign-in']({ apiKey: emu.apiKey });
    if (!signed.ok) throw new Error(signed.error.message);
    // Counted per turn: items checked (each one's id is tested against ID_PATTERN once) and pages parsed.
    let checked = 0;
    let parsed = 0;
    const test = ID_PATTERN.test.bind(ID_PATTERN);
    ID_PATTERN.test = (s: string) => (checked++, test(s));
    restore.push(() => void delete (ID_PATTERN as { test?: unknown }).test);
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (text.length > 64 * 1024) parsed++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    restore.push(() => void (JSON.parse = parse));
    const turns: Array<{ checked: number; parsed: number }> = [];
    let on = true;
    const tick = () => {
      if (!on) return;
      turns.push({ checked, parsed });
      checked = 0;
      parsed = 0;
      setImmediate(tick);
    };
    setImmediate(tick);
    const r = await core.authorizations.refresh();
    on = false;
    expect(r.ok && r.value.items.length).toBe(emu.liveAuthorizations().length);
    // The three big pages were parsed, each in a turn where nothing was checked.
    expect(turns.reduce((a, t) => a + t.parsed, 0) + parsed).toBeGreaterThanOrEqual(3);
    for (const t of turns) if (t.parsed > 0) expect(t).toEqual({ checked: 0, parsed: 1 });
    // Every item was checked (2,400 new ones and the sign-in key), never more than a step per turn.
    expect(turns.reduce((a, t) => a + t.checked, 0) + checked).toBeGreaterThanOrEqual(2400);
    expect(Math.max(...turns.map((t) => t.checked))).toBeLessThanOrEqual(250 + 10);
  });
});
