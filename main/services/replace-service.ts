/**
 * Replace a token without breaking what uses it: plan -> create the new token and keep it in the
 * keychain first -> write it to each consumer and read it back -> revoke the old token only when
 * every consumer verified. Stops at the first failure with the old token still valid and each
 * consumer's state exactly known; Retry continues, Roll back writes the old values back. The
 * progress record is persisted without any token or value; old values live in memory only, for
 * the run. The new token is created once per run: Retry never creates another.
 */
import { randomUUID } from 'node:crypto';
import { consumersOf } from '../../shared/domain/consumers.js';
import { initialSteps, isRunning, type ReplaceOperation, type ReplaceOutcome, type ReplacePlan } from '../../shared/domain/replace.js';
import type { NewToken } from '../../shared/contract.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { HerokuApi } from '../heroku/client.js';
import type { Clock, ConsumerFiles, ConsumerStore, Logger } from '../ports.js';
import type { AuthorizationSource } from './consumer-scan.js';
import { blockedReason, defaultLifetime, oldTokenTest, ordered, revokeMayHaveHappened, withStep } from './replace-plan.js';
import { appIO, fileIO, moveStep, type ConsumerIO } from './replace-steps.js';

/** What Replace needs of the authorizations side. */
export interface ReplaceAuthorizations extends AuthorizationSource {
  create(input: { description: string; scopes: string[]; expiresIn: number | null; accountId?: string }): Promise<Result<NewToken>>;
  revoke(id: string, accountId?: string): Promise<Result<{ id: string }>>;
}

export interface ReplaceDeps {
  api(accountId?: string): Promise<Result<{ accountId: string; api: HerokuApi }>>;
  authorizations: ReplaceAuthorizations;
  files: ConsumerFiles;
  store: ConsumerStore;
  clock: Clock;
  logger: Logger;
  onChanged?: (op: ReplaceOperation) => void;
}

export interface ReplaceStart {
  accountId?: string;
  authorizationId: string;
  expiresIn: number | null;
  revokeOld: boolean;
  /** Consumer keys in the order to write them (default: apps, then files). */
  order?: string[];
}


export class ReplaceService {
  /** Old values per run and consumer: memory only, dropped when the run ends. */
  private readonly oldValues = new Map<string, Map<string, string>>();
  private readonly busy = new Set<string>();

  constructor(private readonly deps: ReplaceDeps) {
    this.recover();
  }

  /**
   * Runs the app was stopped in the middle of (quit, crash) are stopped runs now: what each
   * consumer holds is read back on Retry; a create that may have happened is never repeated.
   */
  private recover(): void {
    const interrupted = this.deps.store.read().operations.filter((o) => isRunning(o));
    for (const op of interrupted) {
      const created = op.newAuthorizationId !== null;
      this.save({
        ...op,
        status: 'failed',
        error: {
          code: 'unknown_outcome',
          message: created
            ? 'The app stopped during this replace. Retry reads each consumer back before writing anything.'
            : 'The app stopped while creating the new token; it is not known whether Heroku created it.',
        },
      });
    }
  }

  /** The plan for replacing one token (nothing is changed). */
  async plan(authorizationId: string, accountId?: string): Promise<Result<ReplacePlan>> {
    const list = await this.deps.authorizations.list(accountId);
    if (!list.ok) return list;
    const view = list.value.items.find((a) => a.id === authorizationId);
    if (!view) return err('not_found', 'That token is not in the list any more.');
    const consumers = consumersOf(this.deps.store.read().consumers, authorizationId).filter((c) => c.accountId === list.value.accountId);
    return ok({
      accountId: list.value.accountId,
      oldAuthorizationId: view.id,
      description: view.description,
      scopes: view.scopes,
      expiresIn: defaultLifetime(view),
      consumers,
      restarts: [...new Set(consumers.filter((c) => c.kind === 'app').map((c) => c.location))],
      revokeOld: true,
      blocked: blockedReason(view, consumers),
    });
  }

