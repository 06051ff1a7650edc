/**
 * "Copy as": a token as a line for a shell, or as the seed's curl check of the account. Pure text
 * builders; main puts the result on the clipboard through the ClipboardGuard (never the renderer).
 *
 * Heroku tokens (`HRKU-…`, UUIDs) hold only letters, digits and `-`, so they go in unquoted where
 * the format allows; anything else is quoted the way each shell reads literally, so a pasted
 * line can never run a command.
 */
export const COPY_FORMATS = ['posix', 'fish', 'powershell', 'curl'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** The Heroku API the curl line asks when the app talks to the real one. */
export const DEFAULT_CURL_ORIGIN = 'https://api.heroku.com';

/** How each format is named in the UI (the buttons' accessible names). */
export const COPY_FORMAT_LABELS: Record<CopyFormat, string> = {
  posix: 'Copy as export line',
  fish: 'Copy as fish line',
  powershell: 'Copy as PowerShell line',
  curl: 'Copy as curl',
};

const BARE = /^[A-Za-z0-9_.:@+=/-]+$/;

/** A word for POSIX sh/bash/zsh: bare when safe, else single-quoted (`'` written as `'\''`). */
export function posixQuote(value: string): string {
  if (value !== '' && BARE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A word for fish: bare when safe, else single-quoted (fish escapes `\` and `'` inside). */
export function fishQuote(value: string): string {
  if (value !== '' && BARE.test(value)) return value;
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** A PowerShell double-quoted string: the backtick escapes `` ` ``, `"` and `$`. */
export function powershellString(value: string): string {
  return `"${value.replace(/[`"$]/g, (c) => `\`${c}`)}"`;
}

/** Inside POSIX double quotes: `\`, `"`, `$` and `` ` `` are escaped. */
function posixDoubleQuoted(value: string): string {
  return value.replace(/[\\"$`]/g, (c) => `\\${c}`);
}

/**
 * The text for one format. `origin` is the API the app talks to: the curl line asks that one
 * (a token made on the emulator means nothing to api.heroku.com, and house rule 4 sends a
 * bearer token only to the configured origin); with the default origin it is the seed's line.
 */
export function copyAsText(format: CopyFormat, token: string, origin: string = DEFAULT_CURL_ORIGIN): string {
  switch (format) {
    case 'posix':
      return `export HEROKU_API_KEY=${posixQuote(token)}`;
    case 'fish':
      return `set -x HEROKU_API_KEY ${fishQuote(token)}`;
    case 'powershell':
      return `$env:HEROKU_API_KEY = ${powershellString(token)}`;
    case 'curl': {
      const base = origin.replace(/\/+$/, '');
      const url = BARE.test(base) ? `${base}/account` : `"${posixDoubleQuoted(base)}/account"`;
      return `curl ${url} -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${posixDoubleQuoted(token)}"`;
    }
  }
}
