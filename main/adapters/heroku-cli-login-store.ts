/**
 * The Heroku CLI's login, read and written the way the CLI itself does it
 * (@heroku-cli/command credential-manager-core):
 * - HEROKU_API_KEY, when set, wins over everything for every command.
 * - Where a native store exists (macOS, Windows, Linux with `secret-tool`) and HEROKU_NETRC_WRITE
 *   is not `true`, the login is the keychain entry (service heroku-cli, account = email) named by
 *   `login.json` in the CLI's data folder; if the keychain refuses, the CLI falls back to netrc.
 * - Otherwise `~/.netrc` machines for the API host and the git host (`api.heroku.com` and
 *   `git.heroku.com`), `login <email>` and `password <token>`.
 * Writes keep every other byte of ~/.netrc, its mode, and are atomic (temp file + rename); the
 * snapshot taken before a write lets Restore put back the previous login byte for byte.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result.js';
import type { CliLoginLocation, CliLoginStore } from '../ports.js';
import { cliKeychainReaderFor, type CliKeychainReader } from './heroku-cli-keychain.js';
import { cliKeychainWriterFor, type CliKeychainWriter } from './heroku-cli-keychain-writer.js';
import { cliDataDir, cliHomeDir } from './heroku-cli-importer.js';
import { findMachine, restoreMachine, setMachine, snapshotMachine } from './netrc-edit.js';

export interface CliLoginStoreOptions {
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  homeDir?: string;
  /** netrc machines the CLI uses: its API host and git host (both the emulator's host:port there). */
  apiHost?: string;
  gitHost?: string;
  /** The CLI's keychain entry; null = this system has none (the CLI then uses netrc). */
  keychain?: { reader: CliKeychainReader; writer: CliKeychainWriter } | null;
}

const machineSnap = z.object({ block: z.string().nullable(), endedWithNewline: z.boolean() });
const snapshotSchema = z.object({
  v: z.literal(1),
  netrc: z.object({ existed: z.boolean(), machines: z.array(z.object({ host: z.string(), snap: machineSnap })) }),
  keychain: z
    .object({ loginJson: z.string().nullable(), entries: z.array(z.object({ account: z.string(), token: z.string().nullable() })) })
    .nullable(),
});
type Snapshot = z.infer<typeof snapshotSchema>;

/** Builds the CLI login store for this system (the keychain where the CLI would use it). */
export function herokuCliLoginStore(o: CliLoginStoreOptions): CliLoginStore {
  const platform = o.platform ?? process.platform;
  const reader = cliKeychainReaderFor(platform);
  const writer = cliKeychainWriterFor(platform);
  const keychain = o.keychain !== undefined ? o.keychain : reader && writer ? { reader, writer } : null;
  return new HerokuCliLoginStore(o, platform, keychain);
}

class HerokuCliLoginStore implements CliLoginStore {
  private readonly netrcFile: string;
  private readonly dataDir: string;
  private readonly hosts: string[];

  constructor(
    private readonly o: CliLoginStoreOptions,
    private readonly platform: NodeJS.Platform,
    private readonly keychain: { reader: CliKeychainReader; writer: CliKeychainWriter } | null,
  ) {
    const home = o.homeDir ?? cliHomeDir(o.env);
    this.netrcFile = path.join(home, platform === 'win32' ? '_netrc' : '.netrc');
    this.dataDir = cliDataDir(o.env, platform, home);
    this.hosts = [...new Set([o.apiHost ?? 'api.heroku.com', o.gitHost ?? 'git.heroku.com'])];
  }

  /** The CLI uses its keychain entry unless HEROKU_NETRC_WRITE=true or the system has none. */
  private usesKeychain(): boolean {
    return this.keychain !== null && this.o.env.HEROKU_NETRC_WRITE?.toLowerCase() !== 'true';
  }

  async location(): Promise<CliLoginLocation> {
    const envOverride = Boolean(this.o.env.HEROKU_API_KEY?.trim());
    const netrcName = this.platform === 'win32' ? this.netrcFile : '~/.netrc';
    return this.usesKeychain()
      ? { store: 'keychain', label: this.keychain!.reader.label, envOverride }
      : { store: 'netrc', label: `${netrcName} (machines ${this.hosts.join(', ')})`, envOverride };
  }

