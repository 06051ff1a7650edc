/** main/preload.ts exposes one method per contract channel and one subscribe per event, nothing generic. */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../../shared/contract.js';

const exposed: Record<string, unknown> = {};
const invoked: Array<[string, unknown]> = [];
const listeners = new Map<string, Set<(...a: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => (invoked.push([channel, args]), { ok: true, value: null }),
    on: (name: string, fn: (...a: unknown[]) => void) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(fn),
    removeListener: (name: string, fn: (...a: unknown[]) => void) => void listeners.get(name)?.delete(fn),
  },
}));

await import('../../../main/preload.js');

type Bridge = { api: Record<string, (args?: unknown) => Promise<unknown>>; events: Record<string, (l: (p: unknown) => void) => () => void> };

describe('preload', () => {
  it('exposes exactly window.tokenTray = { api, events }', () => {
    expect(Object.keys(exposed)).toEqual(['tokenTray']);
    expect(Object.keys(exposed.tokenTray as object).sort()).toEqual(['api', 'events']);
  });

  it('has one method per channel and one subscribe per event, nothing else', () => {
    const bridge = exposed.tokenTray as Bridge;
    expect(Object.keys(bridge.api).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(bridge.events).sort()).toEqual([...EVENTS].sort());
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'require']) {
      expect(bridge.api[generic]).toBeUndefined();
      expect(bridge.events[generic]).toBeUndefined();
    }
  });

  it('each method invokes its own channel', async () => {
    const bridge = exposed.tokenTray as Bridge;
    await bridge.api['tokens:copy']!({ id: 'a1' });
    expect(invoked).toEqual([['tokens:copy', { id: 'a1' }]]);
  });

  it('listeners get the payload but never the IpcRendererEvent, and can unsubscribe', () => {
    const bridge = exposed.tokenTray as Bridge;
    const got: unknown[][] = [];
    const off = bridge.events['popover:visibility']!((...args: unknown[]) => got.push(args));
    for (const fn of listeners.get('popover:visibility')!) fn({ sender: { secret: true } }, { visible: true });
    expect(got).toEqual([[{ visible: true }]]);
    off();
    expect(listeners.get('popover:visibility')!.size).toBe(0);
  });
});
