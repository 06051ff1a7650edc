/**
 * The Heroku CLI's login: which authorization it is (held tokens exactly, else Heroku's mask,
 * else by asking Heroku with that key), whether Heroku still takes it, and — only on an explicit
 * action — giving the CLI a token ("Use for Heroku CLI"), renewing it, and restoring the login
 * from before the app changed it. The previous login lives only in the app's keychain entry.
 */
import type { AuthorizationView } from '../../shared/domain/authorization.js';
import { last4 } from '../../shared/domain/authorization.js';
import { CLI_LOGIN_EXPIRED, type CliLoginView } from '../../shared/domain/cli-login.js';
import { fingerprintOfListed, fits } from '../../shared/domain/consumers.js';
import { computeExpiresAt } from '../../shared/domain/expiry.js';
import type { NewToken } from '../../shared/contract.js';
import { err, ok, type AppError, type Result } from '../../shared/result.js';
import type { HerokuApi } from '../heroku/client.js';
import type { CliLoginStore, Logger, SecretStore, SettingsStore } from '../ports.js';
import { keychainFailure, type AccountService } from './account-service.js';
import { accountKey, CLI_PREVIOUS_LOGIN_KEY } from './secret-keys.js';

export interface CliLoginServiceDeps {
  cli: CliLoginStore;
  secrets: SecretStore;
  store: SettingsStore;
  accounts: AccountService;
  authorizations: {
    create(input: { description: string; scopes: string[]; expiresIn: number | null; accountId?: string }): Promise<Result<NewToken>>;
    heldToken(id: string, accountId?: string): Promise<Result<string>>;
    cached(accountId: string): { items: AuthorizationView[] } | null;
  };
  /** A client for another key (the CLI's), bound to the configured API origin. */
  apiFactory: (apiKey: string) => HerokuApi;
  /** This computer's name, for the new token's description. */
  hostname: string;
  now: () => number;
  logger: Logger;
}

/** What "Give the CLI a long-lived token" makes by default, as the seed advises: global, 1 year. */
export const CLI_TOKEN_DEFAULTS = { scopes: ['global'], expiresIn: 365 * 24 * 3600 } as const;

const FEDERATED =
  'This is an SSO (federated) account: Heroku does not let it create long-lived tokens. Heroku recommends a non-SSO account for tokens that must last.';

const ENV_OVERRIDES =
  'HEROKU_API_KEY is set in the environment and overrides the new token for every heroku command, so the old key is not offered for revocation. Change HEROKU_API_KEY where it is set (shell profile, CI settings) to the new token.';
const OWN_KEY_KEPT = "The old token is also the key this app signs in with, so it was kept: revoke it only after signing the app in with another key.";
const REKEYED = 'The old token was also the key this app signs in with: the app now signs in with the new token, so the old one can be revoked.';

type UseInput = { accountId?: string; authorizationId?: string; scopes?: string[]; expiresIn?: number | null };

export class CliLoginService {
  /** Per account: its SSO identity (an account does not turn federated between two looks). */
  private readonly ssoCache = new Map<string, CliLoginView['sso']>();

  constructor(private readonly d: CliLoginServiceDeps) {}

  /** The CLI login's authorization as last found (by status() or locate()). */
  private known: { accountId: string; authorizationId: string } | null = null;
  private locating: Promise<Result<void>> | null = null;

  /** Whether an authorization is the Heroku CLI's login, as last found. */
  isCliLogin(accountId: string, authorizationId: string): boolean {
    return this.known?.accountId === accountId && this.known.authorizationId === authorizationId;
  }

  /** Finds the CLI's authorization without the network (held token, Heroku's mask), for the expiry warnings; never rejects. */
  locate(): Promise<Result<void>> {
    this.locating ??= (async (): Promise<Result<void>> => {
      try {
        const cur = await this.current();
        const key = cur.ok ? cur.value?.key : undefined;
        const found = key ? ((await this.matchHeld(key)) ?? this.matchMasked(key)) : null;
        if (found) this.known = { accountId: found.accountId, authorizationId: found.item.id };
        else if (cur.ok && !cur.value) this.known = null;
        return cur.ok ? ok(undefined) : cur;
      } catch (e) {
        this.d.logger.warn('the Heroku CLI login could not be located', { code: errorCode(e) });
        return err('cli_login_unavailable', "The Heroku CLI's login could not be read.");
      } finally {
        this.locating = null;
      }
    })();
    return this.locating;
  }

