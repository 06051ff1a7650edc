/** A Logger on stderr that redacts token-shaped strings (preview, CLI tools, tests). */
import type { Logger } from '../ports.js';
import { redact, redactDeep } from '../../shared/domain/redact.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Builds a redacting logger writing lines at or above minLevel to the given sink. */
export function createConsoleLogger(minLevel: Level = 'info', sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const log = (level: Level) => (message: string, meta?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const extra = meta ? ` ${JSON.stringify(redactDeep(meta))}` : '';
    sink(`[${new Date().toISOString()}] ${level}: ${redact(message)}${extra}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