  /** Every run of an account (newest last). */
  operations(accountId: string): ReplaceOperation[] {
    return this.deps.store.read().operations.filter((o) => o.accountId === accountId);
  }

  /** Starts a run from a plan the user confirmed. */
  async start(input: ReplaceStart): Promise<Result<ReplaceOutcome>> {
    const plan = await this.plan(input.authorizationId, input.accountId);
    if (!plan.ok) return plan;
    if (plan.value.blocked) return err('invalid_params', plan.value.blocked);
    const accountId = plan.value.accountId;
    if (this.operations(accountId).some((o) => o.oldAuthorizationId === input.authorizationId && o.status !== 'done' && o.status !== 'rolled-back')) {
      return err('invalid_params', 'A replace of this token is already under way or waiting: Retry or Roll back it.');
    }
    const at = new Date(this.deps.clock.now()).toISOString();
    const op: ReplaceOperation = {
      id: randomUUID(),
      accountId,
      oldAuthorizationId: input.authorizationId,
      newAuthorizationId: null,
      description: plan.value.description,
      scopes: plan.value.scopes,
      expiresIn: input.expiresIn,
      revokeOld: input.revokeOld,
      status: 'creating',
      steps: initialSteps(ordered(plan.value.consumers, input.order)),
      oldRevoked: false,
      error: null,
      startedAt: at,
      updatedAt: at,
    };
    this.save(op);
    return this.exclusive(op.id, () => this.create(op));
  }

  /** Continues a stopped run where it stopped (never creates a second token). */
  async retry(operationId: string): Promise<Result<ReplaceOutcome>> {
    const op = this.find(operationId);
    if (!op) return err('not_found', 'No such replace.');
    if (op.status !== 'failed') return err('invalid_params', 'Only a stopped replace can be retried.');
    if (op.newAuthorizationId === null) {
      // The create failed or its outcome is unknown: a token made then can never be read again.
      if (op.error?.code === 'unknown_outcome') return err('unknown_outcome', 'It is not known whether Heroku created the new token. Check the list, revoke a stray one, then start Replace again.');
      return this.exclusive(op.id, () => this.create(op));
    }
    return this.exclusive(op.id, () => this.forward(op));
  }

  /** Writes the old value back to every consumer that got the new token (or may have). */
  async rollback(operationId: string): Promise<Result<ReplaceOutcome>> {
    const op = this.find(operationId);
    if (!op) return err('not_found', 'No such replace.');
    if (op.oldRevoked) return err('invalid_params', REVOKED_NO_ROLLBACK);
    if (op.status !== 'failed') return err('invalid_params', 'Only a stopped replace whose old token is still valid can be rolled back.');
    if (revokeMayHaveHappened(op)) {
      // Writing back a token Heroku may have revoked would break every consumer: read the list first.
      const listed = await this.oldListed(op);
      if (listed === null) return err('unknown_outcome', 'It is not known whether the old token was revoked (the list could not be read). Retry first to find out; nothing was written.');
      if (!listed) {
        this.finish({ ...op, oldRevoked: true });
        return err('invalid_params', REVOKED_NO_ROLLBACK);
      }
    }
    return this.exclusive(op.id, () => this.backward(op));
  }

  /** Forgets a finished or rolled-back run. */
  dismiss(operationId: string): Result<{ id: string }> {
    const op = this.find(operationId);
    if (!op) return err('not_found', 'No such replace.');
    if (op.status !== 'done' && op.status !== 'rolled-back') return err('invalid_params', 'A stopped replace must be retried or rolled back first.');
    this.deps.store.update((s) => ({ ...s, operations: s.operations.filter((o) => o.id !== operationId) }));
    return ok({ id: operationId });
  }

