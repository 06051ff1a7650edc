import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyAsText, fishQuote, posixQuote, powershellString } from '../../../../shared/domain/copy-as.js';

const TOKEN = 'HRKU-ef54bc85-b47a-46cf-bdb8-abb4eb280c5e';

describe('copy as', () => {
  it('gives the exact line for each shell and the seed curl line', () => {
    expect(copyAsText('posix', TOKEN)).toBe(`export HEROKU_API_KEY=${TOKEN}`);
    expect(copyAsText('fish', TOKEN)).toBe(`set -x HEROKU_API_KEY ${TOKEN}`);
    expect(copyAsText('powershell', TOKEN)).toBe(`$env:HEROKU_API_KEY = "${TOKEN}"`);
    expect(copyAsText('curl', TOKEN)).toBe(
      `curl https://api.heroku.com/account -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${TOKEN}"`,
    );
  });

  it('asks the configured API origin in the curl line (the emulator, say)', () => {
    expect(copyAsText('curl', TOKEN, 'http://127.0.0.1:5999')).toBe(
      `curl http://127.0.0.1:5999/account -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${TOKEN}"`,
    );
  });

  it('legacy UUID tokens go in bare too', () => {
    expect(copyAsText('posix', 'd5540a95-474a-4feb-b695-464ce054c449')).toBe('export HEROKU_API_KEY=d5540a95-474a-4feb-b695-464ce054c449');
  });

  it('quotes anything odd so that it stays one literal word', () => {
    expect(posixQuote(`a'b $(x)`)).toBe(`'a'\\''b $(x)'`);
    expect(fishQuote(`a'b\\c`)).toBe(`'a\\'b\\\\c'`);
    expect(powershellString('a"$b`')).toBe('"a`"`$b``"');
    expect(copyAsText('curl', 'x"$y')).toContain('Bearer x\\"\\$y"');
  });

  it('a POSIX shell reads every export line back as exactly the value (1,000 random values, one sh)', () => {
    const values = fc.sample(fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).filter((s) => !s.includes('\0')), 1000);
    const script = values.map((v) => `${copyAsText('posix', v)}\nprintf '%s\\0' "$HEROKU_API_KEY"`).join('\n');
    const out = execFileSync('sh', ['-c', script], { encoding: 'utf8', env: {}, maxBuffer: 1 << 24 });
    expect(out.split('\0').slice(0, -1)).toEqual(values);
  });
});
