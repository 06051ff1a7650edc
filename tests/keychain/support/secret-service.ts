/**
 * Helpers for the keychain suite, which runs inside a private D-Bus session with gnome-keyring
 * (tests/run-all.sh, or the dbus-run-session command in the README): is a Secret Service there,
 * what does `secret-tool search` see, and lock/unlock of the login collection.
 */
import { execFile, spawn } from 'node:child_process';
import os from 'node:os';
import { KeyringSecretStore } from '../../../main/adapters/keyring-secret-store.js';

export const SKIP_REASON = 'skipped: no Secret Service';

/** Whether the suite can run: forced by HTT_SECRET_SERVICE=1, else a session bus whose keyring answers. */
export async function hasSecretService(): Promise<boolean> {
  if (process.env.HTT_SECRET_SERVICE === '1') return true;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || process.platform !== 'linux') return false;
  const status = await new KeyringSecretStore({ linuxFallback: 'none', timeoutMs: 10_000 }).status();
  return status.state === 'ok';
}

/**
 * Locking replaces the keyring daemon to unlock it again, so it is only done in a throwaway
 * session: the run-all script's, or one whose HOME is a temp folder (never a desktop login keyring).
 */
export function isPrivateSession(): boolean {
  return process.env.HTT_SECRET_SERVICE === '1' || (process.env.HOME ?? '').startsWith(os.tmpdir());
}

function run(file: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // a program that exits without reading its input
      child.stdin.end(input);
    }
  });
}

export interface KeyringItem {
  label: string;
  secret: string | null;
  attributes: Record<string, string>;
}

/** Every item `secret-tool search --all` finds for these attributes (secrets included). */
export async function secretToolSearch(attributes: Record<string, string>): Promise<KeyringItem[]> {
  const args = ['search', '--all', ...Object.entries(attributes).flat()];
  // secret-tool prints the label and secret on stdout and the attributes on stderr: merge them in order.
  const { stdout } = await run('sh', ['-c', 'exec secret-tool "$@" 2>&1', 'sh', ...args]);
  const items: KeyringItem[] = [];
  for (const line of stdout.split('\n')) {
    if (/^\[\/.*\]$/.test(line.trim())) items.push({ label: '', secret: null, attributes: {} });
    const m = /^(label|secret|attribute\.([\w.-]+)) = (.*)$/.exec(line.trim());
    const item = items[items.length - 1];
    if (!m || !item) continue;
    if (m[1] === 'label') item.label = m[3] ?? '';
    else if (m[1] === 'secret') item.secret = m[3] ?? '';
    else if (m[2]) item.attributes[m[2]] = m[3] ?? '';
  }
  return items;
}

/**
 * The entries of this app (service heroku-token-tray) by name (`account:…`, `token:…`), only
 * those of the given accounts when asked: a desktop keyring may hold the user's real ones.
 */
export async function appEntries(accountIds?: string[]): Promise<Map<string, string | null>> {
  const items = await secretToolSearch({ service: 'heroku-token-tray' });
  const mine = (name: string) => !accountIds || accountIds.some((id) => name.split(':')[1] === id);
  return new Map(items.map((i) => [i.attributes.username ?? '?', i.secret] as const).filter(([name]) => mine(name)));
}

/** Deletes the entries of these (emulator) accounts: test cleanup that touches nothing else. */
export async function removeEntriesOf(accountIds: string[]): Promise<void> {
  for (const name of (await appEntries(accountIds)).keys()) {
    await run('secret-tool', ['clear', 'service', 'heroku-token-tray', 'username', name]);
  }
}

/** Stores a secret exactly as the Heroku CLI's LinuxHandler does. */
export async function storeLikeHerokuCli(account: string, token: string): Promise<void> {
  const r = await run('secret-tool', ['store', '--label=Heroku CLI', 'service', 'heroku-cli', 'account', account], token);
  if (r.code !== 0) throw new Error(`secret-tool store failed: ${r.stderr}`);
}

/** Deletes the CLI's entry (test cleanup only). */
export async function clearHerokuCliEntry(account: string): Promise<void> {
  await run('secret-tool', ['clear', 'service', 'heroku-cli', 'account', account]);
}

const LOGIN = '/org/freedesktop/secrets/collection/login';

function gdbus(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', ...args], (e, out) => (e ? reject(e) : resolve(out))),
  );
}

async function loginLocked(): Promise<boolean> {
  const out = await gdbus(['--object-path', LOGIN, '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.Secret.Collection', 'Locked']);
  return out.includes('true');
}

/** Locks the login collection (as a screen lock or `seahorse` would). */
export async function lockKeyring(): Promise<void> {
  await gdbus(['--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock', `["${LOGIN}"]`]);
  if (!(await loginLocked())) throw new Error('the login keyring did not lock');
}

/** Unlocks it again: a fresh daemon given the session's password (`pw` unless HTT_KEYRING_PASSWORD). */
export async function unlockKeyring(): Promise<void> {
  const password = process.env.HTT_KEYRING_PASSWORD ?? 'pw';
  await run('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], password);
  for (let i = 0; i < 100; i++) {
    try {
      if (!(await loginLocked())) return;
    } catch {
      // The new daemon has not taken the bus name yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the login keyring did not unlock');
}
