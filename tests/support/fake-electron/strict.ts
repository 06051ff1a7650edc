/**
 * Loud failure for everything the fake does not model: reading an unknown property of a faked
 * Electron object throws "fake-electron: <api> not modelled", so code that starts using a new API
 * fails its test by name instead of silently getting undefined.
 */

// Properties test tooling and the runtime probe on any object (thenables, matchers, inspectors).
const PROBES = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'nodeName',
  'tagName',
  'constructor',
  '__esModule',
  'default',
  'inspect',
  'length',
  '_isMockFunction',
]);

/**
 * Wraps target so that unknown string properties throw. `absent()` names properties this OS does
 * not have at all (app.dock off macOS): they read as undefined, as in Electron.
 */
export function strict<T extends object>(target: T, name: string, absent: () => ReadonlySet<string> = () => new Set()): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(t, prop, receiver);
      if (absent().has(prop)) return undefined;
      if (prop in t) return Reflect.get(t, prop, receiver);
      if (PROBES.has(prop) || prop.startsWith('@@') || prop.startsWith('__v_')) return undefined;
      throw new Error(`fake-electron: ${name}.${prop} not modelled`);
    },
    has(t, prop) {
      if (typeof prop === 'string' && absent().has(prop)) return false;
      return Reflect.has(t, prop);
    },
  });
}

/** The error Electron throws when a destroyed BrowserWindow, WebContents or Tray is used. */
export function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}
