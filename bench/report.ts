/**
 * Writes what one `npm run bench` measured: bench/results.json, bench/PERFORMANCE.md (the
 * generated table and facts, then the hand-written bench/performance-notes.md) and the same
 * text as the README's "## Performance" section (only that section is replaced).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshMemoryText, ROOT, type FreshMemory } from './lib/machine.js';
import { renderMarkdownTable, type Row } from './lib/stats.js';

export interface Report {
  generatedAt: string;
  table: Row[];
  machine: Record<string, unknown> & { loadAverage?: { before: number[]; after: number[] }; freshMemory?: FreshMemory };
  versions: Record<string, string | null>;
  durationMs: number;
}

/** Writes results.json, PERFORMANCE.md and the README's Performance section. */
export function writeReport(report: Report & Record<string, unknown>): void {
  writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const notesFile = path.join(ROOT, 'bench/performance-notes.md');
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
  const section = performanceSection(report) + notes;
  writeFileSync(path.join(ROOT, 'bench/PERFORMANCE.md'), section);
  const readmeFile = path.join(ROOT, 'README.md');
  writeFileSync(readmeFile, replaceSection(readFileSync(readmeFile, 'utf8'), section));
}

/** The README with its "## Performance" section (up to the next "## " heading) replaced. */
export function replaceSection(readme: string, section: string): string {
  const start = readme.search(/^## Performance\s*$/m);
  if (start < 0) return `${readme.trimEnd()}\n\n${section}`;
  const rest = readme.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next < 0 ? readme.length : start + 1 + next;
  return `${readme.slice(0, start)}${section.trimEnd()}\n\n${readme.slice(end)}`.replace(/\n+$/, '\n');
}

function performanceSection(r: Report): string {
  const m = r.machine;
  const v = r.versions;
  const gb = (Number(m.memoryBytes) / 1024 ** 3).toFixed(0);
  const load = (xs?: number[]) => (xs ? xs.map((x) => x.toFixed(2)).join(' / ') : 'n/a');
  const passed = r.table.filter((x) => x.result === 'pass').length;
  const missed = r.table.filter((x) => x.result === 'miss').length;
  return `## Performance

Measured side by side with what people use today (the Heroku CLI, the official \`heroku-client\`),
on the same local Heroku API emulator, in one run of:

\`\`\`sh
npm run bench
\`\`\`

Every budget is a ratio to something measured in the same run on the same machine (the
\`heroku-client\` on the same pages, the first refresh, the 20-token popover), except the
event-loop block (one 60 Hz frame, 16 ms) and the heap per authorization (2 KB). Times are
medians with the lowest and highest sample; each series was repeated until its interquartile
range was within 10% of its median, and a row says "(spread did not settle)" when the cap came
first. ${passed} budgets passed, ${missed} missed in this run.

${renderMarkdownTable(r.table)}

Machine: ${String(m.cpuModel)}, ${String(m.cores)} cores, ${gb} GB, ${String(m.os)}${freshMemoryText(m.freshMemory)}; load average
(1 / 5 / 15 min) ${load(m.loadAverage?.before)} before the run and ${load(m.loadAverage?.after)} after it
(the machine is shared, so absolute times swing; the ratios are what to read). Node ${v.node},
Chromium ${v.chromium}, Heroku CLI ${v.herokuCli}, heroku-client ${v.herokuClient}, zod ${v.zod}.
The run took ${(r.durationMs / 60_000).toFixed(1)} min on ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC; raw samples are in \`bench/results.json\`.
`;
}
