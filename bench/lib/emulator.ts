/**
 * Emulators seeded with an exact number of tokens for the benchmarks. Uses the emulator's
 * 'empty' seed and addAuthorizations() (tests/heroku-emulator); the fallbacks keep the harness
 * usable against an older emulator and are reported in results.json when taken.
 */
import { randomUUID } from 'node:crypto';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../tests/heroku-emulator/server.js';
import type { EmuAccount, EmuAuthorization } from '../../tests/heroku-emulator/seed.js';

/** The parts of the agreed emulator API a bench uses, all optional so older builds still run. */
interface EmulatorExtras {
  addAuthorizations?: (count: number, account?: EmuAccount) => void;
  liveAuthorizations?: (account?: EmuAccount) => EmuAuthorization[];
  requests?: Array<{ method: string; path: string; status: number; at: number }>;
}

export type BenchEmulator = Emulator & EmulatorExtras;

/** Notes about how a seed was made (fallbacks taken), for results.json. */
export const seedNotes: string[] = [];

function live(emu: BenchEmulator): EmuAuthorization[] {
  return emu.liveAuthorizations ? emu.liveAuthorizations() : emu.account.authorizations.filter((a) => !a.revoked);
}

/** Starts an emulator whose demo account has exactly `total` live tokens (the sign-in key included). */
export async function startSeededEmulator(total: number, options: EmulatorOptions = {}): Promise<BenchEmulator> {
  const emu = (await startEmulator({ ...options, seed: 'empty' } as EmulatorOptions)) as BenchEmulator;
  seedTo(emu, total);
  return emu;
}

/** Brings an emulator's demo account to exactly `total` live tokens. */
export function seedTo(emu: BenchEmulator, total: number): void {
  let have = live(emu);
  if (have.length > total) {
    // An emulator without the 'empty' seed: drop everything but the sign-in key.
    for (const a of have) if (a.token !== emu.apiKey) a.revoked = true;
    seedNotes.push('emulator ignored seed "empty": extra tokens revoked by the bench');
    have = live(emu);
  }
  const missing = total - have.length;
  if (missing > 0) {
    if (emu.addAuthorizations) emu.addAuthorizations(missing);
    else {
      seedNotes.push('emulator has no addAuthorizations(): tokens pushed into its account by the bench');
      emu.account.authorizations.push(...fakeAuthorizations(missing));
    }
  }
  const n = live(emu).length;
  if (n !== total) throw new Error(`could not seed ${total} tokens (have ${n})`);
}

/** Tokens with a spread of expiries (some never), like a busy account. */
function fakeAuthorizations(count: number): EmuAuthorization[] {
  const now = Date.now();
  const H = 3600_000;
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    description: `Bench token ${i + 1}`,
    scope: i % 3 === 0 ? ['global'] : ['read', 'write'],
    token: `HRKU-${randomUUID()}`,
    expiresAt: i % 5 === 0 ? null : now + ((i * 7919) % (60 * 24)) * H,
    createdAt: now - 40 * 24 * H,
    updatedAt: now - 40 * 24 * H,
    clientId: null,
    revoked: false,
  }));
}

/** Requests the emulator served since index `from` (empty when it keeps no log). */
export function requestsSince(emu: BenchEmulator, from: number): Array<{ method: string; path: string; status: number }> {
  return (emu.requests ?? []).slice(from);
}
