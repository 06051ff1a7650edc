// Lint: typescript-eslint's recommended rules plus the architecture rules of the house plan:
// no electron in the pure layers, raw IPC only in the transport, and the direction zones below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import path from 'node:path';

/**
 * No `electron` import: these layers must run under plain Node in tests, and main/core-worker.ts
 * with what it imports runs in a worker thread, where Electron's modules do not exist.
 */
export const noElectronLayers = ['shared/**', 'main/services/**', 'main/heroku/**', 'main/ports.ts', 'main/core.ts', 'main/thread/**', 'main/core-worker.ts', 'renderer/**'];

const electronBan = {
  paths: [{ name: 'electron', message: 'This layer must not import electron (house rule 1): go through a port in main/ports.ts.' }],
  patterns: [{ group: ['electron/*'], message: 'This layer must not import electron (house rule 1).' }],
};

const rawIpcBan = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Raw ipcMain/ipcRenderer only in main/ipc/** and main/preload.ts: use the typed contract.',
    },
  ],
};

/**
 * Direction zones (house/zones). Each relative import is resolved to a repository path, then checked
 * against the zone of the importing file. A resolver, not specifier patterns: '../services/x.js' and
 * '../../main/services/x.js' are the same edge, and a new file or folder is covered without a new glob.
 *
 * The renderer's "app shell" is renderer/main.tsx, renderer/App.tsx, renderer/api.ts (the contract
 * bridge) and renderer/features/app/** (header, the popover's data hook, the main view): it composes
 * the features and may import any of them. Every other folder renderer/features/<f>/ is a feature:
 * it imports its own folder, renderer/features/common/** and the shell, never another feature.
 * (A feature importing App.tsx would be a cycle; tests/unit/tooling/import-cycles.test.ts fails on it.)
 */
const COMPOSITION = ['main/core', 'main/handlers', 'main/index', 'main/core-worker'];
const under = (target, prefixes) => prefixes.some((p) => target === p || target.startsWith(`${p}/`));
const featureOf = (file) => /^renderer\/features\/([^/]+)\//.exec(file)?.[1] ?? null;

/** [zone of the importing file, what it must not import, why]; paths have no extension. */
export const zones = [
  [
    (f) => under(f, ['main/adapters']),
    (t) => under(t, ['main/services', 'main/ipc', 'main/heroku', ...COMPOSITION]),
    'Adapters import only main/ports.ts, shared/ and other adapters (house direction: adapters -> ports/domain); move what they need out of services into ports.ts or shared/.',
  ],
  [
    (f) => under(f, ['main/ipc']),
    (t) => under(t, ['main/adapters', ...COMPOSITION]),
    'main/ipc/ is transport only: it imports no adapter (take policies such as isAppUrl as parameters) and not the composition.',
  ],
  [
    (f) => under(f, ['main/services', 'main/heroku', 'main/ports']),
    (t) => under(t, ['main/adapters', 'main/ipc', ...COMPOSITION]),
    'Services, the Heroku client and ports import no adapter, transport or composition: they receive them through ports.',
  ],
  [
    (f) => under(f, ['main/core-worker', 'main/thread']),
    (t) => under(t, ['main/adapters/electron', 'main/index']),
    'The core\'s thread (main/core-worker.ts, main/thread/) runs in a worker, where Electron does not exist: no Electron adapter, no shell.',
  ],
  [
    (f) => under(f, ['shared']),
    (t) => under(t, ['main', 'renderer']),
    'shared/ is imported by both processes and imports neither.',
  ],
  [
    (f) => under(f, ['renderer']),
    (t) => under(t, ['main']),
    'The renderer reaches main only through the contract (renderer/api.ts), never by import.',
  ],
  [
    (f) => featureOf(f) !== null && featureOf(f) !== 'app',
    (t, f) => featureOf(t) !== null && ![featureOf(f), 'common', 'app'].includes(featureOf(t)),
    'A renderer feature imports its own folder, features/common and the app shell (renderer/*.ts*, features/app), never another feature.',
  ],
];

const house = {
  rules: {
    zones: {
      meta: { type: 'problem', schema: [], docs: { description: 'House direction zones between folders.' } },
      create(context) {
        const rel = (p) => path.relative(context.cwd, p).split(path.sep).join('/').replace(/\.(c|m)?(j|t)sx?$/, '');
        const file = rel(context.filename);
        const active = zones.filter(([from]) => from(file));
        if (active.length === 0) return {};
        const check = (node) => {
          const spec = node?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = rel(path.resolve(path.dirname(context.filename), spec));
          for (const [, forbidden, why] of active) {
            if (forbidden(target, file)) context.report({ node, message: `${file} must not import ${target}: ${why}` });
          }
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'tests/fixtures/lint/**', 'bench/results*', 'bench/.build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { house },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', rawIpcBan],
      'house/zones': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'electron', property: 'ipcMain', message: 'Raw ipcMain only in main/ipc/**.' },
        { object: 'electron', property: 'ipcRenderer', message: 'Raw ipcRenderer only in main/preload.ts.' },
      ],
    },
  },
  { files: ['main/ipc/**', 'main/preload.ts'], rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off' } },
  { files: noElectronLayers, rules: { 'no-restricted-imports': ['error', electronBan] } },
);
