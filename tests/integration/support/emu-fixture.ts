/** A fresh emulator per test (vitest hooks), plus the small request helpers the tests share. */
import { afterEach, beforeEach, expect } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../heroku-emulator/server.js';
import { raw, type AuthorizationBody } from './emu-http.js';

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Registers hooks that start a demo emulator before each test and close it after. */
export function useEmulator() {
  let current: Emulator | undefined;
  const fixture = {
    get emu(): Emulator {
      if (!current) throw new Error('emulator not started');
      return current;
    },
    /** Replaces the current emulator with one started with `o`. */
    async start(o: EmulatorOptions = {}): Promise<Emulator> {
      await current?.close();
      current = await startEmulator(o);
      return current;
    },
    create: (body: unknown, token?: string) => raw(fixture.emu, '/oauth/authorizations', { method: 'POST', body, token }),
    /** Creates and asserts 201. */
    async created(body: unknown): Promise<AuthorizationBody> {
      const r = await fixture.create(body);
      expect(r.status, r.text).toBe(201);
      return r.json as AuthorizationBody;
    },
    /** The status GET /account answers for a token. */
    statusWith: async (token: string) => (await raw(fixture.emu, '/account', { token })).status,
  };
  beforeEach(async () => {
    await fixture.start();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return fixture;
}
