/** The machine and the versions a run measured, for results.json. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Version of an installed package, or null. */
export function packageVersion(name: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

/** CPU, cores, memory and OS of this machine. */
export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
  };
}

/** Versions of what was measured and what it was measured against. */
export function versions(chromium: string | null): Record<string, string | null> {
  return {
    node: process.versions.node,
    chromium,
    herokuCli: packageVersion('heroku'),
    herokuClient: packageVersion('heroku-client'),
    react: packageVersion('react'),
    zod: packageVersion('zod'),
    vite: packageVersion('vite'),
    playwrightCore: packageVersion('playwright-core'),
  };
}
