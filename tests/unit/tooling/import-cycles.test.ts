/** "No import cycles" (house plan): the import graph of main/, shared/ and renderer/ has none, and the check finds one. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { findCycles, importGraph } from '../../support/import-graph.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('import cycles', () => {
  it('main/, shared/ and renderer/ have none', () => {
    const graph = importGraph(root, ['main', 'shared', 'renderer']);
    // The graph is real: the composition root reaches the services and the contract.
    expect(graph.get('main/core.ts')).toEqual(expect.arrayContaining(['main/handlers.ts', 'main/services/expiry-watcher.ts']));
    expect(graph.get('main/services/expiry-watcher.ts')).toContain('main/services/new-authorization-spotter.ts');
    expect(findCycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a cycle through a type-only import, and names its path', () => {
    const graph = importGraph(root, ['tests/fixtures/import-cycle']);
    const dir = 'tests/fixtures/import-cycle';
    expect(findCycles(graph)).toEqual([[`${dir}/a.ts`, `${dir}/b.ts`, `${dir}/c.ts`, `${dir}/a.ts`]]);
  });

  it('finds a two-file cycle and a self-import in a hand-made graph, and nothing in a chain', () => {
    const graph = new Map([
      ['x.ts', ['y.ts']],
      ['y.ts', ['x.ts', 'z.ts']],
      ['z.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(findCycles(graph).map((c) => c.join(' -> ')).sort()).toEqual(['self.ts -> self.ts', 'x.ts -> y.ts -> x.ts']);
    expect(findCycles(new Map([['p.ts', ['q.ts']], ['q.ts', ['r.ts']], ['r.ts', []]]))).toEqual([]);
  });
});
