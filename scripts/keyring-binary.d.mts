export declare function keyringTargets(platform: string, arch: number | string): string[];
export declare function resourcesDir(context: { appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string } } }): string;
export declare function checkKeyringBinaries(resources: string, platform: string, arch: number | string): { expected: string[]; missing: string[] };
export declare function assertKeyringBinaries(context: {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string } };
}): void;
