/**
 * THE IPC contract: every channel's name, its argument schema and its result type, and every
 * push event main sends to the renderer. Electron's ipcMain/ipcRenderer and the browser
 * preview's HTTP/WebSocket transport both carry exactly this table.
 */
import { z } from 'zod';
import type { Result } from './result.js';
import type { AuthorizationsSnapshot, AuthorizationView } from './domain/authorization.js';
import { SCOPES } from './domain/authorization.js';
import type { CliLoginView } from './domain/cli-login.js';
import { COPY_FORMATS } from './domain/copy-as.js';
import { LEASE_MAX_SECONDS, LEASE_MIN_SECONDS, type CleanupOutcome, type ExpiredToken, type LeaseView } from './domain/leases.js';
import type { ConsumersSnapshot, ScanEstimate, ScanProgress } from './domain/consumers.js';
import type { ReplaceOperation, ReplaceOutcome, ReplacePlan } from './domain/replace.js';

export type { Consumer, ConsumersSnapshot, MatchKind, ScanEstimate, ScanProgress } from './domain/consumers.js';
export type { ReplaceOperation, ReplaceOutcome, ReplacePlan, ReplaceStep } from './domain/replace.js';

// ---------------------------------------------------------------------------------------------
// Shared value types

export interface AccountView {
  id: string;
  email: string;
  name: string | null;
  source: AccountSource;
  active: boolean;
}

export const IMPORT_SOURCES = ['env', 'netrc', 'heroku-cli-keychain'] as const;
export type ImportSourceId = (typeof IMPORT_SOURCES)[number];
/** Where an account's key came from: typed in, or imported from one of the CLI's stores. */
export type AccountSource = ImportSourceId | 'sign-in';

export interface ImportCandidate {
  source: ImportSourceId;
  /** Named in the UI, e.g. "HEROKU_API_KEY environment variable" or "~/.netrc". */
  label: string;
  /** The login found there (email), when the source says. */
  login: string | null;
  available: boolean;
  /** Why it is not available, in words. */
  reason: string | null;
}

export type KeychainState = 'ok' | 'locked' | 'unavailable' | 'volatile';

export interface AppStatus {
  online: boolean;
  keychain: KeychainState;
  keychainMessage: string | null;
  /** Last RateLimit-Remaining seen for the active account, if any. */
  rateLimitRemaining: number | null;
  /** Shown to the user when settings had to be reset. */
  settingsNotice: string | null;
  /** A warning the OS refused to show as a notification (unsigned macOS build, ...): the popover shows it. */
  missedNotification?: MissedNotification | null;
  /** The global shortcut and whether the OS let the app have it (Electron only). */
  shortcut?: ShortcutStatus | null;
}

export interface MissedNotification {
  title: string;
  body: string;
  /** ISO time the OS refused it. */
  at: string;
}

export interface ShortcutStatus {
  /** Electron accelerator, e.g. "CommandOrControl+Alt+Shift+H"; '' = none. */
  accelerator: string;
  registered: boolean;
}

export interface AppInfo {
  version: string;
  apiOrigin: string;
  /** False when HEROKU_API_URL points somewhere else than https://api.heroku.com. */
  isDefaultOrigin: boolean;
  platform: string;
}

export interface Settings {
  /** Warn this many seconds before expiry, one notification each. 0 = at expiry. */
  thresholdsSeconds: number[];
  refreshIntervalMinutes: number;
  clipboardClearSeconds: number;
  launchAtLogin: boolean;
  notifyNewAuthorizations: boolean;
  /** The global shortcut that opens the popover (Electron accelerator); '' = none. Absent = the default. */
  popoverShortcut?: string;
}

/** Three modifiers: taken by no common editor or desktop (Ctrl+Shift+H is VS Code's "Replace in files"). */
export const DEFAULT_POPOVER_SHORTCUT = 'CommandOrControl+Alt+Shift+H';

