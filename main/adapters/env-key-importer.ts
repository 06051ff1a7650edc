/** A KeyImporter that knows only HEROKU_API_KEY (the foundation's source; the CLI stores come next). */
import type { ImportCandidate } from '../../shared/contract.js';
import { err, ok } from '../../shared/result.js';
import type { KeyImporter } from '../ports.js';

/** Offers the HEROKU_API_KEY environment variable as an import source. */
export function envKeyImporter(env: Record<string, string | undefined>): KeyImporter {
  const key = env.HEROKU_API_KEY?.trim() || null;
  const candidate: ImportCandidate = {
    source: 'env',
    label: 'HEROKU_API_KEY environment variable',
    login: null,
    available: key !== null,
    reason: key ? null : 'HEROKU_API_KEY is not set.',
  };
  return {
    candidates: async () => [candidate],
    read: async (source) => {
      if (source !== 'env') return err('not_found', 'That source is not available on this system.');
      return key ? ok(key) : err('not_found', 'HEROKU_API_KEY is not set.');
    },
  };
}
