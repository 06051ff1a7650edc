import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliDataDir, cliHomeDir, herokuCliImporter } from '../../../../main/adapters/heroku-cli-importer.js';
import {
  macKeychainReader,
  secretToolReader,
  WINDOWS_SCRIPT,
  windowsVaultReader,
  type CliKeychainReader,
  type Exec,
  type ExecResult,
} from '../../../../main/adapters/heroku-cli-keychain.js';
import { err, ok } from '../../../../shared/result.js';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'htt-cli-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

const KEY = 'HRKU-netrc0000aaaa1111bbbb2222cccc';
const NETRC = [
  '# personal machines',
  'machine github.com',
  '  login octocat',
  '  password ghp_notouch',
  'machine api.heroku.com',
  '  login dev@example.com',
  `  password ${KEY}`,
  'machine git.heroku.com',
  '  login dev@example.com',
  `  password ${KEY}`,
  'default login anonymous password guest',
  '',
].join('\n');

const noKeychain = (): CliKeychainReader | null => null;
const importer = (extra: Partial<Parameters<typeof herokuCliImporter>[0]> = {}) =>
  herokuCliImporter({ env: {}, platform: 'linux', homeDir: home, keychain: noKeychain(), ...extra });

describe('herokuCliImporter: HEROKU_API_KEY', () => {
  it('offers the variable when set and reads it', async () => {
    const imp = importer({ env: { HEROKU_API_KEY: ' HRKU-fromenv1234 ' } });
    const [env] = await imp.candidates();
    expect(env).toEqual({ source: 'env', label: 'HEROKU_API_KEY environment variable', login: null, available: true, reason: null });
    expect(await imp.read('env')).toEqual(ok('HRKU-fromenv1234'));
  });

  it('says why when it is not set', async () => {
    const imp = importer();
    expect((await imp.candidates())[0]).toMatchObject({ available: false, reason: 'HEROKU_API_KEY is not set.' });
    expect(await imp.read('env')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('herokuCliImporter: ~/.netrc', () => {
  it('reads machine api.heroku.com among other machines and leaves the file byte-for-byte untouched', async () => {
    const file = path.join(home, '.netrc');
    fs.writeFileSync(file, NETRC, { mode: 0o600 });
    const before = fs.statSync(file);
    const imp = importer();
    const netrc = (await imp.candidates())[1];
    expect(netrc).toEqual({ source: 'netrc', label: '~/.netrc (machine api.heroku.com)', login: 'dev@example.com', available: true, reason: null });
    expect(JSON.stringify(await imp.candidates())).not.toContain(KEY);
    expect(await imp.read('netrc')).toEqual(ok(KEY));
    expect(fs.readFileSync(file, 'utf8')).toBe(NETRC);
    const after = fs.statSync(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.mode).toBe(before.mode);
    expect(fs.readdirSync(home)).toEqual(['.netrc']);
  });

  it('reads another host when the app talks to another API origin', async () => {
    fs.writeFileSync(path.join(home, '.netrc'), `machine 127.0.0.1:5000 login e@x.io password HRKU-emu12345678\n${NETRC}`);
    const imp = importer({ netrcHost: '127.0.0.1:5000' });
    expect(await imp.read('netrc')).toEqual(ok('HRKU-emu12345678'));
    expect((await imp.candidates())[1]?.label).toBe('~/.netrc (machine 127.0.0.1:5000)');
  });

  it.each([
    ['no file', null, /does not exist/],
    ['no heroku machine', 'machine github.com login a password b\n', /no password for machine api\.heroku\.com/],
    ['a heroku machine without password', 'machine api.heroku.com login a\n', /no password/],
  ])('is unavailable with %s', async (_name, content, reason) => {
    if (content !== null) fs.writeFileSync(path.join(home, '.netrc'), content);
    const imp = importer();
    expect((await imp.candidates())[1]).toMatchObject({ available: false, reason: expect.stringMatching(reason) });
    expect(await imp.read('netrc')).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(reason) } });
  });

  it('does not decrypt an encrypted ~/.netrc.gpg', async () => {
    fs.writeFileSync(path.join(home, '.netrc.gpg'), 'binary');
    expect((await importer().candidates())[1]?.reason).toMatch(/encrypted/);
  });

  it('uses %USERPROFILE%\\_netrc on Windows', async () => {
    fs.writeFileSync(path.join(home, '_netrc'), NETRC);
    const imp = importer({ platform: 'win32' });
    expect(await imp.read('netrc')).toEqual(ok(KEY));
  });
});

describe('herokuCliImporter: the CLI keychain entry', () => {
  const writeLogin = (dir: string, body: string) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'login.json'), body);
  };
  const fakeReader = (entries: Record<string, string>): CliKeychainReader & { asked: string[] } => {
    const asked: string[] = [];
    return {
      label: 'Heroku CLI login in Test Keychain',
      asked,
      read: async (account) => {
        asked.push(account);
        return ok(entries[account] ?? null);
      },
    };
  };

  it('finds the account in login.json under the CLI data dir and reads that entry only on read()', async () => {
    writeLogin(path.join(home, '.local', 'share', 'heroku'), '{"account":"dev@example.com"}\n');
    const reader = fakeReader({ 'dev@example.com': 'HRKU-cli000111222333' });
    const imp = importer({ keychain: reader });
    expect((await imp.candidates())[2]).toEqual({
      source: 'heroku-cli-keychain',
      label: 'Heroku CLI login in Test Keychain',
      login: 'dev@example.com',
      available: true,
      reason: null,
    });
    expect(reader.asked).toEqual([]);
    expect(await imp.read('heroku-cli-keychain')).toEqual(ok('HRKU-cli000111222333'));
    expect(reader.asked).toEqual(['dev@example.com']);
  });

  it('honours HEROKU_DATA_DIR and XDG_DATA_HOME like the CLI', async () => {
    expect(cliDataDir({ HEROKU_DATA_DIR: '/d' }, 'linux', '/h')).toBe('/d');
    expect(cliDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/h')).toBe(path.join('/x', 'heroku'));
    expect(cliDataDir({}, 'darwin', '/h')).toBe(path.join('/h', '.local', 'share', 'heroku'));
    expect(cliDataDir({ LOCALAPPDATA: 'C:/L' }, 'win32', '/h')).toBe(path.join('C:/L', 'heroku'));
    expect(cliHomeDir({ HOME: '/home/a', USERPROFILE: '/u' })).toBe('/home/a');
    expect(cliHomeDir({ USERPROFILE: '/u' })).toBe('/u');
    const dir = path.join(home, 'custom');
    writeLogin(dir, '{"account":"x@example.com"}');
    const imp = importer({ env: { HEROKU_DATA_DIR: dir }, keychain: fakeReader({ 'x@example.com': 'HRKU-custom0000' }) });
    expect(await imp.read('heroku-cli-keychain')).toEqual(ok('HRKU-custom0000'));
  });

  it.each([
    ['no login.json', null],
    ['a login.json that is not JSON', '{account'],
    ['a login.json without an account', '{"account":""}'],
  ])('is unavailable with %s', async (_name, body) => {
    if (body !== null) writeLogin(path.join(home, '.local', 'share', 'heroku'), body);
    const imp = importer({ keychain: fakeReader({}) });
    expect((await imp.candidates())[2]).toMatchObject({ available: false, reason: expect.stringMatching(/not logged in/) });
    expect(await imp.read('heroku-cli-keychain')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('says so when login.json names an account the keychain has no entry for', async () => {
    writeLogin(path.join(home, '.local', 'share', 'heroku'), '{"account":"gone@example.com"}');
    const imp = importer({ keychain: fakeReader({}) });
    expect(await imp.read('heroku-cli-keychain')).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/gone@example\.com/) } });
  });

  it('passes a locked keychain through as keychain_locked', async () => {
    writeLogin(path.join(home, '.local', 'share', 'heroku'), '{"account":"dev@example.com"}');
    const imp = importer({ keychain: { label: 'L', read: async () => err('keychain_locked', 'locked') } });
    expect(await imp.read('heroku-cli-keychain')).toEqual(err('keychain_locked', 'locked'));
  });

  it('is unavailable on a platform where the CLI keeps no keychain entry', async () => {
    const imp = herokuCliImporter({ env: {}, platform: 'aix', homeDir: home });
    expect((await imp.candidates())[2]).toMatchObject({ available: false, reason: expect.stringMatching(/no keychain entry/) });
  });
});

