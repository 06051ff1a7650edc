/**
 * The BUILT renderer's Content-Security-Policy: strict (no unsafe-*, no wildcard, no remote
 * sources), the same as the header the app:// protocol sends, and no inline script or style the
 * policy would block.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureAppBuilt } from '../../support/app-build.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/adapters/electron/app-protocol.js';

const built = path.resolve(import.meta.dirname, '../../../dist/renderer/index.html');

/** Parses a policy into directive -> sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

/**
 * Every problem with a policy; empty when it is strict. A <meta> CSP ignores frame-ancestors (CSP 3:
 * "not supported in a meta element"), so there it is a problem, and the header must carry it.
 */
function cspProblems(policy: string, where: 'header' | 'meta' = 'header'): string[] {
  const problems: string[] = [];
  const map = parsePolicy(policy);
  if (map.get('default-src')?.join(' ') !== "'none'") problems.push("default-src is not 'none'");
  for (const required of ['script-src', 'object-src', 'base-uri', ...(where === 'header' ? ['frame-ancestors'] : [])]) {
    if (!map.has(required)) problems.push(`${required} is missing`);
  }
  if (where === 'meta' && map.has('frame-ancestors')) problems.push('frame-ancestors is ignored in a meta tag');
  for (const [name, sources] of map) {
    for (const s of sources) {
      if (/unsafe-/i.test(s)) problems.push(`${name} allows ${s}`);
      if (s.includes('*')) problems.push(`${name} has a wildcard ${s}`);
      if (/^(https?|wss?|data|blob|filesystem):?$/i.test(s) && !(name === 'img-src' && s === 'data:')) problems.push(`${name} allows the scheme ${s}`);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) problems.push(`${name} allows the remote source ${s}`);
    }
  }
  return problems;
}

let html = '';
beforeAll(() => {
  ensureAppBuilt();
  html = readFileSync(built, 'utf8');
}, 120_000);

describe('the built renderer CSP', () => {
  it('carries a strict meta CSP', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'dist/renderer/index.html has no CSP meta tag').not.toBeNull();
    expect(cspProblems(meta![1]!, 'meta')).toEqual([]);
  });

  it('is the policy the app:// protocol sends as a header, which adds frame-ancestors', () => {
    const meta = /content="([^"]*default-src[^"]*)"/i.exec(html)![1]!;
    expect(cspProblems(CONTENT_SECURITY_POLICY, 'header')).toEqual([]);
    const norm = (p: string) => [...parsePolicy(p)].map(([k, v]) => `${k} ${v.join(' ')}`).sort();
    expect(norm(`${meta}; frame-ancestors 'none'`)).toEqual(norm(CONTENT_SECURITY_POLICY));
  });

  it('has no inline script, inline handler or inline style the policy would block', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style[\s>]/i);
  });

  it('the checker itself catches weak policies', () => {
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-inline'")).toEqual(
      expect.arrayContaining(["default-src is not 'none'", "script-src allows 'unsafe-inline'"]),
    );
    expect(cspProblems("default-src 'none'; script-src *; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")).toContain(
      'script-src has a wildcard *',
    );
    expect(cspProblems("default-src 'none'; script-src https://cdn.example; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")).toContain(
      'script-src allows the remote source https://cdn.example',
    );
    expect(cspProblems("default-src 'none'; script-src 'self' 'unsafe-eval' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")).toHaveLength(2);
    expect(cspProblems("default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'", 'meta')).toEqual(['frame-ancestors is ignored in a meta tag']);
    expect(cspProblems("default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'", 'header')).toEqual(['frame-ancestors is missing']);
  });
});
