/**
 * Loaded with `node --import` into the Heroku CLI the bench runs. This checkout installs React 19
 * for the app, and npm hoisted it where the CLI's table renderer (ink 5 + react-reconciler 0.29,
 * built for React 18) finds it, so `heroku authorizations` crashes ("reading 'ReactCurrentOwner'").
 * A user's own CLI install has React 18 there. This hook resolves `react` for ink and
 * react-reconciler from @oclif/table's own React 18 copy: the CLI then runs as it does for users.
 */
import { register, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const tablePkg = path.join(root, 'node_modules/@oclif/table/package.json');
const NEEDS_18 = /[\\/]node_modules[\\/](ink|react-reconciler)[\\/]/;
const isReact = (s) => s === 'react' || s.startsWith('react/');

// CommonJS requires (react-reconciler).
const tableParent = { id: tablePkg, filename: tablePkg, paths: Module._nodeModulePaths(path.dirname(tablePkg)) };
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (isReact(request) && parent?.filename && NEEDS_18.test(parent.filename)) return original.call(this, request, tableParent, ...rest);
  return original.call(this, request, parent, ...rest);
};

// ESM imports (ink).
register('./hooks.mjs', import.meta.url, { data: { parentURL: pathToFileURL(tablePkg).href } });
