/** Raw HTTP helpers for talking to the emulator exactly as a Heroku client would. */
import type { Emulator } from '../../heroku-emulator/server.js';

export const ACCEPT_V3 = 'application/vnd.heroku+json; version=3';

export interface RawReply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawOptions {
  method?: string;
  /** Bearer token; null sends no Authorization header. Default: the emulator's key. */
  token?: string | null;
  body?: unknown;
  /** Accept header; null sends none. */
  accept?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One request to the emulator's Heroku API. */
export async function raw(emu: Pick<Emulator, 'url' | 'apiKey'>, path: string, o: RawOptions = {}): Promise<RawReply> {
  const headers: Record<string, string> = { ...o.headers };
  const accept = o.accept === undefined ? ACCEPT_V3 : o.accept;
  if (accept !== null) headers.Accept = accept;
  const token = o.token === undefined ? emu.apiKey : o.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${emu.url}${path}`, {
    method: o.method ?? 'GET',
    headers,
    body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    signal: o.signal,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** POST /__emulator/<path> with a JSON body. */
export async function control(emu: Pick<Emulator, 'url'>, path: string, body?: unknown, method = 'POST'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export interface AuthorizationBody {
  id: string;
  description: string;
  scope: string[];
  access_token: { expires_in: number | null; id: string; token: string } | null;
  client: { id: string; name: string; redirect_uri: string } | null;
  updated_at: string;
}
