/**
 * Authorizations (API tokens) of an account: list and refresh, create, rename, rotate, revoke.
 * Each public call resolves its account once and hands that target down. Tokens the app creates
 * or rotates go to the keychain (HeldTokens); views and their order come from shared/domain.
 * Mutations are never retried: a failure whose outcome is unknown says so and refreshes.
 */
import type { AuthorizationsSnapshot, AuthorizationView } from '../../shared/domain/authorization.js';
import { keepExpiredSince, sameForView, soonestFirst, tokenKind, toAuthorizationView } from '../../shared/domain/authorization.js';
import { viewSteps, ViewsAhead, type ViewCache, type ViewInputs } from '../../shared/domain/view-cache.js';
import type { NewToken } from '../../shared/contract.js';
import { err, ok, type AppError, type Result } from '../../shared/result.js';
import type { AuthorizationList, CreateAuthorizationBody, HerokuApi, Received } from '../heroku/client.js';
import { takeTurn } from '../heroku/turns.js';
import { runSteps, runStepsInTurns } from '../../shared/steps.js';
import type { HerokuAuthorization } from '../heroku/schemas.js';
import type { Logger, SecretStore, SettingsStore } from '../ports.js';
import { keychainFailure, type AccountService } from './account-service.js';
import { HeldTokens } from './held-tokens.js';

export interface AuthorizationServiceDeps {
  accounts: AccountService;
  secrets: SecretStore;
  store: SettingsStore;
  logger: Logger;
  now: () => number;
}

type SnapshotListener = (snapshot: AuthorizationsSnapshot) => void;

/** An account resolved once per call: its id and its API client. */
type Target = { accountId: string; api: HerokuApi };

/** Failures of a POST/PATCH/DELETE after which nobody knows whether Heroku did it. */
const OUTCOME_UNKNOWN = new Set(['timeout', 'offline', 'server_error', 'bad_response']);

/** Views built per turn of the event loop (a 1,000-token page is four steps and a sort). */
const VIEW_STEP = 250;

/** A snapshot built (maybe across turns), with what it was built from. */
interface Built {
  snapshot: AuthorizationsSnapshot;
  cache: ViewCache;
  previous: AuthorizationsSnapshot | undefined;
  inputs: ViewInputs;
}

export class AuthorizationService {
  private readonly snapshots = new Map<string, AuthorizationsSnapshot>();
  private readonly inFlight = new Map<string, Promise<Result<AuthorizationsSnapshot>>>();
  private readonly listeners = new Set<SnapshotListener>();
  /** Per account: bumped around every mutation, so a list that crossed one is not trusted. */
  private readonly generation = new Map<string, number>();
  /** Per account: the id of the authorization behind the key the app signs in with. */
  private readonly currentKeyIds = new Map<string, string | null>();
  /** Per account: the views the last refresh built, and the list they were built from. */
  private readonly views = new Map<string, { source: HerokuAuthorization[]; cache: ViewCache }>();
  private readonly held: HeldTokens;
  /** Per list made ahead: its pages' views made so far (the next page's start after them). */
  private readonly aheadRuns = new WeakMap<ViewsAhead<HerokuAuthorization>, Promise<void>>();

  constructor(private readonly deps: AuthorizationServiceDeps) {
    this.held = new HeldTokens(deps.secrets, deps.store, deps.logger);
  }

