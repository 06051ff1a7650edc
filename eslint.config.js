// Lint: typescript-eslint's recommended rules plus the two architecture rules of the house plan.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** No `electron` import: these layers must run under plain Node in tests. */
export const noElectronLayers = ['shared/**', 'main/services/**', 'main/heroku/**', 'main/ports.ts', 'main/core.ts', 'renderer/**'];

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

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'tests/fixtures/lint/**', 'bench/results*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', rawIpcBan],
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
