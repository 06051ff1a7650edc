/** Consumer records and Replace runs on disk: persisted, owner-only, a corrupt file moved aside. */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonConsumerStore } from '../../../../main/adapters/consumer-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'consumer-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonConsumerStore', () => {
  it('persists across a restart, owner-only, and moves a corrupt file aside', () => {
    const f = path.join(dir, 'data', 'consumers.json');
    const a = new JsonConsumerStore(f);
    a.update((s) => ({ ...s, files: ['/home/u/.env'] }));
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(new JsonConsumerStore(f).read().files).toEqual(['/home/u/.env']);
    writeFileSync(f, '{not json');
    const b = new JsonConsumerStore(f);
    expect(b.read()).toEqual({ files: [], consumers: [], scannedAt: {}, operations: [] });
    expect(readdirSync(path.dirname(f)).some((n) => n.startsWith('consumers.json.corrupt-'))).toBe(true);
  });
});
