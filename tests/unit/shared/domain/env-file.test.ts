/** Assignments in .env files, shell profiles and fish configs: found, and one value replaced in place. */
import { describe, expect, it } from 'vitest';
import { findAssignments, replaceAssignment, valueOf } from '../../../../shared/domain/env-file.js';

const A = 'HRKU-aaaaaaaa-1111-2222-3333-44444444aaaa';
const B = 'HRKU-bbbbbbbb-1111-2222-3333-44444444bbbb';

describe('env files', () => {
  const text = `# deploy\nexport HEROKU_API_KEY="${A}"\nRAILS_ENV=production\nOTHER='x' # note\nset -x FISH_KEY ${B}\n`;
  it('finds assignments in sh, .env and fish forms', () => {
    expect(findAssignments(text).map((a) => [a.name, a.value])).toEqual([
      ['HEROKU_API_KEY', A],
      ['RAILS_ENV', 'production'],
      ['OTHER', 'x'],
      ['FISH_KEY', B],
    ]);
    expect(valueOf(text, 'HEROKU_API_KEY')).toBe(A);
  });
  it('replaces one value and keeps every other byte', () => {
    const out = replaceAssignment(text, 'HEROKU_API_KEY', A, B)!;
    expect(out).toBe(text.replace(A, B));
    expect(replaceAssignment(text, 'HEROKU_API_KEY', 'not-it', B)).toBeNull();
    expect(replaceAssignment(text, 'MISSING', A, B)).toBeNull();
  });
});
