/**
 * The main process's log file: one line per entry, token-shaped text masked (shared/domain/redact.ts)
 * in the message and in the metadata. Plain Node (no electron): main/index.ts passes a path under
 * app.getPath('logs'), tests a temp dir. When the file passes maxBytes it is renamed to
 * `<name>.old<ext>` (one generation kept), so logs never grow without bound.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../ports.js';
import { redact, redactDeep } from '../../shared/domain/redact.js';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './private-files.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface FileLoggerOptions {
  /** The log file, e.g. path.join(app.getPath('logs'), 'main.log'). */
  file: string;
  minLevel?: LogLevel;
  /** Size after which the file is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Also gets every (already redacted) line, e.g. the console in development. */
  mirror?: (line: string) => void;
  now?: () => number;
}

export interface FileLogger extends Logger {
  readonly file: string;
}

/** Formats one redacted log line. */
export function formatLine(at: number, level: LogLevel, message: string, meta?: Record<string, unknown>): string {
  const extra = meta ? ` ${JSON.stringify(redactDeep(meta))}` : '';
  return `[${new Date(at).toISOString()}] ${level}: ${redact(message)}${extra}`;
}

/** Builds a redacting logger that appends to a file (created with owner-only permissions). */
export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const minLevel = options.minLevel ?? 'info';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const file = path.resolve(options.file);
  let broken = false;
  let checked = false;

  const append = (line: string) => {
    if (broken) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      if (!checked) {
        // Once per run: tighten what an older version may have left world-readable.
        ensurePrivateDir(path.dirname(file));
        makePrivate(file);
        checked = true;
      }
      rotateIfLarge(file, maxBytes);
      fs.appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch (e) {
      // Logging must never take the app down; say so once on stderr and stop trying.
      broken = true;
      process.stderr.write(`log file ${file} cannot be written: ${redact(e instanceof Error ? e.message : String(e))}\n`);
    }
  };
  const log = (level: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = formatLine(now(), level, message, meta);
    append(line);
    options.mirror?.(line);
  };
  return { file, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function rotateIfLarge(file: string, maxBytes: number): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size < maxBytes) return;
  const ext = path.extname(file);
  fs.renameSync(file, `${file.slice(0, file.length - ext.length)}.old${ext}`);
}
