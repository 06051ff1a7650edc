/**
 * What the core's thread sends the main thread for lists (serve-core.ts relayBytes): JSON bytes
 * made once per snapshot, the event as the list's answer, and `{ held }` for a list the main thread
 * was last sent for that account.
 */
import { describe, expect, it } from 'vitest';
import { relayBytes } from '../../../../main/thread/serve-core.js';
import { decodeRelayed, okRelayedValue } from '../../../../shared/relay.js';
import { err, ok } from '../../../../shared/result.js';

const snapshot = (accountId: string, n: number) => ({ accountId, items: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, description: `token ${i}` })), fetchedAt: '2026-12-04T10:00:00.000Z', lastError: null });

describe('relayBytes', () => {
  it('answers a list with its bytes until the main thread holds that very snapshot, then with { held }', () => {
    const relay = relayBytes();
    const a1 = snapshot('a', 3);
    const first = relay.result('authorizations:list', ok(a1), false);
    expect(decodeRelayed(first)).toEqual({ ok: true, value: a1 });
    const sent = relay.event('authorizations:changed', a1);
    expect(sent.accountId).toBe('a');
    // The event comes as the list's answer; its value part is the snapshot.
    expect(decodeRelayed(sent.bytes)).toEqual({ ok: true, value: a1 });
    expect(decodeRelayed(okRelayedValue(sent.bytes))).toEqual(a1);
    expect(relay.result('authorizations:list', ok(a1), false)).toEqual({ held: 'a' });
    expect(relay.result('authorizations:refresh', ok(a1), false)).toEqual({ held: 'a' });
    // Asked for the bytes (the main thread did not have them after all): the bytes.
    expect(decodeRelayed(relay.result('authorizations:list', ok(a1), true))).toEqual({ ok: true, value: a1 });
    // A newer snapshot of the account that was not sent yet: its bytes, not the held one.
    const a2 = snapshot('a', 4);
    expect(decodeRelayed(relay.result('authorizations:list', ok(a2), false))).toEqual({ ok: true, value: a2 });
  });

  it('forgets what the main thread holds for an account that is gone', () => {
    const relay = relayBytes();
    const a = snapshot('a', 1);
    const b = snapshot('b', 1);
    relay.event('authorizations:changed', a);
    relay.event('authorizations:changed', b);
    relay.event('accounts:changed', [{ id: 'b', email: 'b@example.com', name: null, source: 'sign-in', active: true }]);
    expect(relay.result('authorizations:list', ok(a), false)).toBeInstanceOf(Uint8Array);
    expect(relay.result('authorizations:list', ok(b), false)).toEqual({ held: 'b' });
  });

  it('makes a snapshot’s JSON once: every send is a new buffer of the same bytes', () => {
    const relay = relayBytes();
    const a = snapshot('a', 2);
    const one = relay.event('authorizations:changed', a).bytes;
    // Snapshots are never changed in place (authorization-service.ts); were one changed, the kept bytes would show the first state.
    (a.items[0] as { description: string }).description = 'changed';
    const two = relay.result('authorizations:list', ok(a), true);
    expect(two).not.toBe(one);
    expect((two as Uint8Array).buffer).not.toBe(one.buffer);
    expect(decodeRelayed<{ value: { items: Array<{ description: string }> } }>(two).value.items[0]!.description).toBe('token 0');
  });

  it('sends anything else as its JSON bytes', () => {
    const relay = relayBytes();
    const failed = err('offline', 'No connection.');
    expect(decodeRelayed(relay.result('authorizations:list', failed, false))).toEqual(failed);
    expect(decodeRelayed(relay.result('app:info', ok({ version: '1' }), false))).toEqual({ ok: true, value: { version: '1' } });
    const status = relay.event('status:changed', { online: true });
    expect(status.accountId).toBeUndefined();
    expect(decodeRelayed(status.bytes)).toEqual({ online: true });
  });
});
