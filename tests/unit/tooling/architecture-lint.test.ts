/** The architecture rules of the house plan, proven against violating code. */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });
const fixtures = path.join(root, 'tests/fixtures/lint');

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture lint', () => {
  it.each(['shared/domain/bad.ts', 'main/services/bad.ts', 'main/heroku/bad.ts', 'main/ports.ts', 'main/core.ts', 'main/core-worker.ts', 'main/thread/bad.ts', 'renderer/bad.tsx'])(
    'rejects an electron import in %s',
    async (file) => {
      const messages = await ruleIds(file, "import { app } from 'electron';\nexport const x = app;\n");
      expect(messages.join('\n')).toMatch(/no-restricted-imports: .*This layer must not import electron/);
    },
  );

  it('rejects a sub-path electron import in a pure layer', async () => {
    const messages = await ruleIds('main/services/bad.ts', "import * as m from 'electron/main';\nexport const x = m;\n");
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it.each([
    ['main/adapters/electron/bad.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['main/index2.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['main/adapters/bad.ts', "import electron from 'electron';\nexport const x = electron.ipcMain;\n"],
  ])('rejects raw IPC outside main/ipc and the preload (%s)', async (file, code) => {
    const messages = await ruleIds(file, code);
    expect(messages.join('\n')).toMatch(/Raw ipc(Main|Renderer)/);
  });

  it('allows electron in adapters and raw IPC in main/ipc and the preload', async () => {
    expect(await ruleIds('main/adapters/electron/ok.ts', "import { clipboard } from 'electron';\nexport const x = clipboard;\n")).toEqual([]);
    expect(await ruleIds('main/ipc/ok.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toEqual([]);
    expect(await ruleIds('main/preload.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([]);
  });
});

/** Lints a fixture from tests/fixtures/lint/ as if it lived at the same path in the repository. */
async function zoneMessages(fixture: string): Promise<string[]> {
  const code = readFileSync(path.join(fixtures, fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, fixture) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('direction zones (house/zones)', () => {
  // fixture (its path is where it pretends to live) -> the import the rule must name
  const violations: Array<[string, string]> = [
    ['main/adapters/imports-a-service.ts', 'must not import main/services/account-service: Adapters import only'],
    ['main/adapters/electron/imports-the-composition.ts', 'must not import main/core: Adapters import only'],
    ['main/ipc/imports-an-adapter.ts', 'must not import main/adapters/electron/app-url: main/ipc/ is transport only'],
    ['main/services/imports-an-adapter.ts', 'must not import main/adapters/system-clock: Services'],
    ['main/thread/imports-an-electron-adapter.ts', 'must not import main/adapters/electron/clipboard: The core\'s thread'],
    ['shared/domain/imports-main.ts', 'must not import main/ports: shared/'],
    ['renderer/imports-main.ts', 'must not import main/core: The renderer reaches main only through the contract'],
    ['renderer/features/create/imports-another-feature.tsx', 'must not import renderer/features/tokens/labels: A renderer feature'],
    ['renderer/features/timeline/imports-a-feature-the-long-way.tsx', 'must not import renderer/features/tokens/filter: A renderer feature'],
    ['renderer/features/common/imports-a-feature.ts', 'must not import renderer/features/status/problems: A renderer feature'],
  ];
  const allowed = ['main/adapters/imports-ports-and-shared.ts', 'renderer/features/create/imports-common-and-shell.tsx'];

  it.each(violations)('rejects %s', async (fixture, expected) => {
    const messages = await zoneMessages(fixture);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('house/zones: ');
    expect(messages[0]).toContain(expected);
  });

  it.each(allowed)('accepts %s', async (fixture) => {
    expect(await zoneMessages(fixture)).toEqual([]);
  });

  it('has a verdict for every fixture file', () => {
    const files = (readdirSync(fixtures, { recursive: true }) as string[])
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => /\.tsx?$/.test(f));
    expect(files.sort()).toEqual([...violations.map(([f]) => f), ...allowed].sort());
  });

  it('the source tree passes every zone', async () => {
    const results = await eslint.lintFiles(['main', 'shared', 'renderer']);
    const zoneErrors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'house/zones').map((m) => `${r.filePath}: ${m.message}`));
    expect(results.length).toBeGreaterThan(50);
    expect(zoneErrors).toEqual([]);
  }, 120_000);
});
