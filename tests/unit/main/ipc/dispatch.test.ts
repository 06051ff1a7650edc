/** dispatch(): the contract's argument parsing and the never-throw guarantee, for both transports. */
import { describe, expect, it } from 'vitest';
import { dispatch, isChannel } from '../../../../main/ipc/dispatch.js';
import { CHANNELS, contract, type HandlerTable } from '../../../../shared/contract.js';
import { ok } from '../../../../shared/result.js';
import { RecordingLogger } from '../../../support/fakes.js';

function table(overrides: Partial<HandlerTable> = {}): HandlerTable {
  const calls: unknown[] = [];
  const base = Object.fromEntries(CHANNELS.map((c) => [c, async (args: unknown) => (calls.push(args), ok({ echoed: args }))]));
  return { ...base, ...overrides } as unknown as HandlerTable;
}

describe('dispatch', () => {
  const logger = new RecordingLogger();

  it('knows exactly the contract’s channels', () => {
    expect(isChannel('authorizations:list')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(42)).toBe(false);
    expect(CHANNELS.length).toBe(Object.keys(contract).length);
  });

  it('rejects an unknown channel as bad_request', async () => {
    const r = await dispatch(table(), 'shell:exec', {}, logger);
    expect(r).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown request.' } });
  });

  it.each([
    ['authorizations:rotate', {}],
    ['authorizations:rotate', { id: '' }],
    ['authorizations:rotate', { id: 'a/../../b' }],
    ['authorizations:rotate', { id: 'x', extra: 1 }],
    ['authorizations:create', { description: 'x', scopes: ['root'], expiresIn: null }],
    ['authorizations:create', { description: '   ', scopes: ['global'], expiresIn: null }],
    ['authorizations:create', { description: 'x', scopes: ['global'], expiresIn: 1.5 }],
    ['authorizations:create', { description: 'x', scopes: [], expiresIn: 3600 }],
    ['accounts:sign-in', { apiKey: 42 }],
    ['settings:update', { clipboardClearSeconds: 0 }],
    ['settings:update', { thresholdsSeconds: 'soon' }],
    ['tokens:copy', null],
  ])('rejects bad arguments for %s: %j', async (channel, args) => {
    let called = false;
    const r = await dispatch(table({ [channel]: async () => ((called = true), ok(null)) } as Partial<HandlerTable>), channel, args, logger);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad_request');
    expect(called).toBe(false);
  });

  it('passes parsed (trimmed) arguments to the handler', async () => {
    const r = await dispatch(table(), 'authorizations:create', { description: '  CI  ', scopes: ['read'], expiresIn: 3600 }, logger);
    expect(r).toEqual({ ok: true, value: { echoed: { description: 'CI', scopes: ['read'], expiresIn: 3600 } } });
  });

  it('accepts channels without arguments given undefined or null', async () => {
    expect((await dispatch(table(), 'app:info', undefined, logger)).ok).toBe(true);
    expect((await dispatch(table(), 'app:info', null, logger)).ok).toBe(true);
  });

  it('turns a thrown error into one clear internal error, logged without the secret', async () => {
    const throwing = table({
      'authorizations:list': async () => {
        throw new Error('boom HRKU-00000000-1111-2222-3333-444444444444');
      },
    });
    const r = await dispatch(throwing, 'authorizations:list', {}, logger);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).not.toMatch(/HRKU/);
    }
  });
});
