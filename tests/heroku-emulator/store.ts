/**
 * The emulator's state: accounts, their authorizations, and indices that keep per-request work
 * O(page): token -> authorization, id -> authorization, and each account's authorizations sorted
 * by id (Heroku's default Range field). `account.authorizations` stays in creation order because
 * callers read it; indices are rebuilt if someone edits that array directly.
 */
import { randomUUID } from 'node:crypto';
import { bulkAuthorizations, hrku, makeAuthorization, type EmuAccount, type EmuAuthorization, type EmuClient } from './seed.js';

interface AccountIndex {
  byId: Map<string, EmuAuthorization>;
  sorted: EmuAuthorization[];
  /** `account.authorizations.length` when the index was built (detects outside edits). */
  seen: number;
}

export interface Caller {
  account: EmuAccount;
  authorization: EmuAuthorization;
}

export class Store {
  readonly accounts: EmuAccount[] = [];
  readonly clients = new Map<string, EmuClient>();
  private readonly index = new Map<EmuAccount, AccountIndex>();
  private readonly byToken = new Map<string, Caller>();

  constructor(private readonly now: () => number) {}

  addAccount(account: EmuAccount): void {
    // Fixed once: GET /account must answer the same body (and ETag) until something changes.
    const now = this.now();
    account.createdAt ??= now - 365 * 24 * 3600_000;
    account.lastLoginAt ??= now - 3600_000;
    this.accounts.push(account);
    this.reindex(account);
  }

  /** The account and authorization behind a bearer token, if it is live (not revoked, not expired). */
  authenticate(token: string): Caller | null {
    let hit = this.byToken.get(token);
    if (hit) this.fresh(hit.account);
    hit = this.byToken.get(token);
    // A miss also covers tokens edited from outside; revoked tokens are never indexed.
    if (!hit || hit.authorization.token !== token) hit = this.scan(token);
    if (!hit || hit.authorization.revoked) return null;
    const { expiresAt } = hit.authorization;
    if (expiresAt !== null && expiresAt <= this.now()) return null;
    return hit;
  }

  /** A non-revoked authorization of `account` by id. */
  find(account: EmuAccount, id: string): EmuAuthorization | null {
    const idx = this.fresh(account);
    const a = idx.byId.get(id);
    return a && !a.revoked ? a : null;
  }

  /** Up to `max` live authorizations with id > `after` (or >= `from`), and whether more remain. */
  page(account: EmuAccount, start: { after?: string; from?: string }, max: number): { items: EmuAuthorization[]; more: boolean } {
    const { sorted } = this.fresh(account);
    let i = lowerBound(sorted, start.after ?? start.from ?? '');
    if (start.after !== undefined && sorted[i]?.id === start.after) i++;
    const items: EmuAuthorization[] = [];
    for (; i < sorted.length && items.length < max; i++) {
      const a = sorted[i]!;
      if (!a.revoked) items.push(a);
    }
    while (i < sorted.length && sorted[i]!.revoked) i++;
    return { items, more: i < sorted.length };
  }

  /** Non-revoked authorizations (expired ones included, as Heroku lists them). */
  live(account: EmuAccount): EmuAuthorization[] {
    return account.authorizations.filter((a) => !a.revoked);
  }

  /** Adds authorizations to an account, keeping the indices current. */
  insert(account: EmuAccount, items: EmuAuthorization[]): void {
    const idx = this.fresh(account);
    account.authorizations.push(...items);
    if (items.length > 16) {
      this.reindex(account);
      return;
    }
    for (const a of items) {
      idx.byId.set(a.id, a);
      idx.sorted.splice(lowerBound(idx.sorted, a.id), 0, a);
      this.byToken.set(a.token, { account, authorization: a });
    }
    idx.seen = account.authorizations.length;
  }

  /** Creates an authorization from validated parameters. */
  create(account: EmuAccount, p: { description: string; scope: string[]; expiresInSec: number | null; client: EmuClient | null }): EmuAuthorization {
    const now = this.now();
    const lifetimeMs = p.expiresInSec === null ? null : p.expiresInSec * 1000;
    const a = makeAuthorization(now, p.description, p.scope, { expiresInMs: lifetimeMs, lifetimeMs, ageMs: 0, client: p.client ?? undefined });
    this.insert(account, [a]);
    return a;
  }

  /** Issues a new access token; the old one stops working at once. */
  regenerate(account: EmuAccount, a: EmuAuthorization): void {
    const now = this.now();
    this.byToken.delete(a.token);
    a.token = hrku();
    a.tokenId = randomUUID();
    const lifetime = a.lifetimeMs ?? (a.expiresAt === null ? null : Math.max(a.expiresAt - a.createdAt, 3600_000));
    a.expiresAt = lifetime === null ? null : now + lifetime;
    a.updatedAt = now;
    this.byToken.set(a.token, { account, authorization: a });
  }

  revoke(a: EmuAuthorization): void {
    a.revoked = true;
    a.updatedAt = this.now();
    this.byToken.delete(a.token);
  }

  /** Adds `count` generated authorizations (pagination tests, benches). */
  addBulk(account: EmuAccount, count: number): void {
    this.insert(account, bulkAuthorizations(this.now(), count, account.authorizations.length));
  }

  private scan(token: string): Caller | undefined {
    for (const account of this.accounts) {
      const authorization = account.authorizations.find((a) => a.token === token);
      if (authorization) {
        if (!authorization.revoked) this.reindex(account);
        return { account, authorization };
      }
    }
    return undefined;
  }

  private fresh(account: EmuAccount): AccountIndex {
    const idx = this.index.get(account);
    return idx && idx.seen === account.authorizations.length ? idx : this.reindex(account);
  }

  private reindex(account: EmuAccount): AccountIndex {
    const old = this.index.get(account);
    old?.sorted.forEach((a) => this.byToken.delete(a.token));
    const sorted = [...account.authorizations].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    const idx: AccountIndex = { byId: new Map(sorted.map((a) => [a.id, a])), sorted, seen: account.authorizations.length };
    for (const a of sorted) {
      if (!a.revoked) this.byToken.set(a.token, { account, authorization: a });
      if (a.client) this.clients.set(a.client.id, a.client);
    }
    this.index.set(account, idx);
    return idx;
  }
}

/** First index whose id is >= `id` in an id-sorted array. */
function lowerBound(sorted: EmuAuthorization[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