describe('platform readers', () => {
  const run = (results: Array<Partial<ExecResult>>): Exec & { calls: Array<{ file: string; args: string[]; env?: Record<string, string> }> } => {
    const calls: Array<{ file: string; args: string[]; env?: Record<string, string> }> = [];
    const exec = (async (file: string, args: string[], env?: Record<string, string>) => {
      calls.push({ file, args, env });
      return { code: 0, stdout: '', stderr: '', spawnError: null, ...results[calls.length - 1] };
    }) as Exec & { calls: typeof calls };
    exec.calls = calls;
    return exec;
  };

  it('secret-tool: looks up service heroku-cli and attribute account, without a shell', async () => {
    const exec = run([{ stdout: 'HRKU-st0000' }]);
    expect(await secretToolReader(exec).read('a "b"; rm -rf ~')).toEqual(ok('HRKU-st0000'));
    expect(exec.calls).toEqual([{ file: 'secret-tool', args: ['lookup', 'service', 'heroku-cli', 'account', 'a "b"; rm -rf ~'], env: undefined }]);
  });

  it('secret-tool: tells a locked item (silent lookup, search says locked) from a missing one', async () => {
    const locked = run([{ code: 1 }, { stderr: 'secret-tool: Cannot get secret of a locked object\n' }]);
    expect(await secretToolReader(locked).read('a')).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(locked.calls[1]?.args).toEqual(['search', 'service', 'heroku-cli', 'account', 'a']);
    expect(await secretToolReader(run([{ code: 1 }, {}])).read('a')).toEqual(ok(null));
  });

  it('secret-tool: explains a missing secret-tool', async () => {
    const r = await secretToolReader(run([{ code: null, spawnError: 'ENOENT' }])).read('a');
    expect(r).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', message: expect.stringMatching(/libsecret-tools/) } });
  });

  it('Windows: PasswordVault through PowerShell, service and account passed as environment, not in the script', async () => {
    const exec = run([{ stdout: 'HRKU-win0000\r\n' }, { code: 3 }, { code: 1, stderr: `boom HRKU-leak00000000` }]);
    const reader = windowsVaultReader(exec);
    expect(await reader.read("o'brien@example.com")).toEqual(ok('HRKU-win0000'));
    expect(exec.calls[0]).toMatchObject({ file: 'powershell.exe', env: { HTT_CLI_SERVICE: 'heroku-cli', HTT_CLI_ACCOUNT: "o'brien@example.com" } });
    expect(exec.calls[0]?.args).toContain(WINDOWS_SCRIPT);
    expect(WINDOWS_SCRIPT).not.toContain('brien');
    expect(WINDOWS_SCRIPT).toContain('PasswordVault');
    expect(await reader.read('a')).toEqual(ok(null));
    const failed = await reader.read('a');
    expect(failed).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(JSON.stringify(failed)).not.toContain('HRKU-leak00000000');
  });

  it('macOS: reads (service heroku-cli, account email) and maps a locked keychain', async () => {
    const asked: string[][] = [];
    const reader = macKeychainReader((s, a) => ({
      getPassword: async () => {
        asked.push([s, a]);
        if (a === 'locked@example.com') throw new Error('User interaction is not allowed.');
        return a === 'dev@example.com' ? 'HRKU-mac0000' : null;
      },
    }));
    expect(await reader.read('dev@example.com')).toEqual(ok('HRKU-mac0000'));
    expect(await reader.read('none@example.com')).toEqual(ok(null));
    expect(await reader.read('locked@example.com')).toMatchObject({ ok: false, error: { code: 'keychain_locked' } });
    expect(asked[0]).toEqual(['heroku-cli', 'dev@example.com']);
  });
});
