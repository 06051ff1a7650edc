/**
 * Crack 3: Heroku's error text is quoted to the user, so the exact key the request used must be
 * masked in it whatever its shape, not only when it looks like a token (HRKU-…, a UUID).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHerokuClient } from '../../../../main/heroku/client.js';
import { json, startStub, type StubServer } from '../../../support/heroku-stub-server.js';

const KEY = 'not-token-shaped-key-123';
let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

const client = () => createHerokuClient({ origin: stub.url, apiKey: KEY, userAgent: 'test', retry: { sleep: async () => undefined } });

describe('the request key in Heroku’s error text', () => {
  it.each([
    [422, 'invalid_params', 'invalid_params'],
    [403, 'forbidden', 'forbidden'],
    [403, 'two_factor', 'forbidden'],
  ])('is masked in a quoted %s %s message', async (status, id, code) => {
    stub.script(json(status, { id, message: `Key ${KEY} cannot do this (key=${KEY}).` }));
    const r = await client().createAuthorization({ description: 'd', scope: ['global'] });
    expect(r.ok ? null : r.error.code).toBe(code);
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain('cannot do this');
    expect(message).not.toContain(KEY);
    expect(message).not.toContain('shaped-key');
    expect(message).toContain('[redacted]');
  });

  it('leaves the rest of the text alone', async () => {
    stub.script(json(422, { id: 'invalid_params', message: 'Description is too long.' }));
    const r = await client().updateAuthorization('abc', { description: 'x' });
    expect(r.ok ? '' : r.error.message).toBe('Heroku rejected the request: Description is too long.');
  });
});
