/**
 * Edits the text of a netrc file the way the Heroku CLI's netrc handler does, but touching only
 * the bytes of the machine blocks it changes: every other line, comment, blank line and machine
 * stays exactly as it was. Pure functions over strings (the file access is in cli-login-files.ts).
 *
 * netrc grammar (as the CLI and curl read it): whitespace-separated tokens; `machine <host>` or
 * `default` starts a block of `<key> <value>` pairs; `macdef <name>` is followed by a body that
 * ends at the first empty line; `#` starts a comment to the end of the line.
 */

interface Token {
  text: string;
  start: number;
  end: number;
}

export interface MachineBlock {
  host: string;
  /** Offsets of the block: from `machine` to the end of its last value. */
  start: number;
  end: number;
  pairs: Array<{ key: string; value: string }>;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].startsWith('#')) {
      const nl = text.indexOf('\n', m.index);
      re.lastIndex = nl === -1 ? text.length : nl;
      continue;
    }
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    if (m[0] === 'macdef') {
      // The macro's name, then its body up to the first empty line: none of it is tokens.
      const name = re.exec(text);
      if (!name) break;
      const blank = text.slice(name.index).search(/\n[ \t]*\n/);
      re.lastIndex = blank === -1 ? text.length : name.index + blank + 1;
    }
  }
  return out;
}

/** Every `machine` block, in file order (a later block for the same host is ignored by readers). */
export function machineBlocks(text: string): MachineBlock[] {
  const all = tokens(text);
  const blocks: MachineBlock[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i]!.text !== 'machine' || !all[i + 1]) continue;
    const block: MachineBlock = { host: all[i + 1]!.text, start: all[i]!.start, end: all[i + 1]!.end, pairs: [] };
    let j = i + 2;
    while (j + 1 < all.length && !['machine', 'default', 'macdef'].includes(all[j]!.text)) {
      block.pairs.push({ key: all[j]!.text, value: all[j + 1]!.text });
      block.end = all[j + 1]!.end;
      j += 2;
    }
    blocks.push(block);
    i = j - 1;
  }
  return blocks;
}

/** The first block for a host (the one the CLI reads), or null. */
export function findMachine(text: string, host: string): MachineBlock | null {
  return machineBlocks(text).find((b) => b.host === host) ?? null;
}

/** What Restore needs to put a host's block back: its exact text (null = none) and the file's end. */
export interface MachineSnapshot {
  block: string | null;
  /** Whether the file ended with a line break (an added block brings one of its own). */
  endedWithNewline: boolean;
}

/** The exact text of a host's block, or null when the file has none. */
export function machineText(text: string, host: string): string | null {
  const b = findMachine(text, host);
  return b ? text.slice(b.start, b.end) : null;
}

/** Takes what restoreMachine() needs, before a change. */
export function snapshotMachine(text: string, host: string): MachineSnapshot {
  return { block: machineText(text, host), endedWithNewline: text === '' || text.endsWith('\n') };
}

/** The separator between a block's parts: its own (`\n  ` for the CLI's layout, ` ` inline). */
function separatorOf(text: string, b: MachineBlock): string {
  const inner = text.slice(b.start, b.end);
  const m = /\n[ \t]*/.exec(inner);
  return m ? m[0] : ' ';
}

/**
 * Sets login and password for a host, as the CLI does (`method` and `org` are dropped, other
 * keys kept); adds the block at the end when the file has none.
 */
export function setMachine(text: string, host: string, login: string, password: string): string {
  for (const v of [host, login, password]) {
    if (!/^\S+$/.test(v) || v.startsWith('#')) throw new Error('netrc values cannot hold spaces or start with #.');
  }
  const b = findMachine(text, host);
  if (!b) {
    const lead = text === '' || text.endsWith('\n') ? '' : '\n';
    return `${text}${lead}machine ${host}\n  login ${login}\n  password ${password}\n`;
  }
  const pairs = b.pairs.filter((p) => p.key !== 'method' && p.key !== 'org');
  const set = (key: string, value: string) => {
    const hit = pairs.find((p) => p.key === key);
    if (hit) hit.value = value;
    else pairs.push({ key, value });
  };
  set('login', login);
  set('password', password);
  const sep = separatorOf(text, b);
  const block = [`machine ${host}`, ...pairs.map((p) => `${p.key} ${p.value}`)].join(sep);
  return text.slice(0, b.start) + block + text.slice(b.end);
}

/** Puts a host's block back as the snapshot had it (no block: the one added goes, with its lines). */
export function restoreMachine(text: string, host: string, previous: MachineSnapshot): string {
  const b = findMachine(text, host);
  if (!b) {
    if (previous.block === null) return text;
    return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${previous.block}\n`;
  }
  if (previous.block !== null) return text.slice(0, b.start) + previous.block + text.slice(b.end);
  // Remove the block and the line break after it; at the end of a file that had no final line
  // break, also the one added before it.
  const after = text[b.end] === '\n' ? b.end + 1 : b.end;
  const atEnd = after === text.length;
  const before = atEnd && !previous.endedWithNewline && b.start > 0 && text[b.start - 1] === '\n' ? b.start - 1 : b.start;
  return text.slice(0, before) + text.slice(after);
}
