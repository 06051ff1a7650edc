import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMachine, machineBlocks, restoreMachine, setMachine, snapshotMachine } from '../../../../main/adapters/netrc-edit.js';

const FILE = [
  '# my machines',
  'machine github.com',
  '  login me',
  '  password ghp_secret',
  '',
  'machine api.heroku.com',
  '  login old@example.com',
  '  password HRKU-old',
  '  method interactive',
  'machine git.heroku.com login old@example.com password HRKU-old',
  'macdef init',
  'machine not-a-machine login x',
  '',
  'default login anonymous password guest',
  '',
].join('\n');

describe('netrc editing', () => {
  it('reads blocks, skipping comments and macro bodies', () => {
    expect(machineBlocks(FILE).map((b) => b.host)).toEqual(['github.com', 'api.heroku.com', 'git.heroku.com']);
    expect(findMachine(FILE, 'api.heroku.com')?.pairs).toEqual([
      { key: 'login', value: 'old@example.com' },
      { key: 'password', value: 'HRKU-old' },
      { key: 'method', value: 'interactive' },
    ]);
  });

  it('sets login and password in place, keeping every other byte', () => {
    let text = setMachine(FILE, 'api.heroku.com', 'new@example.com', 'HRKU-new');
    text = setMachine(text, 'git.heroku.com', 'new@example.com', 'HRKU-new');
    expect(text).toBe(
      FILE.replace('  login old@example.com\n  password HRKU-old\n  method interactive', '  login new@example.com\n  password HRKU-new').replace(
        'machine git.heroku.com login old@example.com password HRKU-old',
        'machine git.heroku.com login new@example.com password HRKU-new',
      ),
    );
  });

  it('adds a block in the CLI layout when the host has none, and restore removes it again', () => {
    const base = 'machine github.com login me password x';
    const added = setMachine(base, 'api.heroku.com', 'a@b.c', 'HRKU-1');
    expect(added).toBe(`${base}\nmachine api.heroku.com\n  login a@b.c\n  password HRKU-1\n`);
    expect(restoreMachine(added, 'api.heroku.com', snapshotMachine(base, 'api.heroku.com'))).toBe(base);
    expect(setMachine('', 'h', 'l', 'p')).toBe('machine h\n  login l\n  password p\n');
    expect(restoreMachine(setMachine('', 'h', 'l', 'p'), 'h', snapshotMachine('', 'h'))).toBe('');
  });

  it('refuses values that would break the file', () => {
    expect(() => setMachine(FILE, 'api.heroku.com', 'a b', 'x')).toThrow();
    expect(() => setMachine(FILE, 'api.heroku.com', 'a', '#x')).toThrow();
  });

  it('set then restore gives the file back byte for byte (random files, 1,000 runs)', () => {
    const word = fc.stringMatching(/^[a-z0-9@.:-]{1,12}$/).filter((w) => !['machine', 'default', 'macdef'].includes(w));
    const ws = fc.constantFrom(' ', '\n', '\n  ', '\t', '\n\n', ' \n');
    const block = fc.tuple(word, fc.array(fc.tuple(word, word), { maxLength: 3 }), ws).map(
      ([host, pairs, sep]) => [`machine ${host}`, ...pairs.map(([k, v]) => `${k} ${v}`)].join(sep),
    );
    const comment = word.map((w) => `# ${w} machine x`);
    const file = fc.array(fc.tuple(fc.oneof(block, comment), ws), { maxLength: 6 }).map((parts) => parts.map(([b, w]) => b + w).join(''));
    fc.assert(
      fc.property(file, fc.constantFrom('api.heroku.com', 'git.heroku.com'), word, word, (text, host, login, password) => {
        const before = snapshotMachine(text, host);
        const others = machineBlocks(text).filter((b) => b.host !== host).map((b) => text.slice(b.start, b.end));
        const written = setMachine(text, host, login, password);
        expect(findMachine(written, host)?.pairs).toEqual(expect.arrayContaining([{ key: 'login', value: login }, { key: 'password', value: password }]));
        expect(machineBlocks(written).filter((b) => b.host !== host).map((b) => written.slice(b.start, b.end))).toEqual(others);
        const restored = restoreMachine(written, host, before);
        expect(restored).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
