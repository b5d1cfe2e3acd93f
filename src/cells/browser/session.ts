/**
 * What the live kernel holds: which cells ran, with which code, in which order,
 * and whether they succeeded. From that and the page's dependency graph it
 * answers the two questions the reader's controls ask: which cells must run
 * before this one, and which cells are stale after an edit.
 *
 * A cell is up to date when it ran without error, with the code it has now,
 * and after every cell it depends on, each of which is up to date too.
 */
import { analyseCell } from '../core/analyse.ts';
import { buildGraph, runPlan, type CellGraph, type GraphCell } from '../core/graph.ts';
import { transpileCell } from '../core/transpile.ts';
import type { CellCode } from './protocol.ts';

export type LiveState = 'idle' | 'done' | 'stale' | 'error';

interface Record {
  code: string;
  ok: boolean;
  /** Position in the kernel's run history. */
  at: number;
}

export interface CellInfo {
  id: string;
  code: string;
  /** Module specifiers the cell imports (empty when it does not parse). */
  imports: string[];
}

export class Session {
  private readonly records = new Map<string, Record>();
  private clock = 0;

  /**
   * The graph of the page as it is now. A cell that does not parse defines and
   * uses nothing here; running it reports its syntax error.
   */
  analyse(cells: readonly CellCode[]): { graph: CellGraph; info: Map<string, CellInfo> } {
    const info = new Map<string, CellInfo>();
    const nodes: GraphCell[] = cells.map(({ id, code }) => {
      try {
        const analysis = analyseCell(transpileCell(code));
        info.set(id, { id, code, imports: analysis.imports });
        return { id, defines: analysis.defines, uses: analysis.uses };
      } catch {
        info.set(id, { id, code, imports: [] });
        return { id, defines: [], uses: [] };
      }
    });
    return { graph: buildGraph(nodes), info };
  }

  private upToDate(graph: CellGraph, codes: Map<string, string>, id: string, seen = new Set<string>()): boolean {
    const record = this.records.get(id);
    if (!record || !record.ok || record.code !== codes.get(id)) return false;
    if (seen.has(id)) return true;
    seen.add(id);
    for (const dep of graph.dependsOn.get(id) ?? []) {
      const depRecord = this.records.get(dep);
      if (!depRecord || depRecord.at > record.at || !this.upToDate(graph, codes, dep, seen)) return false;
    }
    return true;
  }

  /** The cells to run for `target`, in page order: stale or unrun ancestors, then the target. */
  plan(graph: CellGraph, cells: readonly CellCode[], target: string): string[] {
    const codes = new Map(cells.map((cell) => [cell.id, cell.code]));
    return runPlan(graph, target, (id) => this.upToDate(graph, codes, id));
  }

  record(id: string, code: string, ok: boolean): void {
    this.clock += 1;
    this.records.set(id, { code, ok, at: this.clock });
  }

  /** A timer or late rejection of the cell failed after it returned: its last run is an error (its place in the history stays). */
  markFailed(id: string): void {
    const record = this.records.get(id);
    if (record) record.ok = false;
  }

  /** Whether the cell's last run ended without an error. */
  ranClean(id: string): boolean {
    return this.records.get(id)?.ok === true;
  }

  states(graph: CellGraph, cells: readonly CellCode[]): { [id: string]: LiveState } {
    const codes = new Map(cells.map((cell) => [cell.id, cell.code]));
    const states: { [id: string]: LiveState } = {};
    for (const { id, code } of cells) {
      const record = this.records.get(id);
      if (!record) states[id] = 'idle';
      else if (this.upToDate(graph, codes, id)) states[id] = 'done';
      else if (!record.ok && record.code === code) states[id] = 'error';
      else states[id] = 'stale';
    }
    return states;
  }
}
