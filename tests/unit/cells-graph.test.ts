import { describe, expect, it } from 'vitest';
import { ancestors, buildGraph, dependents, DuplicateDefinitionError, runPlan } from '../../src/cells/core/graph.ts';

const page = [
  { id: 'data', defines: ['rows'], uses: [] },
  { id: 'model', defines: ['model', 'train'], uses: ['tf'] },
  { id: 'fit', defines: ['history'], uses: ['model', 'rows', 'train'] },
  { id: 'plot', defines: [], uses: ['history', 'Math'] },
  { id: 'other', defines: ['unrelated'], uses: ['console'] },
];

describe('cell graph', () => {
  it('makes a cell depend on the cells that define the names it uses', () => {
    const graph = buildGraph(page);
    expect([...(graph.dependsOn.get('fit') ?? [])].sort()).toEqual(['data', 'model']);
    expect([...ancestors(graph, 'plot')].sort()).toEqual(['data', 'fit', 'model']);
    expect(graph.dependsOn.get('other')?.size).toBe(0);
  });

  it('rejects a name defined by two cells, naming both', () => {
    const cells = [...page, { id: 'again', defines: ['model'], uses: [] }];
    expect(() => buildGraph(cells)).toThrow(DuplicateDefinitionError);
    expect(() => buildGraph(cells)).toThrow(/"model" is defined by two cells, "model" and "again"/);
  });

  it('marks every transitive dependent stale after an edit, and nothing else', () => {
    const graph = buildGraph(page);
    expect([...dependents(graph, 'data')].sort()).toEqual(['fit', 'plot']);
    expect([...dependents(graph, 'model')].sort()).toEqual(['fit', 'plot']);
    expect([...dependents(graph, 'plot')]).toEqual([]);
  });

  it('runs the dependencies that are not up to date first, in page order', () => {
    const graph = buildGraph(page);
    expect(runPlan(graph, 'plot', () => false)).toEqual(['data', 'model', 'fit', 'plot']);
    const fresh = new Set(['data', 'model']);
    expect(runPlan(graph, 'plot', (id) => fresh.has(id))).toEqual(['fit', 'plot']);
    expect(runPlan(graph, 'other', () => false)).toEqual(['other']);
  });
});
