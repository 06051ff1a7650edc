/**
 * Writes and removes the Heroku CLI's own keychain entry exactly as the CLI's credential handlers
 * do (@heroku-cli/command credential-manager-core), so `heroku` reads it back:
 * - Linux: `secret-tool store --label="Heroku CLI" service heroku-cli account <email>`, the token
 *   on standard input (never on a command line); `secret-tool clear …` removes it.
 * - macOS: the generic password (service heroku-cli, account email), through @napi-rs/keyring
 *   rather than `security -w <token>`, which would show the token in the process list.
 * - Windows: PasswordVault (resource heroku-cli, user email) through PowerShell, values passed in
 *   environment variables, never spliced into the script.
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { spawn } from 'node:child_process';
import { err, ok, type Result } from '../../shared/result.js';
import { CLI_KEYCHAIN_SERVICE, execNoShell, type Exec } from './heroku-cli-keychain.js';

/** One platform's way to write the CLI's keychain entry. */
export interface CliKeychainWriter {
  /** Creates or replaces the entry for an account. */
  write(account: string, token: string): Promise<Result<void>>;
  /** Removes the entry for an account; ok when there was none. */
  remove(account: string): Promise<Result<void>>;
}

/** Runs a program with text on standard input; never rejects. */
export type ExecWithInput = (file: string, args: string[], input: string) => Promise<{ code: number | null; stderr: string; spawnError: string | null }>;

export const execWithInput: ExecWithInput = (file, args, input) =>
  new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    let settled = false;
    const done = (v: { code: number | null; stderr: string; spawnError: string | null }) => {
      if (!settled) resolve(v);
      settled = true;
    };
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, stderr, spawnError: e.code ?? 'error' }));
    child.on('close', (code) => done({ code, stderr, spawnError: null }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });

const failed = (what: string, detail: string) => err<never>('keychain_unavailable', `${what}: ${detail.replace(/HRKU-\S+/g, 'HRKU-…').trim()}`);

/** Linux: secret-tool, as the CLI's LinuxHandler. */
export function secretToolWriter(run: ExecWithInput = execWithInput, exec: Exec = execNoShell): CliKeychainWriter {
  const attrs = (account: string) => ['service', CLI_KEYCHAIN_SERVICE, 'account', account];
  return {
    async write(account, token) {
      const r = await run('secret-tool', ['store', '--label=Heroku CLI', ...attrs(account)], token);
      if (r.spawnError) return failed('secret-tool could not be run', r.spawnError);
      if (r.code !== 0) return /locked/i.test(r.stderr) ? err('keychain_locked', 'The keyring is locked. Unlock it and try again.') : failed('secret-tool store failed', r.stderr || `exit ${r.code}`);
      return ok(undefined);
    },
    async remove(account) {
      const r = await exec('secret-tool', ['clear', ...attrs(account)]);
      if (r.spawnError) return failed('secret-tool could not be run', r.spawnError);
      // `clear` exits 1 without output when nothing matched: that is the outcome we want.
      if (r.code === 0 || (r.code === 1 && r.stderr.trim() === '')) return ok(undefined);
      return failed('secret-tool clear failed', r.stderr || `exit ${r.code}`);
    },
  };
}

/** macOS: the generic password the CLI's MacOSHandler reads with `security find-generic-password`. */
export function macKeychainWriter(
  entry: (service: string, account: string) => { setPassword(p: string): Promise<void>; deletePassword(): Promise<boolean> } = (s, a) =>
    new AsyncEntry(s, a),
): CliKeychainWriter {
  return {
    async write(account, token) {
      try {
        await entry(CLI_KEYCHAIN_SERVICE, account).setPassword(token);
        return ok(undefined);
      } catch (e) {
        return failed('The macOS Keychain refused the entry', e instanceof Error ? e.message : String(e));
      }
    },
    async remove(account) {
      try {
        await entry(CLI_KEYCHAIN_SERVICE, account).deletePassword();
        return ok(undefined);
      } catch (e) {
        return failed('The macOS Keychain entry could not be removed', e instanceof Error ? e.message : String(e));
      }
    },
  };
}

const WINDOWS_WRITE = [
  "$ErrorActionPreference = 'Stop'",
  '[void][Windows.Security.Credentials.PasswordVault,Windows.Security.Credentials,ContentType=WindowsRuntime]',
  '$vault = New-Object Windows.Security.Credentials.PasswordVault',
  'try { $vault.Remove($vault.Retrieve($env:HTT_CLI_SERVICE, $env:HTT_CLI_ACCOUNT)) } catch { }',
  'if ($env:HTT_CLI_TOKEN) { $vault.Add((New-Object Windows.Security.Credentials.PasswordCredential($env:HTT_CLI_SERVICE, $env:HTT_CLI_ACCOUNT, $env:HTT_CLI_TOKEN))) }',
].join('; ');

/** Windows: PasswordVault through PowerShell, like the CLI's WindowsHandler. */
export function windowsVaultWriter(exec: Exec = execNoShell): CliKeychainWriter {
  const run = async (account: string, token: string) => {
    const r = await exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_WRITE], {
      HTT_CLI_SERVICE: CLI_KEYCHAIN_SERVICE,
      HTT_CLI_ACCOUNT: account,
      HTT_CLI_TOKEN: token,
    });
    if (r.spawnError) return failed('PowerShell could not be run', r.spawnError);
    return r.code === 0 ? ok(undefined) : failed('Windows Credential Manager refused the entry', r.stderr || `exit ${r.code}`);
  };
  return { write: (account, token) => run(account, token), remove: (account) => run(account, '') };
}

/** The writer for a platform, or null where the CLI keeps no keychain entry. */
export function cliKeychainWriterFor(platform: NodeJS.Platform): CliKeychainWriter | null {
  if (platform === 'linux') return secretToolWriter();
  if (platform === 'darwin') return macKeychainWriter();
  if (platform === 'win32') return windowsVaultWriter();
  return null;
}
