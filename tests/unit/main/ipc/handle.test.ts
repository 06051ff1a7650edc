/** main/ipc/handle.ts with a fake ipcMain: a handler per channel, and only our own top frame gets through. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type HandlerTable } from '../../../../shared/contract.js';
import { ok } from '../../../../shared/result.js';
import { isAppUrl } from '../../../../main/adapters/electron/app-url.js';
import { FakeWebContents, fake } from '../../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../../support/fake-electron/index.js')).electronModule);

const { registerIpc, isTrustedSender, sendEvent } = await import('../../../../main/ipc/handle.js');

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const calls: string[] = [];
const handlers = Object.fromEntries(
  CHANNELS.map((c) => [c, async () => (calls.push(c), ok(`handled ${c}`))]),
) as unknown as HandlerTable;

const ours = new FakeWebContents();
const other = new FakeWebContents();
// The composition root's policy: our window, our app:// origin (the transport takes it as given).
const policy = { trustedWebContents: () => [ours.id], isAppUrl };
const topFrame = (url: string) => ({ url, parent: null });
const invoke = (channel: string, event: unknown, args?: unknown) => fake.world.ipcHandlers.get(channel)!(event, args) as Promise<unknown>;

afterEach(() => fake.restore());
beforeEach(() => {
  fake.use('linux-x11');
  calls.length = 0;
});

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, and removes them', () => {
    const remove = registerIpc(handlers, policy, logger);
    expect([...fake.world.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    remove();
    expect(fake.world.ipcHandlers.size).toBe(0);
  });

  it('runs the handler for our own top frame on app://renderer', async () => {
    registerIpc(handlers, policy, logger);
    const r = await invoke('app:info', { sender: ours, senderFrame: topFrame('app://renderer/index.html') });
    expect(r).toEqual({ ok: true, value: 'handled app:info' });
  });

  it('still parses arguments after the sender check', async () => {
    registerIpc(handlers, policy, logger);
    const r = await invoke('tokens:copy', { sender: ours, senderFrame: topFrame('app://renderer/') }, { id: '../x', extra: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toEqual([]);
  });

  const hostile: Array<[string, unknown]> = [
    ['a sub-frame of our window', { sender: ours, senderFrame: { url: 'app://renderer/index.html', parent: {} } }],
    ['another window', { sender: other, senderFrame: topFrame('app://renderer/index.html') }],
    ['a destroyed frame', { sender: ours, senderFrame: null }],
    ['an https page', { sender: ours, senderFrame: topFrame('https://dashboard.heroku.com/') }],
    ['a file: page', { sender: ours, senderFrame: topFrame('file:///work/main/dist/renderer/index.html') }],
    ['a look-alike host', { sender: ours, senderFrame: topFrame('app://renderer.evil.com/index.html') }],
    ['userinfo before the host', { sender: ours, senderFrame: topFrame('app://evil@renderer/index.html') }],
    ['a port', { sender: ours, senderFrame: topFrame('app://renderer:8080/index.html') }],
    ['about:blank', { sender: ours, senderFrame: topFrame('about:blank') }],
    ['an empty URL', { sender: ours, senderFrame: topFrame('') }],
  ];

  it.each(hostile)('rejects %s', async (_name, event) => {
    registerIpc(handlers, policy, logger);
    for (const channel of ['authorizations:list', 'tokens:reveal'] as const) {
      const r = await invoke(channel, event, channel === 'tokens:reveal' ? { id: 'a1' } : undefined);
      expect(r).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(calls).toEqual([]);
    expect(isTrustedSender(event as Parameters<typeof isTrustedSender>[0], policy)).toBe(false);
  });
});

describe('sender policy', () => {
  it('takes the URL check from its caller: the same frame passes or fails by the policy alone', () => {
    const event = { sender: ours, senderFrame: topFrame('app://renderer/index.html') };
    const seen: string[] = [];
    const refuseAll = { trustedWebContents: () => [ours.id], isAppUrl: (url: string) => (seen.push(url), false) };
    expect(isTrustedSender(event as never, policy)).toBe(true);
    expect(isTrustedSender(event as never, refuseAll)).toBe(false);
    expect(seen).toEqual(['app://renderer/index.html']);
  });
});

describe('sendEvent', () => {
  it('sends to a live window and skips a destroyed one', () => {
    const live = new FakeWebContents();
    const dead = new FakeWebContents();
    dead.destroyNow();
    sendEvent(live as never, 'popover:visibility', { visible: true });
    sendEvent(dead as never, 'popover:visibility', { visible: true });
    expect(live.sent).toEqual([['popover:visibility', { visible: true }]]);
    expect(dead.sent).toEqual([]);
  });
});