  /** The CLI store's current login; a store that throws (EACCES and the like) becomes an error state. */
  private async current(): Promise<Awaited<ReturnType<CliLoginStore['current']>>> {
    try {
      return await this.d.cli.current();
    } catch (e) {
      this.d.logger.warn("the Heroku CLI's login could not be read", { code: errorCode(e) });
      return err('cli_login_unavailable', `The Heroku CLI's login could not be read (${errorCode(e)}).`);
    }
  }

  /** Where the CLI's login is, which authorization it is, and whether Heroku still takes it. */
  async status(): Promise<Result<CliLoginView>> {
    const r = await this.computeStatus();
    if (r.ok) this.known = r.value.accountId && r.value.authorizationId ? { accountId: r.value.accountId, authorizationId: r.value.authorizationId } : null;
    return r;
  }

  private async computeStatus(): Promise<Result<CliLoginView>> {
    const loc = await this.d.cli.location();
    const view: CliLoginView = {
      store: loc.store,
      storeLabel: loc.label,
      envOverride: loc.envOverride,
      state: 'none',
      source: null,
      login: null,
      accountId: null,
      authorizationId: null,
      match: null,
      expiresAt: null,
      canRestore: await this.hasPrevious(),
      sso: await this.sso(),
      message: null,
    };
    const cur = await this.current();
    if (!cur.ok) return ok({ ...view, state: 'unknown', message: cur.error.message });
    if (!cur.value) return ok(view);
    Object.assign(view, { source: cur.value.source, login: cur.value.login });
    const found = (await this.matchHeld(cur.value.key)) ?? this.matchMasked(cur.value.key);
    if (found) {
      // Found in a fresh list: alive unless the list says it has expired (a revoked one is not listed).
      Object.assign(view, { accountId: found.accountId, authorizationId: found.item.id, match: found.how, expiresAt: found.item.expiresAt });
      const ended = found.item.expiresAt !== null && Date.parse(found.item.expiresAt) <= this.d.now();
      return ok(ended ? { ...view, state: 'expired', message: CLI_LOGIN_EXPIRED } : { ...view, state: 'ok' });
    }
    // Not in any list: one request with the CLI's own key (to the configured origin only) says
    // whether Heroku still takes it, and which authorization it is.
    const self = await this.d.apiFactory(cur.value.key).getAuthorization('~');
    if (!self.ok) {
      if (self.error.code === 'unauthorized') return ok({ ...view, state: 'expired', message: CLI_LOGIN_EXPIRED });
      return ok({ ...view, state: 'unknown', message: self.error.message });
    }
    const a = self.value.value;
    const expiresAt = computeExpiresAt(self.value.receivedAt, a.access_token?.expires_in ?? null);
    return ok({ ...view, state: 'ok', authorizationId: a.id, accountId: this.ownerOf(a.id), match: 'lookup', expiresAt });
  }

  /**
   * "Use for Heroku CLI": gives the CLI a held token (authorizationId) or a new one, writing its
   * store the way the CLI does. The login from before the app first changed it is kept first.
   */
  async use(input: UseInput): Promise<Result<CliLoginView>> {
    const r = await this.give(input);
    return r.ok ? this.status() : r;
  }

  /** use() without the status: the token given, for Renew. */
  private async give(input: UseInput): Promise<Result<{ accountId: string; token: string }>> {
    const target = await this.d.accounts.api(input.accountId);
    if (!target.ok) return target;
    const accountId = target.value.accountId;
    const email = this.d.accounts.list().find((a) => a.id === accountId)?.email;
    if (!email) return err('not_found', 'No such account is signed in.');
    // The login as it is now: kept as "previous" before the first change, and put back if install fails.
    const snap = await this.d.cli.snapshot(email);
    if (!snap.ok) return snap;
    const kept = await this.keepPrevious(snap.value);
    if (!kept.ok) return kept;
    const token = await this.tokenFor(accountId, input);
    if (!token.ok) {
      if (kept.value === 'new') await this.forgetPrevious(); // nothing was written
      return token;
    }
    const installed = await this.d.cli.install(email, token.value);
    if (!installed.ok) return this.rollBack(snap.value, kept.value, installed.error);
    this.d.logger.info('gave the Heroku CLI a token', { accountId, store: installed.value.store });
    return ok({ accountId, token: token.value });
  }

