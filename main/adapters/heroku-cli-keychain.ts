/**
 * Reads the Heroku CLI's own keychain entry (service `heroku-cli`, account = the login email),
 * the way each platform's CLI wrote it (@heroku-cli/command, credential-manager-core):
 * - Linux: `secret-tool store --label="Heroku CLI" service heroku-cli account <email>`; the
 *   attribute is `account`, which @napi-rs/keyring (attribute `username`) cannot match, so this
 *   reads it back with `secret-tool lookup`.
 * - macOS: `security add-generic-password -a <email> -s heroku-cli`: a generic password that
 *   @napi-rs/keyring reads as (service, account).
 * - Windows: the WinRT PasswordVault (resource = service, user = email), which is not the
 *   generic credential @napi-rs/keyring reads, so this asks PowerShell, as the CLI does.
 * Read only: nothing here writes to, or deletes from, the CLI's entry.
 */
import { execFile } from 'node:child_process';
import { AsyncEntry } from '@napi-rs/keyring';
import { err, ok, type Result } from '../../shared/result.js';
import { redact } from '../../shared/domain/redact.js';

export const CLI_KEYCHAIN_SERVICE = 'heroku-cli';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (e.g. ENOENT: not installed). */
  spawnError: string | null;
}
export type Exec = (file: string, args: string[], env?: Record<string, string>) => Promise<ExecResult>;

/** Runs a program without a shell; never rejects. */
export const execNoShell: Exec = (file, args, env) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', timeout: 120_000, windowsHide: true, env: env ? { ...process.env, ...env } : process.env },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
        const spawnError = e && typeof e.code === 'string' ? e.code : null;
        const code = e ? (typeof e.code === 'number' ? e.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), spawnError });
      },
    );
  });

/** One platform's way to read the CLI's keychain entry. */
export interface CliKeychainReader {
  /** How the UI names this source. */
  readonly label: string;
  /** Reads the token for an account: ok(null) when there is no entry. Never modifies the entry. */
  read(account: string): Promise<Result<string | null>>;
}

const LOCKED = 'The keyring holding the Heroku CLI login is locked. Unlock it and try again.';

/** Linux: `secret-tool lookup service heroku-cli account <email>`, like the CLI's LinuxHandler. */
export function secretToolReader(exec: Exec = execNoShell): CliKeychainReader {
  return {
    label: 'Heroku CLI login in the system keyring (Secret Service)',
    async read(account) {
      const attrs = ['service', CLI_KEYCHAIN_SERVICE, 'account', account];
      const r = await exec('secret-tool', ['lookup', ...attrs]);
      if (r.spawnError === 'ENOENT') {
        return err('keychain_unavailable', 'secret-tool is not installed (package libsecret-tools), so the Heroku CLI login cannot be read.');
      }
      if (r.spawnError) return err('keychain_unavailable', `secret-tool could not be run (${r.spawnError}).`);
      const token = r.stdout.trim();
      if (r.code === 0 && token) return ok(token);
      // lookup says nothing for a locked item; search (which never prompts) tells locked from absent.
      const s = await exec('secret-tool', ['search', ...attrs]);
      if (/locked/i.test(s.stderr)) return err('keychain_locked', LOCKED);
      if (r.code !== 0 && r.stderr.trim()) return err('keychain_unavailable', `secret-tool failed: ${redact(r.stderr.trim())}`);
      return ok(null);
    },
  };
}

/** macOS: the generic password (service heroku-cli, account email) through @napi-rs/keyring. */
export function macKeychainReader(
  entry: (service: string, account: string) => { getPassword(): Promise<string | null> } = (s, a) => new AsyncEntry(s, a),
): CliKeychainReader {
  return {
    label: 'Heroku CLI login in the macOS Keychain',
    async read(account) {
      try {
        const token = (await entry(CLI_KEYCHAIN_SERVICE, account).getPassword())?.trim();
        return ok(token ? token : null);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/locked|interaction (is )?not allowed|user canceled/i.test(message)) return err('keychain_locked', LOCKED);
        return err('keychain_unavailable', `The macOS Keychain could not be read: ${redact(message)}`);
      }
    },
  };
}

/** The PowerShell the Windows reader runs; service and account come in through the environment. */
export const WINDOWS_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '[void][Windows.Security.Credentials.PasswordVault,Windows.Security.Credentials,ContentType=WindowsRuntime]',
  '$vault = New-Object Windows.Security.Credentials.PasswordVault',
  'try { $c = $vault.Retrieve($env:HTT_CLI_SERVICE, $env:HTT_CLI_ACCOUNT) } catch { exit 3 }',
  '$c.RetrievePassword()',
  '[Console]::Out.Write($c.Password)',
].join('; ');

/** Windows: PasswordVault.Retrieve(service, email) through PowerShell, like the CLI's WindowsHandler. */
export function windowsVaultReader(exec: Exec = execNoShell): CliKeychainReader {
  return {
    label: 'Heroku CLI login in Windows Credential Manager',
    async read(account) {
      // Passed as environment variables, never spliced into the script: no quoting, no injection.
      const r = await exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SCRIPT], {
        HTT_CLI_SERVICE: CLI_KEYCHAIN_SERVICE,
        HTT_CLI_ACCOUNT: account,
      });
      if (r.spawnError) return err('keychain_unavailable', `PowerShell could not be run (${r.spawnError}).`);
      if (r.code === 3) return ok(null);
      const token = r.stdout.trim();
      if (r.code === 0) return ok(token ? token : null);
      return err('keychain_unavailable', `Windows Credential Manager could not be read: ${redact(r.stderr.trim() || `exit ${r.code}`)}`);
    },
  };
}

/** The reader for a platform, or null where the CLI keeps no keychain entry. */
export function cliKeychainReaderFor(platform: NodeJS.Platform, exec: Exec = execNoShell): CliKeychainReader | null {
  if (platform === 'linux') return secretToolReader(exec);
  if (platform === 'darwin') return macKeychainReader();
  if (platform === 'win32') return windowsVaultReader(exec);
  return null;
}