  async current(): Promise<Result<{ source: 'env' | 'keychain' | 'netrc'; login: string | null; key: string } | null>> {
    try {
      return await this.readCurrent();
    } catch (e) {
      // EACCES, ENOTDIR and the like: a state to show, never a rejection.
      return err('cli_login_unavailable', `The Heroku CLI's login could not be read: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
    }
  }

  private async readCurrent(): Promise<Result<{ source: 'env' | 'keychain' | 'netrc'; login: string | null; key: string } | null>> {
    const env = this.o.env.HEROKU_API_KEY?.trim();
    if (env) return ok({ source: 'env', login: null, key: env });
    if (this.usesKeychain()) {
      const account = await this.loginAccount();
      if (account) {
        const token = await this.keychain!.reader.read(account);
        if (!token.ok) return token;
        if (token.value) return ok({ source: 'keychain', login: account, key: token.value });
      }
    }
    const text = await readOrNull(this.netrcFile);
    const machine = text === null ? null : findMachine(text, this.hosts[0]!);
    const password = machine?.pairs.find((p) => p.key === 'password')?.value;
    if (!password) return ok(null);
    return ok({ source: 'netrc', login: machine!.pairs.find((p) => p.key === 'login')?.value ?? null, key: password });
  }

  async snapshot(login: string): Promise<Result<string>> {
    try {
      return await this.takeSnapshot(login);
    } catch (e) {
      return err('cli_login_unavailable', `The Heroku CLI's login could not be read, so it is not changed: ${(e as Error).message}`);
    }
  }

  private async takeSnapshot(login: string): Promise<Result<string>> {
    if (await exists(`${this.netrcFile}.gpg`)) {
      return err('cli_login_unavailable', 'The Heroku CLI keeps its login in an encrypted ~/.netrc.gpg here; the app does not write it.');
    }
    const text = await readOrNull(this.netrcFile);
    const snap: Snapshot = { v: 1, netrc: { existed: text !== null, machines: [] }, keychain: null };
    let working = text ?? '';
    for (const host of this.hosts) {
      snap.netrc.machines.push({ host, snap: snapshotMachine(working, host) });
      working = setMachine(working, host, 'x', 'x'); // later hosts see the file as install() leaves it
    }
    if (this.usesKeychain()) {
      const loginJson = await readOrNull(path.join(this.dataDir, 'login.json'));
      const accounts = [...new Set([loginAccountOf(loginJson), login].filter((a): a is string => Boolean(a)))];
      const entries: Array<{ account: string; token: string | null }> = [];
      for (const account of accounts) {
        const token = await this.keychain!.reader.read(account);
        // The entry install() overwrites must be read, or there is no way back: refuse, write nothing.
        if (!token.ok && account === login) return token;
        if (token.ok) entries.push({ account, token: token.value });
      }
      snap.keychain = { loginJson, entries };
    }
    return ok(JSON.stringify(snap));
  }

  async install(login: string, token: string): Promise<Result<{ store: 'keychain' | 'netrc' }>> {
    if (!/^\S+$/.test(login) || !/^[A-Za-z0-9_.-]+$/.test(token)) return err('bad_request', 'That login or token cannot be written for the Heroku CLI.');
    if (this.usesKeychain()) {
      const wrote = await this.keychain!.writer.write(login, token);
      // The CLI writes login.json whenever it has a native store, and falls back to netrc.
      const state = await this.writeLoginJson(`${JSON.stringify({ account: login })}\n`);
      if (!state.ok) return state;
      if (wrote.ok) return ok({ store: 'keychain' });
    }
    const written = await this.editNetrc((text) => this.hosts.reduce((t, host) => setMachine(t, host, login, token), text));
    return written.ok ? ok({ store: 'netrc' }) : written;
  }

  async restore(text: string): Promise<Result<void>> {
    let snap: Snapshot;
    try {
      snap = snapshotSchema.parse(JSON.parse(text));
    } catch {
      return err('cli_login_unavailable', 'The kept previous CLI login could not be read; nothing was changed.');
    }
    if (snap.keychain && this.keychain) {
      for (const e of snap.keychain.entries) {
        const r = e.token === null ? await this.keychain.writer.remove(e.account) : await this.keychain.writer.write(e.account, e.token);
        if (!r.ok) return r;
      }
      const state = await this.writeLoginJson(snap.keychain.loginJson);
      if (!state.ok) return state;
    }
    const machines = [...snap.netrc.machines].reverse(); // undo in the reverse order of install
    return this.editNetrc((t) => machines.reduce((acc, m) => restoreMachine(acc, m.host, m.snap), t), !snap.netrc.existed);
  }

  private async loginAccount(): Promise<string | null> {
    return loginAccountOf(await readOrNull(path.join(this.dataDir, 'login.json')));
  }

  /** Writes (or, for null, removes) login.json as the CLI does: folder 0700, file 0600. */
  private async writeLoginJson(content: string | null): Promise<Result<void>> {
    const file = path.join(this.dataDir, 'login.json');
    try {
      if (content === null) await fs.rm(file, { force: true });
      else {
        await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
        await writeAtomic(file, content, 0o600);
      }
      return ok(undefined);
    } catch (e) {
      return err('cli_login_unavailable', `The Heroku CLI's login.json could not be written: ${(e as Error).message}`);
    }
  }

  /** Read-modify-write of ~/.netrc; unchanged text is not written; an emptied new file is removed. */
  private async editNetrc(edit: (text: string) => string, removeIfEmpty = false): Promise<Result<void>> {
    try {
      const before = await readOrNull(this.netrcFile);
      const after = edit(before ?? '');
      if (before !== null && after === before) return ok(undefined);
      if (before === null && after === '') return ok(undefined);
      if (removeIfEmpty && after === '') await fs.rm(this.netrcFile, { force: true });
      else await writeAtomic(this.netrcFile, after, 0o600);
      return ok(undefined);
    } catch (e) {
      return err('cli_login_unavailable', `~/.netrc could not be written: ${(e as Error).message}`);
    }
  }
}

function loginAccountOf(text: string | null): string | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { account?: unknown };
    return typeof parsed?.account === 'string' && parsed.account.length > 0 ? parsed.account : null;
  } catch {
    return null;
  }
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Replaces a file atomically: a temp file beside the target (through a symlink, beside its real
 * file) with the target's current mode (newMode for a new file), flushed, then renamed over it.
 */
export async function writeAtomic(file: string, content: string, newMode: number): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const mode = await fs.stat(target).then(
    (s) => s.mode & 0o777,
    () => newMode,
  );
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed it
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/**
 * The netrc machines the CLI uses for an API origin, as its `vars` computes them: api.heroku.com
 * and git.heroku.com for Heroku; for another origin (HEROKU_HOST=http://127.0.0.1:5999, say) its
 * host:port for both; HEROKU_GIT_HOST names the git host when set.
 */
export function cliHostsFor(origin: string, env: Record<string, string | undefined> = {}): { apiHost: string; gitHost: string } {
  const host = new URL(origin).host;
  const heroku = host === 'api.heroku.com';
  return { apiHost: host, gitHost: env.HEROKU_GIT_HOST || (heroku ? 'git.heroku.com' : host) };
}
