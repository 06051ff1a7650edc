/**
 * A KeyImporter for the places the Heroku CLI leaves an API key on this computer, each named for
 * the UI: the HEROKU_API_KEY environment variable, `~/.netrc` (`machine api.heroku.com`, read with
 * netrc-parser), and the CLI's own keychain entry (account = the email in the CLI's login.json).
 * Everything is read only: the CLI's files and entries are never written, moved or deleted.
 * candidates() never reads a keychain secret (that may raise an OS prompt); read() does.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseNetrc } from 'netrc-parser';
import type { ImportCandidate, ImportSourceId } from '../../shared/contract.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { KeyImporter } from '../ports.js';
import { cliKeychainReaderFor, type CliKeychainReader } from './heroku-cli-keychain.js';

export interface HerokuCliImporterOptions {
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** The home folder, found like the CLI does (HOME, then HOMEDRIVE+HOMEPATH, USERPROFILE). */
  homeDir?: string;
  /** The netrc machine to read: the API host (`api.heroku.com`, or the emulator's host:port). */
  netrcHost?: string;
  /** Reads the CLI's keychain entry; defaults to the platform's reader, null = none. */
  keychain?: CliKeychainReader | null;
}

/** Where the Heroku CLI (oclif) keeps its data, login.json included. */
export function cliDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, home: string): string {
  if (env.HEROKU_DATA_DIR) return env.HEROKU_DATA_DIR;
  const base = env.XDG_DATA_HOME || (platform === 'win32' && env.LOCALAPPDATA) || path.join(home, '.local', 'share');
  return path.join(base, 'heroku');
}

/** The home folder the CLI and netrc-parser use. */
export function cliHomeDir(env: Record<string, string | undefined>): string {
  const drive = env.HOMEDRIVE && env.HOMEPATH ? path.join(env.HOMEDRIVE, env.HOMEPATH) : undefined;
  return env.HOME || drive || env.USERPROFILE || os.homedir();
}

/** Builds the importer over the environment, ~/.netrc and the CLI's keychain entry. */
export function herokuCliImporter(options: HerokuCliImporterOptions): KeyImporter {
  return new HerokuCliImporter(options);
}

type Lookup = { login: string | null; key: string } | { reason: string };
type Login = { login: string } | { reason: string };

class HerokuCliImporter implements KeyImporter {
  private readonly env: Record<string, string | undefined>;
  private readonly host: string;
  private readonly keychain: CliKeychainReader | null;
  private readonly netrcFile: string;
  private readonly netrcName: string;
  private readonly dataDir: string;
  private readonly labels: Record<ImportSourceId, string>;

  constructor(o: HerokuCliImporterOptions) {
    const platform = o.platform ?? process.platform;
    const home = o.homeDir ?? cliHomeDir(o.env);
    this.env = o.env;
    this.host = o.netrcHost ?? 'api.heroku.com';
    this.keychain = o.keychain === undefined ? cliKeychainReaderFor(platform) : o.keychain;
    this.netrcFile = path.join(home, platform === 'win32' ? '_netrc' : '.netrc');
    this.netrcName = platform === 'win32' ? this.netrcFile : '~/.netrc';
    this.dataDir = cliDataDir(o.env, platform, home);
    this.labels = {
      env: 'HEROKU_API_KEY environment variable',
      netrc: `${this.netrcName} (machine ${this.host})`,
      'heroku-cli-keychain': this.keychain?.label ?? 'Heroku CLI login in the system keychain',
    };
  }

  /** Each source, named, with the login it holds; never the key. */
  async candidates(): Promise<ImportCandidate[]> {
    return [
      this.candidate('env', await this.fromEnv()),
      this.candidate('netrc', await this.fromNetrc()),
      this.candidate('heroku-cli-keychain', await this.cliLogin()),
    ];
  }

  /** Reads the key from one source, leaving the source as it was. */
  async read(source: ImportSourceId): Promise<Result<string>> {
    if (source === 'heroku-cli-keychain') return this.fromCliKeychain();
    const found = source === 'env' ? await this.fromEnv() : await this.fromNetrc();
    return 'reason' in found ? err('not_found', found.reason) : ok(found.key);
  }

  private candidate(source: ImportSourceId, found: Lookup | Login): ImportCandidate {
    const label = this.labels[source];
    return 'reason' in found
      ? { source, label, login: null, available: false, reason: found.reason }
      : { source, label, login: found.login, available: true, reason: null };
  }

  private async fromEnv(): Promise<Lookup> {
    const key = this.env.HEROKU_API_KEY?.trim();
    return key ? { login: null, key } : { reason: 'HEROKU_API_KEY is not set.' };
  }

  private async fromNetrc(): Promise<Lookup> {
    const name = this.netrcName;
    const text = await readText(this.netrcFile);
    if (text === null) {
      const gpg = await readText(`${this.netrcFile}.gpg`);
      return { reason: gpg === null ? `${name} does not exist.` : `Only an encrypted ${name}.gpg exists; it is not read.` };
    }
    const machine = netrcMachine(text, this.host);
    if (machine === 'unparseable') return { reason: `${name} could not be parsed.` };
    if (!machine?.password) return { reason: `${name} has no password for machine ${this.host}.` };
    return { login: machine.login, key: machine.password };
  }

  /** The CLI's login email from login.json: which keychain entry is its own. */
  private async cliLogin(): Promise<Login> {
    if (!this.keychain) return { reason: 'The Heroku CLI keeps no keychain entry on this system.' };
    const file = path.join(this.dataDir, 'login.json');
    const text = await readText(file);
    const login = text === null ? null : loginFromJson(text);
    return login ? { login } : { reason: `The Heroku CLI is not logged in here (no login in ${file}).` };
  }

  private async fromCliKeychain(): Promise<Result<string>> {
    const who = await this.cliLogin();
    if ('reason' in who || !this.keychain) return err('not_found', 'reason' in who ? who.reason : 'Not available.');
    const token = await this.keychain.read(who.login);
    if (!token.ok) return token;
    return token.value ? ok(token.value) : err('not_found', `${this.labels['heroku-cli-keychain']}: no entry for ${who.login}.`);
  }
}

async function readText(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The login and password of one machine; netrc-parser's raw parse keeps values as { value }. */
function netrcMachine(text: string, host: string): { login: string | null; password: string | null } | null | 'unparseable' {
  let machines: Record<string, unknown>;
  try {
    machines = parseNetrc(text) as unknown as Record<string, unknown>;
  } catch {
    return 'unparseable';
  }
  const m = Object.prototype.hasOwnProperty.call(machines, host) ? machines[host] : undefined;
  if (!m || typeof m !== 'object') return null;
  const field = (name: string): string | null => {
    const v = (m as Record<string, unknown>)[name];
    const s = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as { value?: unknown }).value : undefined;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
  };
  return { login: field('login'), password: field('password') };
}

/** The account in the CLI's login.json (`{"account": "<email>"}`), as the CLI reads it. */
function loginFromJson(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { account?: unknown };
    return typeof parsed?.account === 'string' && parsed.account.length > 0 ? parsed.account : null;
  } catch {
    return null;
  }
}
