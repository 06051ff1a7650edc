import type { FuseV1Config } from '@electron/fuses';

export declare const FUSE_CONFIG: FuseV1Config;
export declare function electronBinaryPath(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string; productName: string }; executableName?: string };
}): string;
