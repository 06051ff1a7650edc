/** Fault injection: which faults exist, how they match a request, and the `--fault` flag syntax. */

export type RouteName =
  | 'list'
  | 'create'
  | 'info'
  | 'update'
  | 'delete'
  | 'regenerate'
  | 'account'
  | 'rate-limits'
  | 'apps'
  | 'app-info'
  | 'config-vars'
  | 'config-vars-update';

export const FAULT_KINDS = [
  'status',
  'latency',
  'reset',
  'reset-after-commit',
  'truncated',
  'non-json',
  'wrong-content-type',
  'endless-next-range',
  'rate-limit-storm',
  'latency-after-commit',
  'hang',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_ROUTES = [
  'list',
  'create',
  'info',
  'update',
  'delete',
  'regenerate',
  'account',
  'rate-limits',
  'apps',
  'app-info',
  'config-vars',
  'config-vars-update',
  'any',
] as const;

export interface FaultSpec {
  method?: string;
  route?: RouteName | 'any';
  kind: FaultKind;
  status?: number;
  errorId?: string;
  message?: string;
  latencyMs?: number;
  /** How many matching requests it hits; default every request. */
  times?: number;
  /** Only requests whose path starts with this (e.g. `/apps/backup-worker/`). */
  pathPrefix?: string;
}

/** What the faults matching one request ask for. */
export interface FaultPlan {
  /** Total delay before answering (sum of matching latency faults). */
  latencyMs: number;
  /** The first matching non-latency fault, if any. */
  fault: FaultSpec | null;
}

/** Checks a spec from JSON or flags; throws a readable Error when it is not one. */
export function validateFault(raw: unknown): FaultSpec {
  if (typeof raw !== 'object' || raw === null) throw new Error('a fault must be an object');
  const f = raw as Record<string, unknown>;
  if (!FAULT_KINDS.includes(f.kind as FaultKind)) throw new Error(`unknown fault kind "${String(f.kind)}" (one of ${FAULT_KINDS.join(', ')})`);
  if (f.route !== undefined && !FAULT_ROUTES.includes(f.route as RouteName)) {
    throw new Error(`unknown route "${String(f.route)}" (one of ${FAULT_ROUTES.join(', ')})`);
  }
  for (const k of ['status', 'latencyMs', 'times'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || !Number.isInteger(f[k]) || (f[k] as number) < 0)) {
      throw new Error(`fault ${k} must be a non-negative integer`);
    }
  }
  if (f.kind === 'status' && (typeof f.status !== 'number' || f.status < 100 || f.status > 599)) {
    throw new Error('a status fault needs a status between 100 and 599');
  }
  return { ...(f as unknown as FaultSpec), method: typeof f.method === 'string' ? f.method.toUpperCase() : undefined };
}

/** The active faults; `take` consumes one use of each fault that matches. */
export class FaultTable {
  private faults: FaultSpec[] = [];

  add(f: FaultSpec): void {
    this.faults.push({ ...validateFault(f) });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Faults for one request to `route` (null = not a Heroku route: no faults). */
  take(route: RouteName | null, method: string, path = ''): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, fault: null };
    if (route === null) return plan;
    for (const f of this.faults) {
      const routeOk = f.route === undefined || f.route === 'any' || f.route === route;
      const methodOk = f.method === undefined || f.method === method;
      const pathOk = f.pathPrefix === undefined || path.startsWith(f.pathPrefix);
      if (!routeOk || !methodOk || !pathOk) continue;
      if (f.kind === 'latency') plan.latencyMs += f.latencyMs ?? 1000;
      else if (plan.fault) continue;
      else plan.fault = f;
      if (f.times !== undefined) f.times -= 1;
    }
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
    return plan;
  }
}

export const FAULT_FLAG_HELP = `--fault <route>:<kind>[:<value>][:<key>=<value>...]   (repeatable)
    route:  ${FAULT_ROUTES.join(' | ')}
    kind:   status:<code>          answer <code> with Heroku's error body (not performed)
            latency:<ms>           delay the answer, then answer normally
            reset                  destroy the connection without answering (not performed)
            reset-after-commit     perform the change, then destroy the connection
            truncated              perform, send half of the body, then close
            non-json               perform, answer an HTML page instead of JSON
            wrong-content-type     perform, answer the JSON as text/html
            endless-next-range     list only: always 206 with a Next-Range
            rate-limit-storm[:<n>] answer 429 rate_limit (to the next n requests)
            latency-after-commit:<ms>  perform the change, then wait <ms> before answering
            hang                   never answer and perform nothing (the client times out)
    options: times=<n> (default every request), method=<GET|POST|...>, path=<prefix>,
             id=<error id>, message=<text> (message= takes the rest of the flag)
    examples: --fault list:status:503  --fault create:latency:2000
              --fault regenerate:reset-after-commit:times=1  --fault any:rate-limit-storm:3`;

/** Parses one `--fault` flag value (syntax in FAULT_FLAG_HELP). */
export function parseFaultFlag(flag: string): FaultSpec {
  const parts = flag.split(':');
  const [route, kind] = parts;
  const spec: Record<string, unknown> = { route, kind };
  for (let i = 2; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const eq = part.indexOf('=');
    if (eq < 0) {
      const n = Number(part);
      if (!Number.isInteger(n)) throw new Error(`--fault ${flag}: "${part}" is not a number`);
      spec[kind === 'latency' || kind === 'latency-after-commit' ? 'latencyMs' : kind === 'rate-limit-storm' ? 'times' : 'status'] = n;
      continue;
    }
    const key = part.slice(0, eq);
    if (key === 'message') {
      spec.message = [part.slice(eq + 1), ...parts.slice(i + 1)].join(':');
      break;
    }
    const value = part.slice(eq + 1);
    if (key === 'times' || key === 'status' || key === 'latencyMs') spec[key] = Number(value);
    else if (key === 'id' || key === 'errorId') spec.errorId = value;
    else if (key === 'method') spec.method = value;
    else if (key === 'path') spec.pathPrefix = value;
    else throw new Error(`--fault ${flag}: unknown option "${key}"`);
  }
  return validateFault(spec);
}