  /**
   * "Renew": a new token for the CLI like the one it has. The old one is offered for revocation
   * (after confirmation) only when nothing still needs it; `note` says what happened and why.
   */
  async renew(): Promise<Result<{ status: CliLoginView; previous: { accountId: string; id: string } | null; note: string | null }>> {
    const before = await this.status();
    if (!before.ok) return before;
    const old = before.value;
    if (old.state === 'none') return err('not_found', 'The Heroku CLI is not logged in here: use "Give the CLI a long-lived token".');
    const oldKey = await this.current();
    const item = old.accountId && old.authorizationId ? this.d.authorizations.cached(old.accountId)?.items.find((a) => a.id === old.authorizationId) : undefined;
    const given = await this.give({ accountId: old.accountId ?? undefined, scopes: item?.scopes });
    if (!given.ok) return given;
    const status = await this.status();
    if (!status.ok) return status;
    if (old.source === 'env') return ok({ status: status.value, previous: null, note: ENV_OVERRIDES });
    const previous = old.accountId && old.authorizationId && old.authorizationId !== status.value.authorizationId ? { accountId: old.accountId, id: old.authorizationId } : null;
    if (!previous || !oldKey.ok || !oldKey.value) return ok({ status: status.value, previous, note: null });
    // The old CLI key may be the key the app itself signs in with (imported from the CLI's stores).
    const own = await this.ownerOfKey(oldKey.value.key);
    if (!own.ok) return ok({ status: status.value, previous: null, note: `The old token was kept: ${own.error.message}` });
    if (own.value === null) return ok({ status: status.value, previous, note: null });
    if (own.value !== given.value.accountId) return ok({ status: status.value, previous: null, note: OWN_KEY_KEPT });
    const rekeyed = await this.d.accounts.replaceKey(own.value, given.value.token);
    if (!rekeyed.ok) return ok({ status: status.value, previous: null, note: `${OWN_KEY_KEPT} (${rekeyed.error.message})` });
    this.d.logger.info('the app now signs in with the Heroku CLI\'s new token', { accountId: own.value });
    return ok({ status: status.value, previous, note: REKEYED });
  }

  /** The signed-in account whose own key this is, or null. */
  private async ownerOfKey(key: string): Promise<Result<string | null>> {
    try {
      for (const a of this.d.accounts.list()) if ((await this.d.secrets.get(accountKey(a.id))) === key) return ok(a.id);
    } catch (e) {
      return keychainFailure(e);
    }
    return ok(null);
  }

  /** "Restore previous CLI login": puts back, byte for byte, the login from before the app changed it. */
  async restore(): Promise<Result<CliLoginView>> {
    let snapshot: string | null;
    try {
      snapshot = await this.d.secrets.get(CLI_PREVIOUS_LOGIN_KEY);
    } catch (e) {
      return keychainFailure(e);
    }
    if (!snapshot) return err('not_found', 'There is no previous Heroku CLI login to restore.');
    const r = await this.d.cli.restore(snapshot);
    if (!r.ok) return r;
    await this.forgetPrevious();
    return this.status();
  }

  private async tokenFor(accountId: string, input: { authorizationId?: string; scopes?: string[]; expiresIn?: number | null }): Promise<Result<string>> {
    if (input.authorizationId) return this.d.authorizations.heldToken(input.authorizationId, accountId);
    const scopes = input.scopes?.length ? input.scopes : [...CLI_TOKEN_DEFAULTS.scopes];
    const expiresIn = input.expiresIn === undefined ? CLI_TOKEN_DEFAULTS.expiresIn : input.expiresIn;
    const description = `Heroku CLI on ${this.d.hostname} (${scopes.join(', ')}, ${lifetimeWords(expiresIn)})`;
    const created = await this.d.authorizations.create({ description, scopes, expiresIn, accountId });
    if (!created.ok) return created.error.code === 'forbidden' && (await this.sso()) ? err('federated_account', FEDERATED) : created;
    return ok(created.value.token);
  }

  /** Keeps the CLI's login before the first change; 'new' when kept now, 'kept' when one was already. */
  private async keepPrevious(snapshot: string): Promise<Result<'new' | 'kept'>> {
    if (await this.hasPrevious()) return ok('kept');
    try {
      await this.d.secrets.set(CLI_PREVIOUS_LOGIN_KEY, snapshot);
    } catch (e) {
      return keychainFailure(e); // never change the CLI's login without a way back
    }
    return ok('new');
  }