  /** Subscribes to every new snapshot (after refresh or a mutation). */
  onChanged(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last known list of an account, fetching it the first time. */
  async list(accountId?: string): Promise<Result<AuthorizationsSnapshot>> {
    const target = await this.deps.accounts.api(accountId);
    if (!target.ok) return target;
    const cached = this.snapshots.get(target.value.accountId);
    return cached ? ok(cached) : this.refreshTarget(target.value);
  }

  /** The cached snapshot of an account without touching the network. */
  cached(accountId: string): AuthorizationsSnapshot | null {
    return this.snapshots.get(accountId) ?? null;
  }

  /** Fetches the list again; concurrent callers share one request per account. */
  async refresh(accountId?: string): Promise<Result<AuthorizationsSnapshot>> {
    const target = await this.deps.accounts.api(accountId);
    return target.ok ? this.refreshTarget(target.value) : target;
  }

  private refreshTarget({ accountId, api }: Target): Promise<Result<AuthorizationsSnapshot>> {
    const running = this.inFlight.get(accountId);
    if (running) return running;
    const p = this.doRefresh(accountId, api).finally(() => this.inFlight.delete(accountId));
    this.inFlight.set(accountId, p);
    return p;
  }

  private gen(accountId: string): number {
    return this.generation.get(accountId) ?? 0;
  }

  private bump(accountId: string): void {
    this.generation.set(accountId, this.gen(accountId) + 1);
  }

  /** Forgets per-account caches (after sign-in with another key, or removal). */
  forget(accountId: string): void {
    this.currentKeyIds.delete(accountId);
    this.snapshots.delete(accountId);
    this.views.delete(accountId);
    this.bump(accountId);
  }

  private async doRefresh(accountId: string, api: HerokuApi): Promise<Result<AuthorizationsSnapshot>> {
    // A list answered while a create/rotate/revoke was under way predates it: fetch again.
    let started: number;
    let heldBefore: Set<string>;
    let res: Result<AuthorizationList>;
    let tries = 0;
    // `~` names the authorization behind the calling key; asked once per account and run, at the
    // same time as the list rather than after it (one round trip less before the first list shows).
    const self = this.currentKeyIds.has(accountId) ? null : api.getAuthorization('~');
    let built: Built | null = null;
    let selfKnown = false;
    let ahead: ViewsAhead<HerokuAuthorization> | undefined;
    do {
      started = this.gen(accountId);
      heldBefore = this.held.ids(accountId);
      ahead = undefined;
      res = await api.listAuthorizations({ onPage: (items, receivedAt) => (ahead = this.makeAhead(accountId, ahead, items, receivedAt, self)) });
      // Building a long list's views is a step of its own (heroku/turns.ts), and so is every
      // VIEW_STEP items of it and the sort: with 10 accounts refreshing at once, IPC and the tray
      // still run between any two steps.
      if (res.ok && res.value.value.length > 100) await takeTurn();
      // Which token is the app's own, known before the views are built (they mark it).
      if (res.ok && self && !selfKnown) {
        this.keepSelf(accountId, await self);
        selfKnown = true;
      }
      // A mutation that crossed the list or its views: fetch again (the views would predate it).
      built = res.ok && started === this.gen(accountId) ? await this.snapshotOf(accountId, res.value, this.snapshots.get(accountId), ahead) : null;
    } while (res.ok && started !== this.gen(accountId) && ++tries < 3);
    const settled = started === this.gen(accountId);
    if (self && !selfKnown) await self;
    const previous = this.snapshots.get(accountId);
    if (!res.ok) {
      // Keep the last good list on screen and say why it is stale.
      const stale: AuthorizationsSnapshot = {
        accountId,
        items: previous?.items ?? [],
        fetchedAt: previous?.fetchedAt ?? null,
        lastError: { ...res.error, at: new Date(this.deps.now()).toISOString() },
      };
      this.publish(stale);
      return res;
    }
    const list = res.value;
    // Tokens revoked elsewhere (Dashboard, CLI) are dead: remove the copies the app kept. Only
    // ids held before the list was asked for, and only if no mutation crossed it.
    if (settled && heldBefore.size > 0) {
      const live = new Set(list.value.map((a) => a.id));
      for (const gone of [...heldBefore].filter((h) => !live.has(h))) await this.held.drop(accountId, gone);
    }
    // After three crossed tries the last list is shown anyway, as before: its views built now.
    // Likewise when the held tokens, the app's own key or the last snapshot changed meanwhile.
    if (!built || !this.stillCurrent(accountId, built)) built = runSteps(this.viewSteps(accountId, list, this.snapshots.get(accountId)));
    this.views.set(accountId, { source: list.value, cache: built.cache });
    this.publish(built.snapshot);
    return ok(built.snapshot);
  }

  /**
   * Views of a page's items made while the next page is on its way (ViewsAhead): a turn of their
   * own per VIEW_STEP items, queued behind the page's own steps. The walk at the end takes those it
   * would make the same (same previous views, held and own-key flags), so a first list's views
   * cost little after its last page. Returns the list's ViewsAhead (a new one for a new list).
   */
  private makeAhead(
    accountId: string,
    ahead: ViewsAhead<HerokuAuthorization> | undefined,
    items: readonly HerokuAuthorization[],
    receivedAt: number,
    self: Promise<Result<Received<HerokuAuthorization>>> | null,
  ): ViewsAhead<HerokuAuthorization> {
    const into = ahead?.receivedAt === receivedAt ? ahead : new ViewsAhead<HerokuAuthorization>(this.views.get(accountId)?.cache ?? null, receivedAt, sameForView);
    // One page after another: pages that come close together would otherwise have their steps
    // interleaved, and views made out of the list's order cannot be taken by position at the end
    // (the walk then looked each one up and built the cache's map anew: 4 of 8 first refreshes
    // of 10,000 tokens did, in one measured run).
    const run = (this.aheadRuns.get(into) ?? Promise.resolve())
      .then(async () => {
        // The app's own key, if `~` has answered by now (else the walk marks it, making that view anew).
        const me = self ? await Promise.race([self, Promise.resolve(null)]) : null;
        const currentKeyId = me?.ok ? me.value.value.id : this.currentKeyIds.get(accountId);
        const inputs = { receivedAt, nowMs: this.deps.now(), held: this.held.ids(accountId), currentKeyId };
        await takeTurn();
        await runStepsInTurns(into.addSteps(items, inputs, this.builder(accountId, inputs), VIEW_STEP), takeTurn);
      })
      .catch((e: unknown) => {
        // Only an early start is lost: the walk at the end makes every view it finds missing.
        this.deps.logger.warn('views made ahead of a list failed', { accountId, error: e instanceof Error ? e.message : String(e) });
      });
    this.aheadRuns.set(into, run);
    return into;
  }

  /** Keeps the answer of `GET /oauth/authorizations/~` (asked beside a list that loaded; a key that cannot ask is asked again next time). */
  private keepSelf(accountId: string, me: Result<{ value: HerokuAuthorization }>): void {
    if (me.ok) this.currentKeyIds.set(accountId, me.value.value.id);
    else if (me.error.code === 'not_found' || me.error.code === 'forbidden') this.currentKeyIds.set(accountId, null);
  }

  /** Whether views built across turns still stand on what they were built from. */
  private stillCurrent(accountId: string, b: Built): boolean {
    if (b.previous !== this.snapshots.get(accountId) || b.inputs.currentKeyId !== this.currentKeyIds.get(accountId)) return false;
    // Held flags: none added since, and none dropped that the list shows (a token revoked
    // elsewhere is dropped from the keychain after the build, but it is not in the list).
    const held = this.held.ids(accountId);
    for (const id of held) if (!b.inputs.held.has(id)) return false;
    for (const id of b.inputs.held) if (!held.has(id) && b.cache.entries.has(id)) return false;
    return true;
  }

  /**
   * The new snapshot of a list, built in steps with turns between them (a long list). A list that
   * answered 304 throughout is the one the last snapshot was built from: keep that snapshot (no
   * views built, no sort) with a new fetchedAt. Otherwise views are built incrementally
   * (shared/domain/view-cache.ts). Nothing is kept here: doRefresh keeps what it publishes.
   */
  private snapshotOf(accountId: string, list: AuthorizationList, previous: AuthorizationsSnapshot | undefined, ahead?: ViewsAhead<HerokuAuthorization>): Promise<Built> {
    return runStepsInTurns(this.viewSteps(accountId, list, previous, ahead), takeTurn);
  }

  /** Makes a view from scratch (`was`: the item's previous expiresAt, for keepExpiredSince). */
  private builder(accountId: string, inputs: ViewInputs): (a: HerokuAuthorization, was: string | null | undefined) => AuthorizationView {
    return (a, was) => {
      const view = toAuthorizationView(a, { accountId, receivedAt: inputs.receivedAt, held: inputs.held, currentKeyId: inputs.currentKeyId, nowMs: this.deps.now() });
      return keepExpiredSince(view, was, inputs.receivedAt);
    };
  }

  private *viewSteps(accountId: string, list: AuthorizationList, previous: AuthorizationsSnapshot | undefined, ahead?: ViewsAhead<HerokuAuthorization>): Generator<void, Built, void> {
    const fetchedAt = new Date(list.checkedAt ?? list.receivedAt).toISOString();
    const last = this.views.get(accountId);
    const held = this.held.ids(accountId);
    const inputs = { receivedAt: list.receivedAt, nowMs: this.deps.now(), held, currentKeyId: this.currentKeyIds.get(accountId) };
    if (list.notModified && previous && last?.source === list.value && last.cache.items === previous.items) {
      return { snapshot: { ...previous, fetchedAt, lastError: null }, cache: last.cache, previous, inputs };
    }
    const { cache } = yield* viewSteps(last?.cache ?? null, list.value, inputs, this.builder(accountId, inputs), soonestFirst, VIEW_STEP, ahead);
    return { snapshot: { accountId, items: cache.items, fetchedAt, lastError: null }, cache, previous, inputs };
  }

  /** Creates a token, keeps it in the keychain, and returns it once. */
  async create(input: { description: string; scopes: string[]; expiresIn: number | null; accountId?: string }): Promise<Result<NewToken>> {
    const target = await this.deps.accounts.api(input.accountId);
    if (!target.ok) return target;
    const body: CreateAuthorizationBody = { description: input.description, scope: input.scopes };
    if (input.expiresIn !== null) body.expires_in = input.expiresIn;
    const res = await this.mutating(target.value.accountId, () => target.value.api.createAuthorization(body));
    return this.keepNewToken(target.value, res, 'create');
  }

  /** Runs a mutation so that lists fetched meanwhile are known to predate it. */
  private async mutating<T>(accountId: string, send: () => Promise<T>): Promise<T> {
    this.bump(accountId);
    try {
      return await send();
    } finally {
      this.bump(accountId);
    }
  }

  /** Regenerates a token: the old one stops working, the new one is kept and returned once. */
  async rotate(id: string, accountId?: string): Promise<Result<NewToken>> {
    const target = await this.deps.accounts.api(accountId);
    if (!target.ok) return target;
    const res = await this.mutating(target.value.accountId, () => target.value.api.regenerateAuthorization(id));
    // Whatever happened, a copy kept from before may now be dead: never hand it out again.
    if (!res.ok && OUTCOME_UNKNOWN.has(res.error.code)) await this.held.drop(target.value.accountId, id);
    return this.keepNewToken(target.value, res, 'rotate');
  }

  /** Changes a token's description. */
  async rename(id: string, description: string, accountId?: string): Promise<Result<AuthorizationView>> {
    const target = await this.deps.accounts.api(accountId);
    if (!target.ok) return target;
    const res = await this.mutating(target.value.accountId, () => target.value.api.updateAuthorization(id, { description }));
    if (!res.ok) return this.mutationFailed(target.value, res.error, 'rename');
    return ok(this.upsert(target.value.accountId, res.value));
  }

  /** Revokes a token by id (never by value) and forgets any copy the app kept. */
  async revoke(id: string, accountId?: string): Promise<Result<{ id: string }>> {
    const target = await this.deps.accounts.api(accountId);
    if (!target.ok) return target;
    const res = await this.mutating(target.value.accountId, () => target.value.api.deleteAuthorization(id));
    if (!res.ok && res.error.code !== 'not_found') return this.mutationFailed(target.value, res.error, 'revoke');
    // Heroku has revoked it: that is the user's outcome. A keychain that cannot delete the dead
    // token now keeps its id in heldTokens, so the next refresh (or account removal) retries.
    await this.held.drop(target.value.accountId, id);
    const snap = this.snapshots.get(target.value.accountId);
    if (snap) this.publish({ ...snap, items: snap.items.filter((a) => a.id !== id) });
    return ok({ id });
  }

  /** Reads a token the app holds; token_not_held explains how to get one. */
  async heldToken(id: string, accountId?: string): Promise<Result<string>> {
    const target = await this.deps.accounts.api(accountId);
    return target.ok ? this.held.read(target.value.accountId, id) : target;
  }

  private async keepNewToken(target: Target, res: Result<Received<HerokuAuthorization>>, action: 'create' | 'rotate'): Promise<Result<NewToken>> {
    if (!res.ok) return this.mutationFailed(target, res.error, action);
    const { accountId } = target;
    const id = res.value.value.id;
    this.held.markSeen(accountId, id);
    const rotatedOwnKey = action === 'rotate' && this.currentKeyIds.get(accountId) === id;
    const token = res.value.value.access_token?.token ?? null;
    if (!token || tokenKind(token) === 'masked' || tokenKind(token) === 'none') {
      void this.refreshTarget(target);
      return err('bad_response', `Heroku did not return the new token after ${action}. Rotate it again to get one.`);
    }
    // Rotating the key the app signs in with kills that key: sign in with the new one.
    if (rotatedOwnKey) {
      const replaced = await this.deps.accounts.replaceKey(accountId, token);
      if (!replaced.ok) this.deps.logger.warn('the rotated sign-in key could not be kept; the account must sign in again', { accountId });
    }
    try {
      await this.held.keep(accountId, id, token);
    } catch (e) {
      // The token exists at Heroku but could not be kept: show it once anyway, say it is not kept.
      this.deps.logger.warn(`token from ${action} could not be stored in the keychain`, { accountId });
      if (action === 'rotate') await this.held.drop(accountId, id);
      const view = this.upsert(accountId, res.value);
      const failure = keychainFailure<NewToken>(e);
      if (!failure.ok) this.deps.logger.warn(failure.error.message);
      return ok({ authorization: view, token, kept: false });
    }
    const view = this.upsert(accountId, res.value);
    this.deps.logger.info(`authorization ${action}d`, { accountId, authorizationId: view.id });
    return ok({ authorization: view, token, kept: true });
  }

  private mutationFailed<T>(target: Target, error: AppError, action: string): Result<T> {
    if (!OUTCOME_UNKNOWN.has(error.code)) return { ok: false, error };
    // Never retry a mutation: find out what happened by listing again (same account, same client).
    void this.refreshTarget(target);
    return err(
      'unknown_outcome',
      `${error.message} It is not known whether the ${action} happened; the list is being refreshed to find out.`,
    );
  }

  private upsert(accountId: string, received: Received<HerokuAuthorization>): AuthorizationView {
    const view = this.toView(accountId, received.value, received.receivedAt, this.held.ids(accountId));
    const snap = this.snapshots.get(accountId) ?? { accountId, items: [], fetchedAt: null, lastError: null };
    const items = [...snap.items.filter((a) => a.id !== view.id), view];
    this.publish({ ...snap, items: soonestFirst(items, snap.items) });
    return view;
  }

  private publish(snapshot: AuthorizationsSnapshot): void {
    this.snapshots.set(snapshot.accountId, snapshot);
    for (const l of this.listeners) l(snapshot);
  }

  private toView(accountId: string, a: HerokuAuthorization, receivedAt: number, held: Set<string>): AuthorizationView {
    return toAuthorizationView(a, { accountId, receivedAt, held, currentKeyId: this.currentKeyIds.get(accountId), nowMs: this.deps.now() });
  }
}
