/**
 * Finds where an account's tokens are used: every app's config vars (`GET /apps`, then one
 * `GET /apps/{app}/config-vars` per app: apps + 1 requests, pages aside) and the local files the
 * user added. Each token-shaped value is matched (shared/domain/consumers.ts) and dropped at
 * once: only app or file, variable name, authorization id and match kind are kept (rule 7).
 * When Heroku's RateLimit-Remaining runs low the scan pauses rather than starve the app.
 */
import { consumerKey, fingerprintOfListed, isTokenShaped, matchValue } from '../../shared/domain/consumers.js';
import type { Consumer, ConsumersSnapshot, MatchInput, ScanEstimate, ScanProgress } from '../../shared/domain/consumers.js';
import { findAssignments } from '../../shared/domain/env-file.js';
import type { AuthorizationsSnapshot } from '../../shared/domain/authorization.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { HerokuApi } from '../heroku/client.js';
import { ConsumerFileError, type Clock, type ConsumerFiles, type ConsumerStore, type Logger, type SecretStore } from '../ports.js';
import { accountKey } from './secret-keys.js';

/** What the scan needs of the authorizations side (kept narrow: that service is being split). */
export interface AuthorizationSource {
  list(accountId?: string): Promise<Result<AuthorizationsSnapshot>>;
  refresh(accountId?: string): Promise<Result<AuthorizationsSnapshot>>;
  heldToken(id: string, accountId?: string): Promise<Result<string>>;
}

export interface ConsumerScanDeps {
  api(accountId?: string): Promise<Result<{ accountId: string; api: HerokuApi }>>;
  authorizations: AuthorizationSource;
  secrets: SecretStore;
  files: ConsumerFiles;
  store: ConsumerStore;
  clock: Clock;
  logger: Logger;
  /** Pause while RateLimit-Remaining is below this (default 250 of Heroku's 4,500/hour). */
  reserve?: number;
  /** How long one pause lasts before the budget is asked again (default 60 s). */
  pauseMs?: number;
  onProgress?: (p: ScanProgress) => void;
  onChanged?: (s: ConsumersSnapshot) => void;
}

/** A token-shaped value nothing matched yet (held in memory during one scan only). */
interface Unsure {
  kind: 'app' | 'file';
  location: string;
  varName: string;
  value: string;
  consumer: Consumer;
}

interface Problem {
  location: string;
  message: string;
}

export class ConsumerScanService {
  private readonly running = new Map<string, Promise<Result<ConsumersSnapshot>>>();
  private readonly problems = new Map<string, Problem[]>();

  constructor(private readonly deps: ConsumerScanDeps) {}

  /** What a scan will cost: apps + 1 requests (apps known from the last scan, else unknown). */
  async estimate(accountId?: string): Promise<Result<ScanEstimate>> {
    const target = await this.deps.api(accountId);
    if (!target.ok) return target;
    const id = target.value.accountId;
    const state = this.deps.store.read();
    const apps = state.scannedAt[id] ? (state.appCounts?.[id] ?? null) : null;
    return ok({
      accountId: id,
      apps,
      requests: apps === null ? null : apps + 1,
      files: state.files.length,
      rateLimitRemaining: target.value.api.rateLimitRemaining(),
    });
  }

  /** What is known for an account, without scanning. */
  snapshot(accountId: string): ConsumersSnapshot {
    const state = this.deps.store.read();
    return {
      accountId,
      consumers: state.consumers.filter((c) => c.accountId === accountId),
      files: state.files,
      scannedAt: state.scannedAt[accountId] ?? null,
      problems: this.problems.get(accountId) ?? [],
    };
  }

  /** Scans apps and files of an account; concurrent calls share one scan. */
  async scan(accountId?: string): Promise<Result<ConsumersSnapshot>> {
    const target = await this.deps.api(accountId);
    if (!target.ok) return target;
    const id = target.value.accountId;
    const running = this.running.get(id);
    if (running) return running;
    const p = this.doScan(id, target.value.api).finally(() => this.running.delete(id));
    this.running.set(id, p);
    return p;
  }

  private async doScan(accountId: string, api: HerokuApi): Promise<Result<ConsumersSnapshot>> {
    const input = await this.matchInput(accountId);
    if (!input.ok) return input;
    const apps = await api.listApps();
    if (!apps.ok) return apps;
    const found: Consumer[] = [];
    // Broken ones wait for one re-check against a fresh list; their values live only until then.
    const unsure: Unsure[] = [];
    const problems: Problem[] = [];
    const total = apps.value.apps.length;
    let done = 0;
    for (const app of apps.value.apps) {
      await this.waitForBudget(accountId, api, done, total);
      const vars = await api.getConfigVars(app.name);
      done += 1;
      this.deps.onProgress?.({ accountId, done, total, paused: false });
      if (!vars.ok) {
        problems.push({ location: `app ${app.name}`, message: vars.error.message });
        continue;
      }
      for (const [name, value] of Object.entries(vars.value)) this.collect(accountId, 'app', app.name, name, value, input.value.match, found, unsure);
    }
    problems.push(...(await this.scanFiles(accountId, input.value.match, found, unsure)));
    found.push(...(await this.recheck(accountId, input.value.fresh, unsure)));
    this.problems.set(accountId, problems);
    this.deps.store.update((s) => ({
      ...s,
      consumers: [...s.consumers.filter((c) => c.accountId !== accountId), ...found],
      scannedAt: { ...s.scannedAt, [accountId]: new Date(this.deps.clock.now()).toISOString() },
      appCounts: { ...s.appCounts, [accountId]: total },
    }));
    this.deps.logger.info('consumer scan finished', { accountId, apps: total, consumers: found.length, problems: problems.length });
    return ok(this.publish(accountId));
  }