  /** A failed install may have written part of the login: put the snapshot back; forget the kept login only if that worked. */
  private async rollBack(snapshot: string, kept: 'new' | 'kept', error: AppError): Promise<Result<never>> {
    const restored = await this.d.cli.restore(snapshot);
    if (restored.ok) {
      if (kept === 'new') await this.forgetPrevious();
      return err(error.code, `${error.message} The previous Heroku CLI login was put back.`);
    }
    this.d.logger.warn('the previous Heroku CLI login could not be put back after a failed install', { code: restored.error.code });
    return err(error.code, `${error.message} Putting the previous Heroku CLI login back failed too (${restored.error.message}); it is kept: use "Restore previous CLI login".`);
  }

  private async hasPrevious(): Promise<boolean> {
    try {
      return (await this.d.secrets.get(CLI_PREVIOUS_LOGIN_KEY)) !== null;
    } catch {
      return false;
    }
  }

  private async forgetPrevious(): Promise<void> {
    try {
      await this.d.secrets.delete(CLI_PREVIOUS_LOGIN_KEY);
    } catch {
      this.d.logger.warn('the kept previous CLI login could not be deleted from the keychain');
    }
  }

  /** The held token equal to the key, in any account. */
  private async matchHeld(key: string): Promise<{ accountId: string; item: AuthorizationView; how: 'held' } | null> {
    const held = this.d.store.read().heldTokens;
    for (const [accountId, ids] of Object.entries(held)) {
      for (const id of ids) {
        const t = await this.d.authorizations.heldToken(id, accountId);
        if (!t.ok || t.value !== key) continue;
        const item = this.d.authorizations.cached(accountId)?.items.find((a) => a.id === id);
        if (item) return { accountId, item, how: 'held' };
      }
    }
    return null;
  }

  /**
   * The one listed authorization whose (masked) token fits the key: its prefix family where the
   * list shows one, and its last four (as consumers match "likely"). A held token is never a fit
   * (its full value is known and was not the key); more than one fit is a guess, so none.
   */
  private matchMasked(key: string): { accountId: string; item: AuthorizationView; how: 'masked' } | null {
    if (!last4(key)) return null;
    const held = this.d.store.read().heldTokens;
    const hits: Array<{ accountId: string; item: AuthorizationView }> = [];
    for (const a of this.d.accounts.list()) {
      const heldIds = new Set(held[a.id] ?? []);
      for (const item of this.d.authorizations.cached(a.id)?.items ?? []) {
        const fp = fingerprintOfListed(item.tokenKind, item.tokenLast4);
        if (fp && !heldIds.has(item.id) && fits(key, fp)) hits.push({ accountId: a.id, item });
      }
    }
    return hits.length === 1 ? { ...hits[0]!, how: 'masked' } : null;
  }

  private ownerOf(authorizationId: string): string | null {
    return this.d.accounts.list().find((a) => this.d.authorizations.cached(a.id)?.items.some((i) => i.id === authorizationId))?.id ?? null;
  }

  /** The active account's SSO identity (GET /account `federated`), or null. */
  private async sso(): Promise<CliLoginView['sso']> {
    const target = await this.d.accounts.api();
    if (!target.ok) return null;
    if (this.ssoCache.has(target.value.accountId)) return this.ssoCache.get(target.value.accountId) ?? null;
    const who = await target.value.api.getAccount();
    if (!who.ok) return null;
    const idp = (who.value as { identity_provider?: { name?: unknown } | null }).identity_provider;
    const sso = (who.value as { federated?: unknown }).federated === true ? { identityProvider: typeof idp?.name === 'string' ? idp.name : null } : null;
    this.ssoCache.set(target.value.accountId, sso);
    return sso;
  }
}

/** A thrown error's code (EACCES…) or name: never its message, which might quote a value. */
function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.name : 'unknown error';
}

/** "1 year", "30 days", "8 hours", "never expires". */
export function lifetimeWords(seconds: number | null): string {
  if (seconds === null) return 'never expires';
  const day = 24 * 3600;
  if (seconds % (365 * day) === 0) return seconds === 365 * day ? '1 year' : `${seconds / (365 * day)} years`;
  if (seconds % day === 0) return seconds === day ? '1 day' : `${seconds / day} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? '1 hour' : `${seconds / 3600} hours`;
  return `${Math.round(seconds / 60)} minutes`;
}
