/**
 * Running the real Heroku CLI (dev dependency) against the emulator, offline: a throwaway HOME,
 * no update checks or telemetry, its side services pointed at the emulator, and the React 18
 * shim (npm hoists the app's React 19 where the CLI's table renderer would find it).
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const HEROKU_BIN = path.join(root, 'node_modules', '.bin', 'heroku');
const REACT18_SHIM = path.join(root, 'tests', 'integration', 'support', 'heroku-cli-react18.mjs');

/** The environment for `heroku …` against the emulator at emuUrl, with HOME at home. */
export function herokuCliEnv(emuUrl: string, home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HEROKU_') && k !== 'NODE_OPTIONS'));
  return {
    ...inherited,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    HEROKU_HOST: emuUrl,
    HEROKU_DISABLE_AUTOUPDATE: '1',
    HEROKU_SKIP_NEW_VERSION_CHECK: 'true',
    HEROKU_PARTICLEBOARD_URL: `${emuUrl}/__particleboard`,
    HEROKU_ANALYTICS_URL: `${emuUrl}/__analytics`,
    DISABLE_TELEMETRY: 'true',
    IS_HEROKU_TEST_ENV: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    NODE_OPTIONS: `--import=${REACT18_SHIM}`,
    HEROKU_CLI_NODE_MODULES: path.join(root, 'node_modules'),
    ...extra,
  };
}
