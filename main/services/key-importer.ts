/** Where an existing Heroku API key can be imported from (the Heroku CLI's stores). */
import type { ImportCandidate, ImportSourceId } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

export interface KeyImporter {
  /** Each source, named for the UI, with whether a key is there. Never returns the key. */
  candidates(): Promise<ImportCandidate[]>;
  /** Reads the key from one source (never modifying it). */
  read(source: ImportSourceId): Promise<Result<string>>;
}
