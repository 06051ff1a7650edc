/**
 * The afterPack check (scripts/keyring-binary.mjs): a package without the keychain's native binary
 * for its target platform/arch is refused, with what to do; one with it passes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertKeyringBinaries, keyringTargets } from '../../../scripts/keyring-binary.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'htt-keyring-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An unpacked Linux app with the keychain binaries of these targets. */
function appWith(targets: string[]): string {
  const out = mkdtempSync(path.join(tmp, 'out-'));
  for (const t of targets) {
    const dir = path.join(out, 'resources', 'app.asar.unpacked', 'node_modules', '@napi-rs', `keyring-${t}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `keyring.${t}.node`), 'stub');
  }
  return out;
}
const context = (appOutDir: string, arch: number) => ({ appOutDir, electronPlatformName: 'linux', arch, packager: { appInfo: { productFilename: 'Heroku Token Tray' } } });

describe('the keychain binary check', () => {
  it('knows the binary of each target (electron-builder Arch numbers)', () => {
    expect(keyringTargets('linux', 1)).toEqual(['linux-x64-gnu']);
    expect(keyringTargets('linux', 3)).toEqual(['linux-arm64-gnu']);
    expect(keyringTargets('darwin', 4)).toEqual(['darwin-x64', 'darwin-arm64']);
    expect(keyringTargets('win32', 'arm64')).toEqual(['win32-arm64-msvc']);
  });

  it('refuses an arm64 package built on an x64 machine (only the host binary installed)', () => {
    const out = appWith(['linux-x64-gnu']);
    expect(() => assertKeyringBinaries(context(out, 3))).toThrow(/no keychain binary for its target.*@napi-rs\/keyring-linux-arm64-gnu/s);
  });

  it('passes a package that carries its binary', () => {
    expect(() => assertKeyringBinaries(context(appWith(['linux-arm64-gnu']), 3))).not.toThrow();
  });
});
