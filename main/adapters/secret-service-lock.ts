/**
 * Asks the Secret Service whether its default collection (where @napi-rs/keyring keeps entries)
 * is locked: one read of the D-Bus property org.freedesktop.Secret.Collection.Locked on
 * /org/freedesktop/secrets/aliases/default, through `dbus-send` (package dbus-bin, present
 * wherever a D-Bus session is) or else `gdbus` (libglib2.0-bin). Reading a property prompts
 * for nothing and writes nothing, unlike the write-and-delete probe it replaces.
 */
import { execFile } from 'node:child_process';

const DEST = 'org.freedesktop.secrets';
const DEFAULT_COLLECTION = '/org/freedesktop/secrets/aliases/default';
const IFACE = 'org.freedesktop.Secret.Collection';

const COMMANDS: Array<{ file: string; args: string[]; parse: (out: string) => boolean | null }> = [
  {
    file: 'dbus-send',
    args: ['--session', '--print-reply', `--dest=${DEST}`, DEFAULT_COLLECTION, 'org.freedesktop.DBus.Properties.Get', `string:${IFACE}`, 'string:Locked'],
    // `   variant       boolean true`
    parse: (out) => (/\bboolean true\b/.test(out) ? true : /\bboolean false\b/.test(out) ? false : null),
  },
  {
    file: 'gdbus',
    args: ['call', '--session', '--dest', DEST, '--object-path', DEFAULT_COLLECTION, '--method', 'org.freedesktop.DBus.Properties.Get', IFACE, 'Locked'],
    // `(<true>,)`
    parse: (out) => (/<true>/.test(out) ? true : /<false>/.test(out) ? false : null),
  },
];

function tryCommand(file: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, env: process.env }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/**
 * True or false when the Secret Service answered; null when it could not be asked (no tool, no
 * default collection yet, no answer in time), and the caller must find out another way.
 */
export async function defaultCollectionLocked(timeoutMs = 5_000): Promise<boolean | null> {
  for (const c of COMMANDS) {
    const out = await tryCommand(c.file, c.args, timeoutMs);
    if (out !== null) return c.parse(out);
  }
  return null;
}
