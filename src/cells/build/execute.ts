/**
 * Runs a page's cells in order in one kernel, in Node. Loaded natively by
 * remark-cells.ts (see there why), and usable directly from tests.
 */
import { Capture } from '../core/capture.ts';
import { Kernel } from '../core/kernel.ts';
import type { CellOptions } from '../core/options.ts';
import type { ErrorOutput, Output } from '../core/outputs.ts';
import { createNodeHost } from './node-host.ts';
import { pageSeed } from './page.ts';
import { fail } from './page-errors.ts';

export interface ExecutableCell {
  id: string;
  code: string;
  options: CellOptions;
  /** File line of the opening fence; the cell's line n is at fence + n. */
  fence: number;
}

export interface ExecutedCell {
  id: string;
  outputs: Output[];
}

function errorLine(cell: ExecutableCell, error: ErrorOutput): number {
  return error.line ? cell.fence + error.line : cell.fence;
}

/** Throws `<page>:<line> <message>` for an unexpected error, or an expected one that did not happen. */
export async function executePage(cells: ExecutableCell[], page: string, root: string): Promise<ExecutedCell[]> {
  const kernel = new Kernel(createNodeHost(root), pageSeed(page));
  const results: ExecutedCell[] = [];
  for (const cell of cells) {
    if (cell.options.skip) {
      results.push({ id: cell.id, outputs: [] });
      continue;
    }
    const capture = new Capture();
    const error = await kernel.run(cell.id, cell.code, capture);
    const expected = cell.options.error;
    if (error && !expected) fail(page, errorLine(cell, error), `${error.name}: ${error.message}`);
    if (!error && expected) fail(page, cell.fence, `The cell should throw an error containing "${expected}" but ran without one`);
    if (error && expected && !error.message.includes(expected)) {
      fail(page, errorLine(cell, error), `The cell should throw an error containing "${expected}" but threw ${error.name}: ${error.message}`);
    }
    results.push({ id: cell.id, outputs: capture.outputs() });
  }
  // A timer left running would write into a page that is already built.
  kernel.cancelAllTimers();
  return results;
}

