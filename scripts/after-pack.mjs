// electron-builder afterPack hook: refuses a package without the keychain's native binary for its
// target (scripts/keyring-binary.mjs), then flips the fuses (scripts/fuses.mjs) in the packaged
// binary before it is signed. Fails the build when the binary has no fuse wire.
import fuses from '@electron/fuses';
import { FUSE_CONFIG, electronBinaryPath } from './fuses.mjs';
import { assertKeyringBinaries } from './keyring-binary.mjs';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  assertKeyringBinaries(context);
  const binary = electronBinaryPath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // On Apple silicon the ad-hoc signature breaks when the binary changes; re-sign ad hoc.
  await fuses.flipFuses(binary, { ...FUSE_CONFIG, resetAdHocDarwinSignature: isMac && context.arch === 3 });
  console.log(`  • fuses flipped  binary=${binary}`);
}
