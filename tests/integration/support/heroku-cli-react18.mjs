/**
 * Preload for running the real Heroku CLI from this repo's node_modules (NODE_OPTIONS=--import).
 * npm hoisted `ink` (React 18 only, via react-reconciler 0.29) next to this app's React 19, so
 * the CLI's tables and spinners crash with "reading 'ReactCurrentOwner'". A normal install of
 * the CLI resolves React 18 there; this sends ink's `react` to the React 18 that @oclif/table
 * already ships, for both ESM imports and CommonJS requires. Test-only; changes nothing else.
 */
import Module, { createRequire, register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.HEROKU_CLI_NODE_MODULES ?? path.resolve(process.cwd(), 'node_modules');
const react18Dir = path.join(root, '@oclif', 'table', 'node_modules', 'react');
const inkDir = `${path.sep}node_modules${path.sep}ink${path.sep}`;
const react18 = createRequire(path.join(react18Dir, 'package.json'));

const isReact = (s) => s === 'react' || s.startsWith('react/');

const cjsResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  if (isReact(request) && parent?.filename?.includes(inkDir)) return react18.resolve(request);
  return cjsResolve.call(this, request, parent, ...rest);
};

const hooks = `
export async function resolve(specifier, context, next) {
  const isReact = specifier === 'react' || specifier.startsWith('react/');
  if (isReact && context.parentURL && context.parentURL.includes('/node_modules/ink/')) {
    return next(specifier, { ...context, parentURL: ${JSON.stringify(pathToFileURL(path.join(react18Dir, 'package.json')).href)} });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