export interface NewToken {
  authorization: AuthorizationView;
  /** The full token, shown once right after create or rotate. */
  token: string;
  /** False when the keychain refused it: the user must copy it now, the app cannot later. */
  kept: boolean;
}

// ---------------------------------------------------------------------------------------------
// Argument schemas (every channel parses its arguments; unknown keys are rejected)

/** Evaluates a schema definition; with the pure marks, unused schemas vanish from bundles. */
function lazy<T>(make: () => T): T {
  return make();
}

/**
 * THE id rule, for ids the Heroku API sends (accounts, authorizations) and ids IPC arguments name:
 * one schema, so an account or token the app accepted can always be switched, removed or acted
 * on. Heroku's ids are UUIDs; plain path-safe names pass too. Ids go into API paths: no `.`/`..`
 * segments and no `~` (which means "the calling key").
 */
export const ID_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,200}$/;
export const idSchema = /* @__PURE__ */ lazy(() => z.string().regex(ID_PATTERN, 'not an id'));
const id = idSchema;
const noArgs = /* @__PURE__ */ lazy(() => z.strictObject({}).optional());
 /** An absolute path of a local file (POSIX or Windows), no NUL. */
const filePath = /* @__PURE__ */ lazy(() => z.string().min(2).max(4096).regex(/^(\/|[A-Za-z]:[\\/])[^\0]*$/, 'Give the file’s full path'));
const accountArg = /* @__PURE__ */ lazy(() => z.strictObject({ accountId: id.optional() }));

export const scopeSchema = /* @__PURE__ */ lazy(() => z.enum(SCOPES));
export const descriptionSchema = /* @__PURE__ */ lazy(() => z.string().trim().min(1, 'A description is required').max(200));
/** Seconds until expiry: at least 60 s, at most ten years; null = never expires. */
export const expiresInSchema = /* @__PURE__ */ lazy(() => z.number().int().min(60).max(10 * 365 * 24 * 3600).nullable());

const MODIFIER = '(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)';
const KEY = '(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|Insert|Delete)';
/** An Electron accelerator with one to four modifiers and a key, or '' for none. */
export const acceleratorSchema = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .trim()
    .max(80)
    .regex(new RegExp(`^(?:(?:${MODIFIER}\\+){1,4}${KEY})?$`, 'i'), 'A shortcut is modifiers and a key, e.g. CommandOrControl+Alt+Shift+H'),
);

export const settingsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    thresholdsSeconds: z.array(z.number().int().min(0).max(90 * 24 * 3600)).min(1).max(8),
    refreshIntervalMinutes: z.number().int().min(1).max(24 * 60),
    clipboardClearSeconds: z.number().int().min(5).max(600),
    launchAtLogin: z.boolean(),
    notifyNewAuthorizations: z.boolean(),
    popoverShortcut: acceleratorSchema.optional(),
  }),
);

// ---------------------------------------------------------------------------------------------
// The table

interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Type-only: the value inside the Result the handler returns. */
  response?: Res;
}
/** Builds the table; marked pure so bundles that need only names (the preload) drop the schemas. */
function defineContract<T extends Record<string, ChannelDef<z.ZodType, unknown>>>(table: () => T): T {
  return table();
}

const def =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });

export const contract = /* @__PURE__ */ defineContract(() => ({
  'app:info': def<AppInfo>()(noArgs),
  'app:status': def<AppStatus>()(noArgs),
  'account:current': def<AccountView | null>()(noArgs),
  'accounts:list': def<AccountView[]>()(noArgs),
  'accounts:sign-in': def<AccountView>()(z.strictObject({ apiKey: z.string().trim().min(8, 'That is too short to be an API key').max(300) })),
  'accounts:switch': def<AccountView>()(z.strictObject({ accountId: id })),
  'accounts:remove': def<{ accountId: string }>()(z.strictObject({ accountId: id })),
  'accounts:import-candidates': def<ImportCandidate[]>()(noArgs),
  'accounts:import': def<AccountView>()(z.strictObject({ source: z.enum(IMPORT_SOURCES) })),
  'authorizations:list': def<AuthorizationsSnapshot>()(accountArg.optional()),
  'authorizations:refresh': def<AuthorizationsSnapshot>()(accountArg.optional()),
  'authorizations:create': def<NewToken>()(
    z.strictObject({
      description: descriptionSchema,
      scopes: z.array(scopeSchema).min(1, 'Pick at least one scope').max(SCOPES.length),
      expiresIn: expiresInSchema,
      accountId: id.optional(),
    }),
  ),
  // accountId names the row's account, so an action never lands on another (active) account.
  'authorizations:rename': def<AuthorizationView>()(z.strictObject({ id, accountId: id.optional(), description: descriptionSchema })),
  'authorizations:rotate': def<NewToken>()(z.strictObject({ id, accountId: id.optional() })),
  'authorizations:revoke': def<{ id: string }>()(z.strictObject({ id, accountId: id.optional() })),
  'tokens:copy': def<{ clearsInSeconds: number }>()(z.strictObject({ id, accountId: id.optional() })),
  'tokens:reveal': def<{ token: string; hideAfterSeconds: number }>()(z.strictObject({ id, accountId: id.optional() })),
  // The Heroku CLI's login (issue 13): status, give it a token, renew, restore the previous one.
  'cli-login:status': def<CliLoginView>()(noArgs),
  'cli-login:use': def<CliLoginView>()(
    z.strictObject({
      accountId: id.optional(),
      authorizationId: id.optional(),
      scopes: z.array(scopeSchema).min(1).max(SCOPES.length).optional(),
      expiresIn: expiresInSchema.optional(),
    }),
  ),
  'cli-login:renew': def<{ status: CliLoginView; previous: { accountId: string; id: string } | null; note: string | null }>()(noArgs),
  'cli-login:restore': def<CliLoginView>()(noArgs),
  'leases:list': def<LeaseView[]>()(noArgs),
  'leases:create': def<NewToken>()(
    z.strictObject({
      scopes: z.array(scopeSchema).min(1, 'Pick at least one scope').max(SCOPES.length),
      lifetimeSeconds: z.number().int().min(LEASE_MIN_SECONDS, 'A lease lasts at least 5 minutes').max(LEASE_MAX_SECONDS, 'A lease lasts at most 8 hours'),
      accountId: id.optional(),
    }),
  ),
  'leases:end': def<{ id: string }>()(z.strictObject({ id, accountId: id })),
  'tokens:copy-as': def<{ clearsInSeconds: number }>()(z.strictObject({ id, accountId: id.optional(), format: z.enum(COPY_FORMATS) })),
  'cleanup:expired': def<{ accountId: string; items: ExpiredToken[] }>()(accountArg.optional()),
  'cleanup:remove': def<CleanupOutcome>()(z.strictObject({ ids: z.array(id).min(1).max(1000), accountId: id.optional() })),
  'settings:get': def<Settings>()(noArgs),
  'settings:update': def<Settings>()(settingsSchema.partial()),
  'popover:hide': def<null>()(noArgs),
  // Consumers: where tokens are used (app config vars, local files), and Replace.
  'consumers:estimate': def<ScanEstimate>()(accountArg.optional()),
  'consumers:list': def<ConsumersSnapshot>()(accountArg.optional()),
  'consumers:scan': def<ConsumersSnapshot>()(accountArg.optional()),
  'consumers:add-file': def<string[]>()(z.strictObject({ path: filePath })),
  'consumers:remove-file': def<string[]>()(z.strictObject({ path: filePath })),
  'replace:plan': def<ReplacePlan>()(z.strictObject({ id, accountId: id.optional() })),
  'replace:start': def<ReplaceOutcome>()(z.strictObject({ id, accountId: id.optional(), expiresIn: expiresInSchema, revokeOld: z.boolean() })),
  'replace:list': def<ReplaceOperation[]>()(accountArg.optional()),
  'replace:retry': def<ReplaceOutcome>()(z.strictObject({ operationId: id })),
  'replace:rollback': def<ReplaceOutcome>()(z.strictObject({ operationId: id })),
  'replace:dismiss': def<{ id: string }>()(z.strictObject({ operationId: id })),
}));

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** Every channel name, in a literal list the preload can use without pulling in the schemas. */
export const CHANNELS = [
  'app:info',
  'app:status',
  'account:current',
  'accounts:list',
  'accounts:sign-in',
  'accounts:switch',
  'accounts:remove',
  'accounts:import-candidates',
  'accounts:import',
  'authorizations:list',
  'authorizations:refresh',
  'authorizations:create',
  'authorizations:rename',
  'authorizations:rotate',
  'authorizations:revoke',
  'tokens:copy',
  'tokens:reveal',
  'cli-login:status',
  'cli-login:use',
  'cli-login:renew',
  'cli-login:restore',
  'leases:list',
  'leases:create',
  'leases:end',
  'tokens:copy-as',
  'cleanup:expired',
  'cleanup:remove',
  'settings:get',
  'settings:update',
  'popover:hide',
  'consumers:estimate',
  'consumers:list',
  'consumers:scan',
  'consumers:add-file',
  'consumers:remove-file',
  'replace:plan',
  'replace:start',
  'replace:list',
  'replace:retry',
  'replace:rollback',
  'replace:dismiss',
] as const satisfies readonly Channel[];
// Compile-time proof that the list names every channel of the table, and nothing else.
type MissingChannels = Exclude<Channel, (typeof CHANNELS)[number]>;
const _everyChannelListed: MissingChannels extends never ? true : MissingChannels = true;
void _everyChannelListed;

