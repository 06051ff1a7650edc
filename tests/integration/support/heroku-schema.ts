/**
 * Validators built from Heroku's own schema (tests/fixtures/heroku-schema, draft-04) with ajv.
 * Responses are checked strictly: every object schema's listed properties must all be present
 * and no others (Heroku's `strictProperties`, applied throughout), date-times as Heroku writes
 * them (no fractional seconds), ids as UUIDs. Request bodies are checked against the links'
 * `schema`, refusing unknown fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/heroku-schema');
const FIXTURE = path.join(FIXTURES, 'platform-api-subset.json');
/** The `app` and `config-var` definitions and what they reference (consumers feature). */
const APPS_FIXTURE = path.join(FIXTURES, 'platform-api-apps-subset.json');

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node as Node).forEach((v) => walk(v, visit));
  }
}

function load(file = FIXTURE): Node {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Node;
  // The hyper-schema meta-schema URI is unknown to ajv; the keywords it adds are annotations.
  walk(doc, (n) => delete n.$schema);
  delete doc.$comment;
  return doc;
}

function makeAjv(doc: Node) {
  const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as typeof AjvDraft04;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
  ajv.addFormat('uri', /^https?:\/\/\S+$/);
  ajv.addSchema(doc, 'heroku');
  return ajv;
}

const text = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('; ');

export type Check = (data: unknown) => string | null;

const check =
  (v: ValidateFunction): Check =>
  (data) =>
    v(data) ? null : text(v.errors);

/** The link of `definition` with the given title (Create, Update, ...), as a JSON pointer. */
function linkPointer(doc: Node, definition: string, title: string): string {
  const links = ((doc.definitions as Node)[definition] as Node).links as Node[];
  const i = links.findIndex((l) => l.title === title);
  if (i < 0) throw new Error(`no link ${title} in ${definition}`);
  return `heroku#/definitions/${definition}/links/${i}/schema`;
}

/** Response and request checks against Heroku's schema; each returns null or the errors. */
export function herokuSchema() {
  const strictDoc = load();
  walk(strictDoc, (n) => {
    if (n.properties && typeof n.properties === 'object' && Object.keys(n.properties).length > 0) {
      n.required = [...new Set([...((n.required as string[]) ?? []), ...Object.keys(n.properties as Node)])];
      n.additionalProperties = false;
    }
  });
  const responses = makeAjv(strictDoc);
  const requestDoc = load();
  const links = ((requestDoc.definitions as Node)['oauth-authorization'] as Node).links as Node[];
  for (const link of links) if (link.schema) (link.schema as Node).additionalProperties = false;
  // Heroku's Update link marks `client` required, yet Heroku's own CLI (authorizations:update -d)
  // sends only `description` and the API accepts it: this variant checks what Heroku enforces.
  const update = links.find((l) => l.title === 'Update')!.schema as Node;
  const { required: _required, ...enforced } = update;
  (requestDoc.definitions as Node)['x-update-as-enforced'] = enforced;
  const requests = makeAjv(requestDoc);
  const ref = (r: string) => ({ $ref: r });
  return {
    authorization: check(responses.compile(ref('heroku#/definitions/oauth-authorization'))),
    authorizationList: check(responses.compile({ type: 'array', items: ref('heroku#/definitions/oauth-authorization') })),
    account: check(responses.compile(ref('heroku#/definitions/account'))),
    rateLimit: check(responses.compile(ref('heroku#/definitions/rate-limit'))),
    /** Heroku's error body (documented in the API reference, not in the schema). */
    error: check(
      responses.compile({
        type: 'object',
        required: ['id', 'message'],
        properties: { id: { type: 'string', pattern: '^[a-z_]+$' }, message: { type: 'string', minLength: 1 } },
      }),
    ),
    createRequest: check(requests.compile(ref(linkPointer(requestDoc, 'oauth-authorization', 'Create')))),
    updateRequest: check(requests.compile(ref(linkPointer(requestDoc, 'oauth-authorization', 'Update')))),
    /** Update as the API enforces it (the CLI's body has no `client`); see above. */
    updateRequestAsEnforced: check(requests.compile(ref('heroku#/definitions/x-update-as-enforced'))),
  };
}

/** Strict checks for `app` and `config-var` answers and the config-var Update request body. */
export function herokuAppsSchema() {
  const strictDoc = load(APPS_FIXTURE);
  walk(strictDoc, (n) => {
    if (n.properties && typeof n.properties === 'object' && Object.keys(n.properties).length > 0) {
      n.required = [...new Set([...((n.required as string[]) ?? []), ...Object.keys(n.properties as Node)])];
      n.additionalProperties = false;
    }
  });
  const responses = makeAjv(strictDoc);
  const requests = makeAjv(load(APPS_FIXTURE));
  const ref = (r: string) => ({ $ref: r });
  return {
    app: check(responses.compile(ref('heroku#/definitions/app'))),
    appList: check(responses.compile({ type: 'array', items: ref('heroku#/definitions/app') })),
    configVars: check(responses.compile(ref('heroku#/definitions/config-var/definitions/config_vars'))),
    configVarsUpdateRequest: check(requests.compile(ref(linkPointer(load(APPS_FIXTURE), 'config-var', 'Update')))),
  };
}
