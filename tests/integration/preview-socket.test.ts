/**
 * Crack 2: the preview's event WebSocket must survive whatever a client sends: a `null` message
 * (valid JSON, not an object) and a frame over the size limit used to throw inside the socket's
 * listeners and take the whole preview process down. After both, the preview still answers calls
 * and still delivers events to a fresh client.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '../heroku-emulator/server.js';
import { startPreview, type Preview } from '../preview/preview-server.js';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';
import { MemorySettingsStore } from '../../main/adapters/memory-settings-store.js';
import { envKeyImporter } from '../../main/adapters/env-key-importer.js';
import { systemClock } from '../../main/adapters/system-clock.js';
import { RecordingLogger } from '../support/fakes.js';

let emulator: Emulator;
let preview: Preview;
const crashes: unknown[] = [];
const onCrash = (e: unknown) => crashes.push(e);

let rendererDir: string | undefined;
beforeAll(async () => {
  // Listen ourselves so a throw in a socket listener is seen here, not only by vitest.
  process.on('uncaughtException', onCrash);
  emulator = await startEmulator({});
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'htt-preview-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="x.js"></script>');
  preview = await startPreview({
    rendererDir,
    adapters: {
      secrets: new MemorySecretStore(),
      store: new MemorySettingsStore(),
      clock: systemClock,
      logger: new RecordingLogger(),
      apiOrigin: emulator.url,
      version: 'test',
      platform: 'linux',
      importer: envKeyImporter({}),
    },
  });
});
afterAll(async () => {
  await preview.close();
  await emulator.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  process.off('uncaughtException', onCrash);
});

beforeEach(() => {
  crashes.length = 0;
});

const eventsUrl = () => `${preview.url.replace('http:', 'ws:')}events`;

async function open(): Promise<WebSocket> {
  const ws = new WebSocket(eventsUrl(), { headers: { Host: `127.0.0.1:${preview.port}` } });
  ws.on('error', () => undefined); // the client may see the server close an oversized frame
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

async function status(): Promise<unknown> {
  const res = await fetch(`${preview.url}rpc/app:info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":null}' });
  return ((await res.json()) as { ok: boolean }).ok;
}

describe('preview event socket', () => {
  it('ignores null, non-object and junk messages', async () => {
    const ws = await open();
    for (const m of ['null', '42', '"text"', '[]', '{"kind":"ack","id":null}', 'not json']) ws.send(m);
    // A round trip proves the server read all of them before we look.
    ws.send('{"kind":"ack","id":99999}');
    await new Promise((r) => setTimeout(r, 200));
    expect(crashes).toEqual([]);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    expect(await status()).toBe(true);
    ws.close();
  });

  it('closes a client that sends a frame over the limit, and keeps serving others', async () => {
    const ws = await open();
    const gone = closed(ws);
    ws.send('x'.repeat(200 * 1024));
    expect(await gone).toBe(1009); // "message too big"
    expect(crashes).toEqual([]);
    expect(await status()).toBe(true);

    const fresh = await open();
    const event = new Promise<string>((resolve) => fresh.once('message', (d) => resolve(String(d))));
    await preview.core.accounts.signIn(emulator.apiKey);
    expect(JSON.parse(await event)).toMatchObject({ kind: 'event' });
    expect(crashes).toEqual([]);
    fresh.close();
  });
});
