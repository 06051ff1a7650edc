/** What the screenshot tests share: a keychain-looking store and the writer of docs/*.png. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { MemorySecretStore } from '../../main/adapters/memory-secret-store.js';

const DOCS = path.resolve(import.meta.dirname, '../../docs');

/** The preview's memory store, reporting itself as a keychain so the shots show the everyday look. */
export class KeychainLikeStore extends MemorySecretStore {
  override async status() {
    return { state: 'ok' as const, message: null };
  }
}

/** Checks the picture is a real PNG of a drawn page; writes it to docs/ only with UPDATE_SCREENSHOTS=1. */
export function saveScreenshot(name: string, png: Buffer): void {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  writeFileSync(path.join(DOCS, name), png);
}