  private async create(op: ReplaceOperation): Promise<Result<ReplaceOutcome>> {
    this.save({ ...op, status: 'creating', error: null });
    const made = await this.deps.authorizations.create({ description: op.description, scopes: op.scopes, expiresIn: op.expiresIn, accountId: op.accountId });
    if (!made.ok) return this.done({ ...op, status: 'failed', error: made.error });
    const withNew = { ...op, newAuthorizationId: made.value.authorization.id };
    if (!made.value.kept) {
      // Never lost: the keychain refused it, so it is handed over once, and nothing is written.
      const failed = this.save({ ...withNew, status: 'failed', error: { code: 'keychain_unavailable', message: 'The new token could not be kept in the keychain; copy it now. Nothing was written.' } });
      return ok({ operation: failed, unkeptToken: made.value.token });
    }
    this.deps.logger.info('replace: new token created and kept', { accountId: op.accountId, authorizationId: withNew.newAuthorizationId });
    return this.forward(this.save(withNew));
  }

  private async forward(start: ReplaceOperation): Promise<Result<ReplaceOutcome>> {
    let op = this.save({ ...start, status: 'writing', error: null });
    const token = await this.deps.authorizations.heldToken(op.newAuthorizationId!, op.accountId);
    if (!token.ok) return this.done({ ...op, status: 'failed', error: token.error });
    const io = await this.io(op.accountId);
    if (!io.ok) return this.done({ ...op, status: 'failed', error: io.error });
    const accepts = await oldTokenTest(this.deps.authorizations, op);
    if (!accepts.ok) return this.done({ ...op, status: 'failed', error: accepts.error });
    const memory = this.memory(op.id);
    for (const [i, step] of op.steps.entries()) {
      if (step.state === 'new') continue;
      const io1 = step.kind === 'app' ? io.value.app : io.value.file;
      const r = await moveStep(io1, step, token.value, 'new', 'old', {
        accepts: accepts.value,
        remember: (v) => {
          if (!memory.has(step.consumerKey)) memory.set(step.consumerKey, v);
        },
      });
      op = this.save(withStep(op, i, r));
      if (r.state !== 'new') return this.done({ ...op, status: 'failed', error: r.error });
    }
    if (!op.revokeOld) return this.finish(op);
    return this.revokeOld(op, start.error?.code === 'unknown_outcome');
  }

  /**
   * Revokes the old token once every consumer verified. A revoke whose outcome is unknown is
   * settled by reading the list, never by sending the DELETE again; so is a Retry after one.
   */
  private async revokeOld(start: ReplaceOperation, unsure: boolean): Promise<Result<ReplaceOutcome>> {
    const op = this.save({ ...start, status: 'revoking' });
    if (unsure && (await this.oldListed(op)) === false) return this.finish({ ...op, oldRevoked: true });
    const revoked = await this.deps.authorizations.revoke(op.oldAuthorizationId, op.accountId);
    if (revoked.ok) return this.finish({ ...op, oldRevoked: true });
    if (revoked.error.code !== 'unknown_outcome') {
      return this.done({ ...op, status: 'failed', error: { code: revoked.error.code, message: `Every consumer holds the new token, but the old one was not revoked: ${revoked.error.message}` } });
    }
    const listed = await this.oldListed(op);
    if (listed === false) {
      this.deps.logger.info('replace: the old token is gone from the list after a revoke without an answer', { operationId: op.id });
      return this.finish({ ...op, oldRevoked: true });
    }
    const message =
      listed === true
        ? 'Every consumer holds the new token. Heroku did not answer the revoke in time and the old token is still in the list, so it was not revoked; Retry revokes it.'
        : 'Every consumer holds the new token. Heroku did not answer the revoke and the list could not be read, so it is not known whether the old token was revoked; Retry finds out. Roll back waits until then.';
    return this.done({ ...op, status: 'failed', error: { code: 'unknown_outcome', message } });
  }

