import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../../main/adapters/file-logger.js';
import { isSecretKey, redact, redactDeep } from '../../../../shared/domain/redact.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'HRKU-AAbbCCddEEffGGhh_IIjjKKllMMnn-ooPPqqRRss0123';
const UUID_TOKEN = '01234567-89ab-4cde-8f01-23456789abcd';

describe('redact', () => {
  it('masks HRKU tokens, bare UUIDs and bearer values, keeping only the last 4 characters', () => {
    const out = redact(`a ${TOKEN} b ${UUID_TOKEN} c Authorization: Bearer s3cr3t-v@lue d`);
    expect(out).not.toContain(TOKEN.slice(5, -4));
    expect(out).not.toContain(UUID_TOKEN.slice(0, -4));
    expect(out).not.toContain('s3cr3t');
    expect(out).toContain('HRKU-[redacted…0123]');
    expect(out).toContain('[redacted…abcd]');
    expect(out).toContain('Bearer [redacted]');
  });

  it('masks lowercase hrku- tokens too, and leaves ordinary words alone', () => {
    expect(redact('hrku-abcdefgh1234')).toBe('HRKU-[redacted…1234]');
    expect(redact('the HRKU- prefix and a bearer of news')).toBe('the HRKU- prefix and a bearer of news');
  });

  it('masks values under secret-sounding keys whatever their shape, and errors become plain objects', () => {
    const meta = redactDeep({
      token: 'short',
      apiKey: 'x',
      HEROKU_API_KEY: 'y',
      newToken: 'z',
      password: 'p',
      nested: [{ authorization: 'Basic abc' }],
      accountId: 'acct-1',
      tokenLast4: '0123',
      error: new Error(`failed with ${TOKEN}`),
    }) as Record<string, unknown>;
    expect(meta).toMatchObject({
      token: '[redacted]',
      apiKey: '[redacted]',
      HEROKU_API_KEY: '[redacted]',
      newToken: '[redacted]',
      password: '[redacted]',
      nested: [{ authorization: '[redacted]' }],
      accountId: 'acct-1',
      tokenLast4: '0123',
    });
    expect(JSON.stringify(meta.error)).toContain('HRKU-[redacted…0123]');
    expect(JSON.stringify(meta)).not.toContain(TOKEN);
    expect(isSecretKey('heldTokens')).toBe(false);
  });

  it('survives circular metadata', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactDeep(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});

describe('createFileLogger', () => {
  it('writes redacted lines at or above the level, creating the folder', () => {
    const mirrored: string[] = [];
    const file = path.join(dir, 'logs', 'main.log');
    const logger = createFileLogger({ file, minLevel: 'info', mirror: (l) => mirrored.push(l), now: () => 0 });
    logger.debug('hidden');
    logger.info(`signed in with ${TOKEN}`, { apiKey: TOKEN, accountId: 'acct' });
    logger.error('boom', { error: new Error(`401 for Bearer ${UUID_TOKEN}`) });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).toContain('[1970-01-01T00:00:00.000Z] info: signed in with HRKU-[redacted…0123]');
    expect(text).toContain('"accountId":"acct"');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain(TOKEN.slice(5, -4));
    expect(text).not.toContain(UUID_TOKEN.slice(0, -4));
    expect(mirrored.join('\n') + '\n').toBe(text);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates the file once it passes maxBytes, keeping one old generation', () => {
    const file = path.join(dir, 'main.log');
    const logger = createFileLogger({ file, maxBytes: 200 });
    for (let i = 0; i < 20; i++) logger.info(`line ${i} ${'x'.repeat(20)}`);
    expect(fs.existsSync(path.join(dir, 'main.old.log'))).toBe(true);
    expect(fs.statSync(file).size).toBeLessThan(300);
    expect(fs.readFileSync(file, 'utf8')).toContain('line 19');
  });

  it('never throws when the file cannot be written', () => {
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const logger = createFileLogger({ file: path.join(blocker, 'main.log') });
    expect(() => logger.error('still fine')).not.toThrow();
    expect(() => logger.error('and again')).not.toThrow();
  });
});
