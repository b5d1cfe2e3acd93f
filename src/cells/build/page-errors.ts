/**
 * Page-level checks shared by the build and the site-wide cell test, and the
 * one shape of their failure: `content/<file>:<line> <message>`.
 */
import { buildGraph, DuplicateDefinitionError } from '../core/graph.ts';
import { compileCell } from '../core/kernel.ts';

export interface PlacedCell {
  id: string;
  code: string;
  /** File line of the opening fence. */
  fence: number;
}

export function fail(page: string, line: number, message: string): never {
  throw new Error(`${page}:${line} ${message}`);
}

/** The single-definition rule, checked before anything runs. Cells that do not compile are left to the kernel to report. */
export function checkDefinitions(cells: PlacedCell[], page: string): void {
  const analysed = cells.flatMap((cell) => {
    try {
      const { defines, uses } = compileCell(cell.id, cell.code);
      return [{ id: cell.id, defines, uses }];
    } catch {
      return [];
    }
  });
  try {
    buildGraph(analysed);
  } catch (error) {
    if (!(error instanceof DuplicateDefinitionError)) throw error;
    const second = cells.find((cell) => cell.id === error.cells[1]) as PlacedCell;
    fail(page, second.fence, error.message);
  }
}