  /** Whether the old token is in the account's list now (a fresh read); null when it cannot be read. */
  private async oldListed(op: ReplaceOperation): Promise<boolean | null> {
    const list = await this.deps.authorizations.refresh(op.accountId);
    return list.ok ? list.value.items.some((a) => a.id === op.oldAuthorizationId) : null;
  }

  private async backward(start: ReplaceOperation): Promise<Result<ReplaceOutcome>> {
    let op = this.save({ ...start, status: 'rolling-back', error: null });
    const io = await this.io(op.accountId);
    if (!io.ok) return this.done({ ...op, status: 'failed', error: io.error });
    const memory = this.memory(op.id);
    for (let i = op.steps.length - 1; i >= 0; i--) {
      const step = op.steps[i]!;
      // Never written (changed since the scan, or not reached): nothing to take back.
      if (step.state === 'old' || step.state === 'pending' || step.state === 'changed') continue;
      const old = memory.get(step.consumerKey);
      if (old === undefined) {
        const error = { code: 'internal', message: `The old value of ${step.varName} is no longer known (the app restarted); set it by hand or Retry.` };
        return this.done({ ...withStep(op, i, { state: step.state, error }), status: 'failed', error });
      }
      const io1 = step.kind === 'app' ? io.value.app : io.value.file;
      const r = await moveStep(io1, step, old, 'old', step.state === 'unknown' ? 'unknown' : 'new');
      op = this.save(withStep(op, i, r));
      if (r.state !== 'old') return this.done({ ...op, status: 'failed', error: r.error });
    }
    this.oldValues.delete(op.id);
    return this.done({ ...op, status: 'rolled-back', error: null });
  }

  private finish(op: ReplaceOperation): Result<ReplaceOutcome> {
    this.oldValues.delete(op.id);
    // The consumers now use the new token: move them, so "Used by" follows it.
    const moved = new Set(op.steps.map((s) => s.consumerKey));
    this.deps.store.update((s) => ({
      ...s,
      consumers: s.consumers.map((c) => (c.accountId === op.accountId && moved.has(c.key) ? { ...c, authorizationId: op.newAuthorizationId, match: 'exact' as const } : c)),
    }));
    return this.done({ ...op, status: 'done', error: null });
  }

  private done(op: ReplaceOperation): Result<ReplaceOutcome> {
    const saved = this.save(op);
    if (saved.error) this.deps.logger.warn('replace stopped', { operationId: op.id, code: saved.error.code, status: saved.status });
    return ok({ operation: saved, unkeptToken: null });
  }

  private async io(accountId: string): Promise<Result<{ app: ConsumerIO; file: ConsumerIO }>> {
    const target = await this.deps.api(accountId);
    return target.ok ? ok({ app: appIO(target.value.api), file: fileIO(this.deps.files) }) : target;
  }

  private memory(id: string): Map<string, string> {
    let m = this.oldValues.get(id);
    if (!m) this.oldValues.set(id, (m = new Map()));
    return m;
  }

  private async exclusive<T>(id: string, run: () => Promise<Result<T>>): Promise<Result<T>> {
    if (this.busy.has(id)) return err('invalid_params', 'This replace is already running.');
    this.busy.add(id);
    try {
      return await run();
    } finally {
      this.busy.delete(id);
    }
  }

  private find(id: string): ReplaceOperation | null {
    return this.deps.store.read().operations.find((o) => o.id === id) ?? null;
  }

  private save(op: ReplaceOperation): ReplaceOperation {
    const next = { ...op, updatedAt: new Date(this.deps.clock.now()).toISOString() };
    this.deps.store.update((s) => ({ ...s, operations: [...s.operations.filter((o) => o.id !== op.id), next] }));
    this.deps.onChanged?.(next);
    return next;
  }
}

const REVOKED_NO_ROLLBACK = 'The old token has been revoked, so it cannot be written back: every consumer holds the new token, which is the one to use.';

export { defaultLifetime } from './replace-plan.js';
