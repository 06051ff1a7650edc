// The keychain's native binary (@napi-rs/keyring) for the platform and architecture being packaged.
// npmRebuild is off and npm installs only the host's optional binary, so a build for another
// architecture would ship without one and fail at the first keychain call: afterPack refuses it.
import { existsSync } from 'node:fs';
import path from 'node:path';

// electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The @napi-rs/keyring-* targets a package for platform/arch needs (macOS universal needs both). */
export function keyringTargets(platform, arch) {
  const name = typeof arch === 'number' ? ARCH_NAMES[arch] : arch;
  if (platform === 'darwin' || platform === 'mas') return name === 'universal' ? ['darwin-x64', 'darwin-arm64'] : [`darwin-${name}`];
  if (platform === 'win32') return [`win32-${name}-msvc`];
  if (platform === 'linux') return [name === 'armv7l' ? 'linux-arm-gnueabihf' : `linux-${name}-gnu`];
  throw new Error(`no keychain binary is known for ${platform}/${name}`);
}

/** Where the packaged app's resources are (beside app.asar). */
export function resourcesDir(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return path.join(appOutDir, 'resources');
}

/** The binaries that must be in app.asar.unpacked, and which of them are missing. */
export function checkKeyringBinaries(resources, platform, arch) {
  const expected = keyringTargets(platform, arch).map((t) =>
    path.join(resources, 'app.asar.unpacked', 'node_modules', '@napi-rs', `keyring-${t}`, `keyring.${t}.node`),
  );
  return { expected, missing: expected.filter((f) => !existsSync(f)) };
}

/** Throws with what to do when the packaged app lacks its keychain binary. */
export function assertKeyringBinaries(context) {
  const { missing } = checkKeyringBinaries(resourcesDir(context), context.electronPlatformName, context.arch);
  if (missing.length === 0) return;
  const targets = keyringTargets(context.electronPlatformName, context.arch).map((t) => `@napi-rs/keyring-${t}`);
  throw new Error(
    `The packaged app has no keychain binary for its target (missing ${missing.join(', ')}). ` +
      `Install it before packaging, e.g. \`npm install --no-save --force ${targets.join(' ')}\`, or build on the target machine.`,
  );
}
