/**
 * What the cell steps pass on to each other in `vfile.data.cells`, as unified
 * plugins pass data: the collect step finds the cells, the run step adds their
 * outputs, the render step turns both into the page's markup.
 */
import type { Output } from '../core/outputs.ts';
import type { CollectedCell } from './collect.ts';

export interface PageCellsData {
  /** Relative to the project root, e.g. "content/papers/cosent.mdx". */
  page: string;
  cells: CollectedCell[];
  /** Outputs by cell id, once the run step is done. */
  outputs?: Map<string, Output[]>;
  /** Whether the run step executed the cells (false: read from the cache). */
  executed?: boolean;
}

declare module 'vfile' {
  interface DataMap {
    cells: PageCellsData;
  }
}
