/** The fuse configuration the packaged app ships with (scripts/fuses.mjs, applied by scripts/after-pack.mjs). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FUSE_CONFIG, electronBinaryPath } from '../../../scripts/fuses.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

describe('fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect', () => {
    expect(FUSE_CONFIG.version).toBe(FuseVersion.V1);
    expect(FUSE_CONFIG[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('turns on asar-only loading, asar integrity and cookie encryption', () => {
    expect(FUSE_CONFIG[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('is applied by the afterPack hook named in electron-builder.yml', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/scripts\/after-pack\.mjs$/m);
    expect(readFileSync(path.join(root, 'scripts', 'after-pack.mjs'), 'utf8')).toMatch(/flipFuses\(binary, \{ \.\.\.FUSE_CONFIG/);
  });

  it('finds the binary that carries the fuse wire on each OS', () => {
    const packager = { appInfo: { productFilename: 'Heroku Token Tray', productName: 'Heroku Token Tray' }, executableName: 'heroku-token-tray' };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe('/o/Heroku Token Tray.app');
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe('/o/Heroku Token Tray.exe');
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe('/o/heroku-token-tray');
  });

  it('hides the Dock icon and uses the hardened runtime on macOS', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/LSUIElement: true/);
    expect(yml).toMatch(/hardenedRuntime: true/);
  });
});
