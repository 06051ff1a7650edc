/** The emulator's ETags and 304s, over raw HTTP, as a Rack app behind Rack::ETag answers them. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { raw } from './support/emu-http.js';
import { useEmulator } from './support/emu-fixture.js';

const fx = useEmulator();
const LIST = '/oauth/authorizations';

describe('ETag and If-None-Match', () => {
  it('tags each list page with a digest of its exact body, and answers a match with 304 and no body', async () => {
    fx.emu.addAuthorizations(5);
    const range = { Range: 'id ..; max=4' };
    const first = await raw(fx.emu, LIST, { headers: range });
    expect(first.status).toBe(206);
    const tag = first.headers.get('etag')!;
    expect(tag).toBe(`"${createHash('md5').update(first.text).digest('hex')}"`);
    const again = await raw(fx.emu, LIST, { headers: { ...range, 'If-None-Match': tag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    // Rack::ConditionalGet keeps the other headers: a client following pages still sees Next-Range.
    expect(again.headers.get('next-range')).toBe(first.headers.get('next-range'));
    expect(again.headers.get('content-type')).toBeNull();
    expect(fx.emu.requests.at(-1)).toMatchObject({ method: 'GET', path: LIST, status: 304 });
    // The next page has a tag of its own; an old page's tag does not match it.
    const next = await raw(fx.emu, LIST, { headers: { Range: first.headers.get('next-range')!, 'If-None-Match': tag } });
    expect(next.status).toBe(206);
    expect(next.headers.get('etag')).not.toBe(tag);
  });

  it('a live expires_in changes the body every second, so the old tag no longer matches', async () => {
    const first = await raw(fx.emu, LIST);
    fx.emu.clock.advance(1000);
    const later = await raw(fx.emu, LIST, { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(later.status).toBe(200);
    expect(later.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(later.text).not.toBe(first.text);
  });

  it('compares weakly, accepts a list of tags and *, and tags single resources too', async () => {
    const first = await raw(fx.emu, '/account');
    const tag = first.headers.get('etag')!;
    for (const header of [`W/${tag}`, `"nope", ${tag}`, '*']) {
      expect((await raw(fx.emu, '/account', { headers: { 'If-None-Match': header } })).status).toBe(304);
    }
    expect((await raw(fx.emu, '/account', { headers: { 'If-None-Match': '"nope"' } })).status).toBe(200);
  });

  it('weak style sends W/ tags (Rack 2+); off sends none and never 304s', async () => {
    await fx.start({ etags: 'weak' });
    const weak = await raw(fx.emu, LIST);
    expect(weak.headers.get('etag')).toBe(`W/"${createHash('sha256').update(weak.text).digest('hex').slice(0, 32)}"`);
    expect((await raw(fx.emu, LIST, { headers: { 'If-None-Match': weak.headers.get('etag')! } })).status).toBe(304);
    await fx.start({ etags: 'off' });
    const off = await raw(fx.emu, LIST, { headers: { 'If-None-Match': '*' } });
    expect(off.status).toBe(200);
    expect(off.headers.get('etag')).toBeNull();
  });

  it('GET /account keeps its body while the clock runs (its times are fixed when the account is added), so its tag matches a second later', async () => {
    const first = await raw(fx.emu, '/account');
    fx.emu.clock.advance(1000);
    const later = await raw(fx.emu, '/account', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(later.status).toBe(304);
  });

  it('errors and changes carry no tag, and a 304 still spends one request of the rate limit', async () => {
    expect((await raw(fx.emu, '/oauth/authorizations/nope')).headers.get('etag')).toBeNull();
    expect((await raw(fx.emu, LIST, { method: 'POST', body: { scope: ['read'] } })).headers.get('etag')).toBeNull();
    const first = await raw(fx.emu, '/account');
    const before = Number(first.headers.get('ratelimit-remaining'));
    const hit = await raw(fx.emu, '/account', { headers: { 'If-None-Match': first.headers.get('etag')! } });
    expect(hit.status).toBe(304);
    expect(Number(hit.headers.get('ratelimit-remaining'))).toBe(before - 1);
  });
});
