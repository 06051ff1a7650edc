/**
 * Apps and their config vars, as Heroku serves them: `GET /apps` (Range paging by id),
 * `GET /apps/{app}/config-vars`, `PATCH /apps/{app}/config-vars` (each change is a release that
 * restarts the app's dynos; the emulator counts releases). Shapes follow the schema's `app` and
 * `config-var` definitions (checked by tests/integration/emulator-apps-contract.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { errorBody, iso } from './presenters.js';
import { nextRange, parseRange } from './range.js';
import type { EmuAccount } from './seed.js';

export interface EmuApp {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** When the last release happened (emulator clock), null before the first. */
  releasedAt: number | null;
  /** Releases so far; every config-var change adds one (and restarts the dynos). */
  releases: number;
  configVars: Record<string, string>;
}

/** An account's apps (kept on the account so every seed can carry them). */
export type AccountWithApps = EmuAccount & { apps?: EmuApp[] };

export const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const VAR_NAME = /^\w+$/;

/** Builds an app; throws on a name Heroku would refuse (a test bug, not a runtime case). */
export function makeApp(now: number, name: string, configVars: Record<string, string> = {}): EmuApp {
  if (!APP_NAME.test(name)) throw new Error(`emulator: "${name}" is not a valid Heroku app name`);
  return { id: randomUUID(), name, createdAt: now - 86_400_000, updatedAt: now - 86_400_000, releasedAt: null, releases: 0, configVars: { ...configVars } };
}

/** The apps of an account, sorted by id (Heroku's default Range field). */
export function appsOf(account: EmuAccount): EmuApp[] {
  const a = account as AccountWithApps;
  a.apps ??= [];
  return a.apps;
}

/** An app of the account by id or name (the schema's app identity), or null. */
export function findApp(account: EmuAccount, identity: string): EmuApp | null {
  return appsOf(account).find((x) => x.id === identity || x.name === identity) ?? null;
}

/** An app exactly as `GET /apps/{app}` returns it (every property of the schema's `app`). */
export function presentApp(app: EmuApp, account: EmuAccount) {
  return {
    acm: false,
    archived_at: null,
    buildpack_provided_description: null,
    build_stack: { id: STACK.id, name: STACK.name },
    created_at: iso(app.createdAt),
    generation: { id: GENERATION.id, name: GENERATION.name },
    git_url: `https://git.heroku.com/${app.name}.git`,
    id: app.id,
    internal_routing: null,
    maintenance: false,
    name: app.name,
    owner: { email: account.email, id: account.id },
    organization: null,
    team: null,
    region: { id: REGION.id, name: REGION.name },
    released_at: app.releasedAt === null ? null : iso(app.releasedAt),
    repo_size: null,
    slug_size: null,
    space: null,
    stack: { id: STACK.id, name: STACK.name },
    updated_at: iso(app.updatedAt),
    web_url: app.name.length >= 4 ? `https://${app.name}.herokuapp.com/` : null,
  };
}

const STACK = { id: '69bee368-352b-4bd0-9b7c-819d860a2588', name: 'heroku-24' };
const REGION = { id: '59accabd-516d-4f0e-83e6-6e3757701145', name: 'us' };
const GENERATION = { id: '1fb1b4a9-0a3c-4f0c-9ef7-5b6b4c1d2e3f', name: 'cedar' };

export interface AppsReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const notFound = (): AppsReply => ({ status: 404, body: errorBody(404, 'not_found', "Couldn't find that app.") });

/** GET /apps: ordered by id, paged like every Heroku list. */
export function listApps(account: EmuAccount, rangeHeader: string | undefined, pageSize: number): AppsReply {
  const range = parseRange(rangeHeader, pageSize);
  if (!range) return { status: 416, body: errorBody(416, 'requested_range_not_satisfiable', 'The Range header is not valid. Expected e.g. `id ..; max=200`.') };
  const sorted = [...appsOf(account)].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const start = range.after ?? range.from ?? '';
  const from = sorted.findIndex((a) => (range.after !== undefined ? a.id > start : a.id >= start));
  const rest = from < 0 ? [] : sorted.slice(from);
  const items = rest.slice(0, range.max);
  const body = items.map((a) => presentApp(a, account));
  const last = items[items.length - 1];
  if (rest.length > items.length && last) return { status: 206, body, headers: { 'Accept-Ranges': 'id, name, updated_at', 'Next-Range': nextRange(last.id, range.max) } };
  return { status: 200, body, headers: { 'Accept-Ranges': 'id, name, updated_at' } };
}

/** GET /apps/{app}. */
export function appInfo(account: EmuAccount, identity: string): AppsReply {
  const app = findApp(account, identity);
  return app ? { status: 200, body: presentApp(app, account) } : notFound();
}

/** GET /apps/{app}/config-vars. */
export function configVars(account: EmuAccount, identity: string): AppsReply {
  const app = findApp(account, identity);
  return app ? { status: 200, body: { ...app.configVars } } : notFound();
}

/**
 * PATCH /apps/{app}/config-vars: a string sets, null removes; names must be `\w+` (the schema's
 * patternProperties). A change creates one release (and restarts the dynos); no change, no release.
 */
export function updateConfigVars(account: EmuAccount, identity: string, body: unknown, now: number): AppsReply {
  const app = findApp(account, identity);
  if (!app) return notFound();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { status: 422, body: errorBody(422, 'invalid_params', 'Request body must be a JSON object.') };
  }
  const entries = Object.entries(body as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (!VAR_NAME.test(k)) return { status: 422, body: errorBody(422, 'invalid_params', `Invalid config var name: ${k.slice(0, 40)}`) };
    if (v !== null && typeof v !== 'string') return { status: 422, body: errorBody(422, 'invalid_params', `Config var ${k} must be a string or null.`) };
  }
  let changed = false;
  for (const [k, v] of entries) {
    if (v === null) {
      if (k in app.configVars) changed = true;
      delete app.configVars[k];
    } else if (app.configVars[k] !== v) {
      app.configVars[k] = v as string;
      changed = true;
    }
  }
  if (changed) {
    app.releases += 1;
    app.releasedAt = now;
    app.updatedAt = now;
  }
  return { status: 200, body: { ...app.configVars } };
}

/**
 * The demo account's apps: three hold demo tokens in HEROKU_API_KEY (one of them twice, under
 * another name too), one holds a token that no longer exists (a broken consumer).
 */
export function demoApps(now: number, account: EmuAccount): EmuApp[] {
  const token = (prefix: string) => account.authorizations.find((a) => a.description.startsWith(prefix))?.token ?? '';
  return [
    makeApp(now, 'release-bot', { HEROKU_API_KEY: token('Release bot'), SLACK_CHANNEL: '#releases' }),
    makeApp(now, 'metrics-exporter', { HEROKU_API_KEY: token('Metrics exporter'), INTERVAL: '60' }),
    makeApp(now, 'ci-runner', { HEROKU_API_KEY: token('GitHub Actions deploy'), DEPLOY_KEY: token('GitHub Actions deploy') }),
    makeApp(now, 'old-backup', { HEROKU_API_KEY: 'HRKU-00000000-dead-4bad-8000-00000000beef', BUCKET: 's3://old-backups' }),
  ];
}
