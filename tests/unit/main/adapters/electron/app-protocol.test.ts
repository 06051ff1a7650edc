/** The app:// protocol: serves dist/renderer with the CSP header, refuses everything outside it. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fake } from '../../../../support/fake-electron/index.js';

vi.mock('electron', async () => (await import('../../../../support/fake-electron/index.js')).electronModule);

const { createAppProtocolHandler, registerAppScheme, resolveAppPath, serveAppProtocol, CONTENT_SECURITY_POLICY } = await import(
  '../../../../../main/adapters/electron/app-protocol.js'
);
const electron = (await import('../../../../support/fake-electron/index.js')).electronModule;

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'htt-protocol-'));
  root = path.join(base, 'dist', 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  // Files next to the renderer that must never be served.
  writeFileSync(path.join(base, 'dist', 'secret.json'), '{"secret":true}');
  writeFileSync(path.join(base, 'passwd'), 'root:x:0:0');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => fake.restore());
beforeEach(() => fake.use('linux-x11'));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure (before ready)', () => {
    registerAppScheme(electron.protocol);
    expect(fake.world.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(JSON.stringify(fake.world.privileged)).not.toMatch(/bypassCSP/);
  });
  it('cannot be registered once the app is ready (Electron refuses)', async () => {
    await fake.makeReady();
    expect(() => registerAppScheme(electron.protocol)).toThrow(/before app is ready/);
  });
  it('installs the handler for the app scheme', async () => {
    await fake.makeReady();
    serveAppProtocol(electron.protocol as never, root);
    expect([...fake.world.protocolHandlers.keys()]).toEqual(['app']);
  });
});

describe('the handler', () => {
  it('serves index.html for / with the CSP and nosniff headers', async () => {
    const r = await get('app://renderer/');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>ok</title>');
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const r = await get('app://renderer/assets/index-abc.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for a missing file and 405 for a POST', async () => {
    expect((await get('app://renderer/nope.js')).status).toBe(404);
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
  });

  const traversal = [
    'app://renderer/../../etc/passwd',
    'app://renderer/../secret.json',
    'app://renderer/%2e%2e/secret.json',
    'app://renderer/%2E%2E/%2E%2E/passwd',
    'app://renderer/..%2fsecret.json',
    'app://renderer/%2e%2e%2fsecret.json',
    'app://renderer/assets/..%2f..%2fsecret.json',
    'app://renderer/..%5csecret.json',
    'app://renderer/assets%5c..%5c..%5csecret.json',
    'app://renderer/index.html%00.js',
    'app://other/index.html',
    'app://evil@renderer/index.html',
    'app://renderer:99/index.html',
    'app://renderer/%E0%A4%A',
  ];
  it.each(traversal)('refuses %s', async (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
    // Through a Request (as protocol.handle gets it) the URL may already be normalised, or not
    // constructible at all; either way nothing outside the root is served.
    let r: Response | null = null;
    try {
      r = await get(url);
    } catch {
      r = null;
    }
    if (r) {
      expect([403, 404]).toContain(r.status);
      expect(await r.text()).not.toMatch(/secret|root:x/);
    }
  });

  it('answers 403 when the raw URL still carries the traversal', async () => {
    const handler = createAppProtocolHandler(root);
    for (const url of ['app://renderer/../secret.json', 'app://renderer/%2e%2e/%2e%2e/passwd']) {
      const r = await handler({ method: 'GET', url } as Request);
      expect(r.status).toBe(403);
    }
  });

  it('keeps every resolved path inside the root', () => {
    expect(resolveAppPath('app://renderer/assets/index-abc.js', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath('app://renderer', root)).toBe(path.join(root, 'index.html'));
  });
});

describe('the CSP', () => {
  it('has no unsafe-* source, no wildcard and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|ws:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });
});
