/** package.json and electron-builder.yml say what Electron 45 and the desktops need. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ID, DESKTOP_NAME } from '../../../main/adapters/electron/startup.js';

const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string }; desktopName?: string };
const electronPkg = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { engines: { node: string } };
const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

const minimum = (range: string) => /(\d+)\.(\d+)/.exec(range)!.slice(1).map(Number);

describe('package configuration', () => {
  it('asks for at least the Node version Electron 45 itself needs (22.12)', () => {
    const [major, minor] = minimum(pkg.engines.node);
    const [eMajor, eMinor] = minimum(electronPkg.engines.node);
    expect(major! * 1000 + minor!).toBeGreaterThanOrEqual(eMajor! * 1000 + eMinor!);
    expect(pkg.engines.node).toBe('>=22.12');
  });

  it('uses one identity: appId, the Windows AppUserModelID and the Linux desktop name', () => {
    expect(yml).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    expect(pkg.desktopName).toBe(DESKTOP_NAME);
  });

  it('macOS: alert-style notifications, so "Rotate now" stays visible', () => {
    expect(yml).toMatch(/^ {4}NSUserNotificationAlertStyle: alert$/m);
  });
});