export type ArgsOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedArgsOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Exclude<Contract[C]['response'], undefined>;

// ---------------------------------------------------------------------------------------------
// Push events (main -> renderer)

export interface EventPayloads {
  'authorizations:changed': AuthorizationsSnapshot;
  'accounts:changed': AccountView[];
  'settings:changed': Settings;
  'status:changed': AppStatus;
  /**
   * A notification was clicked: open the popover on this token. intent 'rotate' ("Rotate now")
   * opens its rotate confirmation: rotating replaces the token, so the user confirms and sees it.
   */
  'popover:focus-token': { accountId: string; id: string; intent?: 'rotate' | 'replace' };
  /** What the last scan found changed (scan, file change on disk, Replace). */
  'consumers:changed': ConsumersSnapshot;
  /** A scan under way (apps read so far; paused for the rate limit). */
  'consumers:scan-progress': ScanProgress;
  /** A Replace run moved on (no token or value in it). */
  'replace:changed': ReplaceOperation;
  /** The popover was shown or hidden (countdowns tick only while shown). */
  'popover:visibility': { visible: boolean };
  /** The leases the app holds changed (created, ended, revoked at their end). */
  'leases:changed': LeaseView[];
}
export type EventName = keyof EventPayloads;
export const EVENTS = [
  'authorizations:changed',
  'accounts:changed',
  'settings:changed',
  'status:changed',
  'popover:focus-token',
  'consumers:changed',
  'consumers:scan-progress',
  'replace:changed',
  'popover:visibility',
  'leases:changed',
] as const satisfies readonly EventName[];

// ---------------------------------------------------------------------------------------------
// What the renderer sees: one method per channel, one subscribe method per event.

export type TokenTrayApi = {
  [C in Channel]: (args?: ArgsOf<C>) => Promise<Result<ResponseOf<C>>>;
};
export type TokenTrayEvents = {
  [E in EventName]: (listener: (payload: EventPayloads[E]) => void) => () => void;
};
export interface TokenTrayBridge {
  api: TokenTrayApi;
  events: TokenTrayEvents;
}

/** The server side of the contract: one handler per channel, taking parsed arguments. */
export type HandlerTable = {
  [C in Channel]: (args: ParsedArgsOf<C>) => Promise<Result<ResponseOf<C>>>;
};
