/**
 * The page's cells as a dependency graph: a cell depends on the cells that
 * define the names it uses. A name may be defined by one cell only.
 */

export interface GraphCell {
  id: string;
  defines: readonly string[];
  uses: readonly string[];
}

export class DuplicateDefinitionError extends Error {
  /** The first defining cell, then the second. */
  readonly cells: [string, string];

  constructor(name: string, first: string, second: string) {
    super(`"${name}" is defined by two cells, "${first}" and "${second}": a name may be defined by one cell only`);
    this.name = 'DuplicateDefinitionError';
    this.cells = [first, second];
  }
}

export interface CellGraph {
  /** Cell ids in page order. */
  order: string[];
  /** Name → the cell defining it. */
  definedBy: Map<string, string>;
  /** Cell → the cells it uses names from (direct). */
  dependsOn: Map<string, Set<string>>;
}

export function buildGraph(cells: readonly GraphCell[]): CellGraph {
  const definedBy = new Map<string, string>();
  for (const cell of cells) {
    for (const name of cell.defines) {
      const other = definedBy.get(name);
      if (other !== undefined && other !== cell.id) throw new DuplicateDefinitionError(name, other, cell.id);
      definedBy.set(name, cell.id);
    }
  }
  const dependsOn = new Map<string, Set<string>>();
  for (const cell of cells) {
    const deps = new Set<string>();
    for (const name of cell.uses) {
      const owner = definedBy.get(name);
      if (owner !== undefined && owner !== cell.id) deps.add(owner);
    }
    dependsOn.set(cell.id, deps);
  }
  return { order: cells.map((cell) => cell.id), definedBy, dependsOn };
}

function closure(start: string, next: (id: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...next(start)];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

/** Every cell `id` depends on, directly or not. */
export function ancestors(graph: CellGraph, id: string): Set<string> {
  return closure(id, (cell) => graph.dependsOn.get(cell) ?? []);
}

/** Every cell that depends on `id`, directly or not: these go stale when `id` is edited. */
export function dependents(graph: CellGraph, id: string): Set<string> {
  const users = (cell: string) => graph.order.filter((other) => graph.dependsOn.get(other)?.has(cell));
  return closure(id, users);
}

/**
 * The cells to run, in page order, so that running `id` sees fresh inputs:
 * its ancestors that are not up to date, then `id` itself.
 */
export function runPlan(graph: CellGraph, id: string, isUpToDate: (cell: string) => boolean): string[] {
  const needed = ancestors(graph, id);
  return graph.order.filter((cell) => cell === id || (needed.has(cell) && !isUpToDate(cell)));
}
