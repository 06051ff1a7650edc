/** The machine and the versions a run measured, for results.json. */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

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

/** What first touching fresh memory costs here (see freshMemoryProbe). */
export interface FreshMemory {
  /** Time per 4 KiB page first touched (the median of the probe's rounds), µs. */
  usPerPage: number;
  /** Minor page faults the kernel counted per 4 KiB page touched (1 without huge pages). */
  faultsPerPage: number;
  /** MiB touched per round, and rounds. */
  mib: number;
  rounds: number;
}

/**
 * Times the first write to each 4 KiB page of `mib` MiB of memory just allocated (a buffer outside
 * V8's heap, a fresh one each round): the kernel's page fault, which V8 pays for every page its
 * heap grows by, and a scavenge for every page it promotes into. On the bench's virtual machine
 * of round 13 it read 10–15 µs a page (the same pages written again: ~0.04 µs); what it reads on
 * other machines was not measured. The refresh and event-loop rows count their page faults, so
 * the two together say how much of a row this cost is.
 */
export function freshMemoryProbe(mib = 16, rounds = 3): FreshMemory {
  const pages = (mib * 1024 * 1024) / 4096;
  const us: number[] = [];
  const faults: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const before = process.resourceUsage().minorPageFault;
    const t0 = performance.now();
    const b = Buffer.allocUnsafeSlow(mib * 1024 * 1024);
    for (let i = 0; i < b.length; i += 4096) b[i] = 1;
    us.push(((performance.now() - t0) * 1000) / pages);
    faults.push((process.resourceUsage().minorPageFault - before) / pages);
  }
  return { usPerPage: median(us), faultsPerPage: median(faults), mib, rounds };
}

/** The probe as the machine line prints it ("" for results written before it was recorded). */
export function freshMemoryText(f: FreshMemory | undefined): string {
  if (!f) return '';
  return `; first touch of fresh memory ${f.usPerPage < 10 ? f.usPerPage.toFixed(1) : f.usPerPage.toFixed(0)} µs per 4 KiB page (${f.faultsPerPage.toFixed(2)} page faults per page; ${f.mib} MiB touched, median of ${f.rounds})`;
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
