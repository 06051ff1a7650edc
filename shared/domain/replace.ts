/**
 * Replace: the plan the user confirms and the progress record of one run. The record is
 * persisted and shown in the popover, so it holds no token and no consumer value: only ids,
 * names and states (house rules 3 and 7).
 */
import type { Consumer, ConsumerKind } from './consumers.js';

/**
 * What a consumer holds as far as the app knows: `old` / `new` token (read back and verified),
 * `unknown` (a write whose answer never came and whose read-back failed too), `pending` (not
 * reached yet), `changed` (it holds neither token: someone changed it since the scan; nothing
 * was written there).
 */
export type StepState = 'pending' | 'old' | 'new' | 'unknown' | 'changed';

export interface ReplaceStep {
  consumerKey: string;
  kind: ConsumerKind;
  location: string;
  varName: string;
  state: StepState;
  /** Why the last action on it failed, in words (never a value). */
  error: { code: string; message: string } | null;
}

export type ReplaceStatus =
  | 'creating'
  | 'writing'
  /** Stopped at a failure: the old token stays valid; Retry or Roll back. */
  | 'failed'
  | 'revoking'
  | 'done'
  | 'rolling-back'
  | 'rolled-back';

export interface ReplaceOperation {
  id: string;
  accountId: string;
  oldAuthorizationId: string;
  /** Set once Heroku created the new token (it is in the keychain from then on). */
  newAuthorizationId: string | null;
  description: string;
  scopes: string[];
  /** Seconds, or null = never expires. */
  expiresIn: number | null;
  revokeOld: boolean;
  status: ReplaceStatus;
  steps: ReplaceStep[];
  /** Whether the old token was revoked at the end. */
  oldRevoked: boolean;
  error: { code: string; message: string } | null;
  startedAt: string;
  updatedAt: string;
}

/** What the user sees before confirming. */
export interface ReplacePlan {
  accountId: string;
  oldAuthorizationId: string;
  description: string;
  scopes: string[];
  /** Default: the old token's lifetime (created -> expires), null = never. */
  expiresIn: number | null;
  consumers: Consumer[];
  /** Apps whose config var change makes a release and restarts their dynos. */
  restarts: string[];
  revokeOld: boolean;
  /** Why Replace is not possible, if it is not (OAuth client tokens, nothing uses it...). */
  blocked: string | null;
}

/** True while the run may still change something (not failed, not finished). */
export const isRunning = (op: Pick<ReplaceOperation, 'status'>): boolean =>
  op.status === 'creating' || op.status === 'writing' || op.status === 'revoking' || op.status === 'rolling-back';

/** A step per consumer, in the plan's order, all on the old token. */
export function initialSteps(consumers: ReadonlyArray<Consumer>): ReplaceStep[] {
  return consumers.map((c) => ({ consumerKey: c.key, kind: c.kind, location: c.location, varName: c.varName, state: 'pending', error: null }));
}

/** "2 of 3 hold the new token" style summary of a run. */
export function progressLabel(op: Pick<ReplaceOperation, 'steps'>): string {
  const n = op.steps.filter((s) => s.state === 'new').length;
  return `${n} of ${op.steps.length} hold the new token`;
}

/** The result of a run: the record, and the token only if the keychain refused it (shown once). */
export interface ReplaceOutcome {
  operation: ReplaceOperation;
  unkeptToken: string | null;
}
