// The Electron fuses the packaged app ships with. Pure data (plus the fuse enums), so a test can
// assert it; scripts/after-pack.mjs flips them in the packaged binary.
import fuses from '@electron/fuses';

const { FuseV1Options, FuseVersion } = fuses;

/** @type {import('@electron/fuses').FuseV1Config} */
export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  // No `ELECTRON_RUN_AS_NODE`: the signed binary must not double as a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // No NODE_OPTIONS / --inspect: nobody injects code or attaches a debugger to the shipped app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only our app.asar, checked against the hash embedded at packaging time.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Cookies and local storage encrypted with an OS-keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // file:// is never used (the renderer is served from app://).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/**
 * The file that carries the fuse wire for a packaged app.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string, productName: string }, executableName?: string } }} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return `${appOutDir}/${packager.appInfo.productFilename}.app`;
  }
  if (electronPlatformName === 'win32') return `${appOutDir}/${packager.appInfo.productFilename}.exe`;
  return `${appOutDir}/${packager.executableName}`;
}
