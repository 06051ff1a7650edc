/** The consumers:* and replace:* channels refuse bad arguments before any handler runs. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/ipc/dispatch.js';
import { CHANNELS, type HandlerTable } from '../../../../shared/contract.js';
import { ok } from '../../../../shared/result.js';
import { RecordingLogger } from '../../../support/fakes.js';

const calls: Array<[string, unknown]> = [];
const table = Object.fromEntries(CHANNELS.map((c) => [c, async (args: unknown) => (calls.push([c, args]), ok(null))])) as unknown as HandlerTable;
const logger = new RecordingLogger();
const run = (channel: string, args: unknown) => dispatch(table, channel, args, logger);

describe('consumer channels', () => {
  it.each([
    ['consumers:add-file', { path: 'relative/.env' }],
    ['consumers:add-file', { path: '/home/u/.env\0x' }],
    ['consumers:add-file', { path: '/home/u/.env', extra: 1 }],
    ['consumers:remove-file', {}],
    ['replace:start', { id: 'a1', expiresIn: 3600 }],
    ['replace:start', { id: '..', expiresIn: 3600, revokeOld: true }],
    ['replace:start', { id: 'a1', expiresIn: 10, revokeOld: true }],
    ['replace:start', { id: 'a1', expiresIn: 3600, revokeOld: 'yes' }],
    ['replace:retry', { operationId: '~' }],
    ['replace:plan', { id: 'a1', token: 'HRKU-x' }],
  ])('%s refuses %j', async (channel, args) => {
    const before = calls.length;
    const r = await run(channel, args);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('bad_request');
    expect(calls.length).toBe(before);
  });

  it.each([
    ['consumers:scan', undefined],
    ['consumers:add-file', { path: '/home/u/project/.env' }],
    ['consumers:add-file', { path: 'C:\\Users\\u\\.env' }],
    ['replace:start', { id: 'a1', expiresIn: null, revokeOld: false }],
    ['replace:rollback', { operationId: '0b1c2d3e-0000-4000-8000-000000000000' }],
  ])('%s takes %j', async (channel, args) => {
    expect((await run(channel, args)).ok).toBe(true);
  });
});