  /**
   * A value no listed token matches may be a token made since the list was fetched: unless the
   * list is from this scan, fetch it once more (one request, only when something looks broken).
   */
  private async recheck(accountId: string, fresh: boolean, unsure: Unsure[]): Promise<Consumer[]> {
    if (unsure.length === 0) return [];
    let input: MatchInput | null = null;
    if (!fresh) {
      const again = await this.matchInput(accountId, true);
      if (again.ok) input = again.value.match;
    }
    const out = unsure.map((u) => (input ? (this.match(accountId, u.kind, u.location, u.varName, u.value, input) ?? u.consumer) : u.consumer));
    unsure.length = 0;
    return out;
  }

  private collect(accountId: string, kind: 'app' | 'file', location: string, varName: string, value: string, input: MatchInput, found: Consumer[], unsure: Unsure[]): void {
    const hit = this.match(accountId, kind, location, varName, value, input);
    if (!hit) return;
    if (hit.match === 'broken') unsure.push({ kind, location, varName, value, consumer: hit });
    else found.push(hit);
  }

  /** Reads the local files again (no API call): after a file changed on disk. */
  async rescanFiles(accountId: string): Promise<Result<ConsumersSnapshot>> {
    const input = await this.matchInput(accountId);
    if (!input.ok) return input;
    const found: Consumer[] = [];
    const unsure: Unsure[] = [];
    const problems = await this.scanFiles(accountId, input.value.match, found, unsure);
    found.push(...(await this.recheck(accountId, input.value.fresh, unsure)));
    const appProblems = (this.problems.get(accountId) ?? []).filter((p) => p.location.startsWith('app '));
    this.problems.set(accountId, [...appProblems, ...problems]);
    this.deps.store.update((s) => ({
      ...s,
      consumers: [...s.consumers.filter((c) => c.accountId !== accountId || c.kind !== 'file'), ...found],
    }));
    return ok(this.publish(accountId));
  }

  private async scanFiles(accountId: string, input: MatchInput, found: Consumer[], unsure: Unsure[]): Promise<Problem[]> {
    const problems: Problem[] = [];
    for (const file of this.deps.store.read().files) {
      let text: string;
      try {
        text = await this.deps.files.read(file);
      } catch (e) {
        problems.push({ location: `file ${file}`, message: e instanceof ConsumerFileError ? e.message : `${file} could not be read.` });
        continue;
      }
      for (const a of findAssignments(text)) this.collect(accountId, 'file', file, a.name, a.value, input, found, unsure);
    }
    return problems;
  }

  private match(accountId: string, kind: 'app' | 'file', location: string, varName: string, value: string, input: MatchInput): Consumer | null {
    if (!isTokenShaped(value, varName)) return null;
    const m = matchValue(value, input);
    if (!m) return null;
    return { key: consumerKey(kind, location, varName), accountId, kind, location, varName, ...m };
  }

  /**
   * Held tokens (keychain) by value, and every listed authorization's fingerprint. Memory only.
   * The cached list is used (no request) unless it was never fetched whole, or `refresh`.
   */
  private async matchInput(accountId: string, refresh = false): Promise<Result<{ match: MatchInput; fresh: boolean }>> {
    let list = refresh ? await this.deps.authorizations.refresh(accountId) : await this.deps.authorizations.list(accountId);
    let fresh = refresh;
    if (list.ok && list.value.fetchedAt === null) {
      list = await this.deps.authorizations.refresh(accountId);
      fresh = true;
    }
    if (!list.ok) return list;
    const held = new Map<string, string>();
    for (const view of list.value.items) {
      if (view.held) {
        const token = await this.deps.authorizations.heldToken(view.id, accountId);
        if (token.ok) held.set(token.value, view.id);
      }
      if (view.isCurrentKey) {
        const key = await this.deps.secrets.get(accountKey(accountId)).catch(() => null);
        if (key) held.set(key, view.id);
      }
    }
    const listed = list.value.items.map((v) => ({ id: v.id, fingerprint: fingerprintOfListed(v.tokenKind, v.tokenLast4) }));
    return ok({ match: { held, listed }, fresh });
  }

  /** Pauses while the budget is below the reserve; the pause asks the free rate-limits route. */
  private async waitForBudget(accountId: string, api: HerokuApi, done: number, total: number): Promise<void> {
    const reserve = this.deps.reserve ?? 250;
    let remaining = api.rateLimitRemaining();
    while (remaining !== null && remaining < reserve) {
      this.deps.onProgress?.({ accountId, done, total, paused: true });
      this.deps.logger.info('consumer scan paused: rate limit low', { accountId, remaining });
      await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, this.deps.pauseMs ?? 60_000));
      const fresh = await api.getRateLimitRemaining();
      remaining = fresh.ok ? fresh.value : remaining;
    }
  }

  /** Adds a local file to watch and scan (absolute path). */
  addFile(path: string): Result<string[]> {
    if (!/^(\/|[A-Za-z]:[\\/])/.test(path)) return err('invalid_params', 'Give the file’s full path.');
    const s = this.deps.store.update((st) => ({ ...st, files: [...new Set([...st.files, path])] }));
    return ok(s.files);
  }

  /** Stops using a local file (its consumers are forgotten). */
  removeFile(path: string): Result<string[]> {
    const s = this.deps.store.update((st) => ({
      ...st,
      files: st.files.filter((f) => f !== path),
      consumers: st.consumers.filter((c) => !(c.kind === 'file' && c.location === path)),
    }));
    return ok(s.files);
  }

  private publish(accountId: string): ConsumersSnapshot {
    const snap = this.snapshot(accountId);
    this.deps.onChanged?.(snap);
    return snap;
  }
}
