/**
 * The remark plugin for cells, as three steps that pass their results on in
 * `vfile.data.cells` (cells-data.ts): collect the page's cells (collect-step),
 * get their outputs from the cache or by running them in a realm of the page's
 * own (run-step), and render the cell markup (render-step). An unexpected
 * throw, or an expected error that did not happen, fails the build with
 * `content/<file>:<line> <message>`.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { CellCache } from './cache.ts';
import { exportFeaturedPlot, featuredPlot } from './featured.ts';
import { collectStep } from './collect-step.ts';
import { renderStep } from './render-step.ts';
import { createRunStep } from './run-step.ts';

export interface RemarkCellsOptions {
  /** The project root (holds content/, notebooks/, node_modules/). */
  root?: string;
  /** Read and write node_modules/.cache/cells (default true). */
  cache?: boolean;
}

/** Cells executed and read from the cache since the process started, for the build summary. */
export const cellCounts = { executed: 0, cached: 0 };

export default function remarkCells(options: RemarkCellsOptions = {}) {
  const root = options.root ?? process.cwd();
  const runStep = createRunStep(root, options.cache === false ? undefined : new CellCache(root));

  return async (tree: Root, file: VFile) => {
    collectStep(tree, file, root);
    const data = file.data.cells;
    if (!data) return;
    await runStep(file);
    const runnable = data.cells.filter((cell) => !cell.options.skip).length;
    if (data.executed) cellCounts.executed += runnable;
    else cellCounts.cached += runnable;
    exportFeaturedPlot(file, featuredPlot(data.cells, data.outputs ?? new Map(), data.page));
    renderStep(tree, file);
  };
}
