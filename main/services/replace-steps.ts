/**
 * One consumer step of Replace: write a value, read it back, and say exactly what the consumer
 * holds afterwards. A write whose outcome is unknown (timeout, dropped connection, 5xx, a garbled
 * answer) is never sent again blindly: the consumer is read back first and that decides (rule 5).
 * Values pass through; nothing here keeps or logs one.
 */
import { replaceAssignment, valueOf } from '../../shared/domain/env-file.js';
import type { ReplaceStep, StepState } from '../../shared/domain/replace.js';
import { err, ok, type AppError, type Result } from '../../shared/result.js';
import type { HerokuApi } from '../heroku/client.js';
import { ConsumerFileError, type ConsumerFiles } from '../ports.js';

/** Reads and writes one kind of consumer. */
export interface ConsumerIO {
  /** The variable's current value; null when it is not set there. */
  read(step: ReplaceStep): Promise<Result<string | null>>;
  /** Sets the variable to `next`; `expected` is what was read just before. */
  write(step: ReplaceStep, expected: string, next: string): Promise<Result<null>>;
}

/** Failures after which nobody knows whether the change happened. */
const UNKNOWN = new Set(['timeout', 'offline', 'server_error', 'bad_response']);
export const outcomeUnknown = (e: AppError): boolean => UNKNOWN.has(e.code);

const fileFailure = (e: unknown): Result<never> =>
  e instanceof ConsumerFileError ? err(e.code === 'not_found' ? 'not_found' : 'forbidden', e.message) : err('internal', 'The file could not be used.');

/** Config vars of apps, through the account's API client. */
export function appIO(api: HerokuApi): ConsumerIO {
  return {
    read: async (step) => {
      const vars = await api.getConfigVars(step.location);
      return vars.ok ? ok(vars.value[step.varName] ?? null) : vars;
    },
    write: async (step, _expected, next) => {
      const r = await api.updateConfigVars(step.location, { [step.varName]: next });
      return r.ok ? ok(null) : r;
    },
  };
}

/** Local files: an atomic rewrite of the one assignment, every other byte kept. */
export function fileIO(files: ConsumerFiles): ConsumerIO {
  return {
    read: async (step) => {
      try {
        return ok(valueOf(await files.read(step.location), step.varName));
      } catch (e) {
        return fileFailure(e);
      }
    },
    write: async (step, expected, next) => {
      try {
        const text = await files.read(step.location);
        const changed = replaceAssignment(text, step.varName, expected, next);
        if (changed === null) return err('not_found', `${step.varName} in ${step.location} changed while the app was writing it.`);
        await files.write(step.location, changed);
        return ok(null);
      } catch (e) {
        return fileFailure(e);
      }
    },
  };
}

export interface StepOutcome {
  state: StepState;
  error: { code: string; message: string } | null;
}

const where = (s: ReplaceStep) => `${s.varName} on ${s.kind === 'app' ? `app ${s.location}` : s.location}`;

export interface StepHooks {
  /** Whether the value read now is the one the plan expects to replace (else nothing is written). */
  accepts?: (value: string) => boolean;
  /** Gets the value found before the write (the old value, for a roll back); memory only. */
  remember?: (value: string) => void;
}

/**
 * Moves one consumer from `from` to `to` (old -> new token, or back for a roll back) and reads it
 * back. A value `accepts` refuses (changed since the scan) is left alone, and not remembered.
 */
export async function moveStep(io: ConsumerIO, step: ReplaceStep, to: string, toState: StepState, fromState: StepState, hooks: StepHooks = {}): Promise<StepOutcome> {
  const before = await io.read(step);
  if (!before.ok) return { state: step.state === 'pending' ? fromState : step.state, error: before.error };
  if (before.value === to) return { state: toState, error: null };
  if (before.value === null) return { state: fromState, error: { code: 'not_found', message: `${where(step)} is no longer set.` } };
  if (hooks.accepts && !hooks.accepts(before.value)) {
    const message = `${where(step)} changed since the scan: it holds neither the old nor the new token, so nothing was written. Scan again, or set it back and Retry.`;
    return { state: 'changed', error: { code: 'changed', message } };
  }
  hooks.remember?.(before.value);
  const wrote = await io.write(step, before.value, to);
  // A refusal (403, 404, 422, 429, a read-only file) means nothing happened.
  if (!wrote.ok && !outcomeUnknown(wrote.error)) return { state: fromState, error: wrote.error };
  const back = await io.read(step);
  if (!back.ok) {
    const why = wrote.ok ? 'it was written but could not be read back' : 'the write’s outcome is unknown and it could not be read back';
    return { state: 'unknown', error: { code: 'unknown_outcome', message: `${where(step)}: ${why} (${back.error.message})` } };
  }
  if (back.value === to) return { state: toState, error: null };
  if (back.value === before.value) {
    const message = wrote.ok ? `${where(step)} still holds the previous value after the write.` : `${wrote.error.message} Read back: ${where(step)} still holds the previous value.`;
    return { state: fromState, error: { code: wrote.ok ? 'bad_response' : wrote.error.code, message } };
  }
  return { state: 'unknown', error: { code: 'unknown_outcome', message: `${where(step)} was changed by someone else meanwhile.` } };
}
