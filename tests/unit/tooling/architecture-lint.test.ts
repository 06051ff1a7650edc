/** The two architecture rules of the house plan, proven against violating code. */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture lint', () => {
  it.each(['shared/domain/bad.ts', 'main/services/bad.ts', 'main/heroku/bad.ts', 'main/ports.ts', 'main/core.ts', 'renderer/bad.tsx'])(
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
