/**
 * Finds a page's cells in its Markdown tree: the one collector for the remark
 * plugin, the site-wide cell test and the note checker, so all three agree on
 * what a cell is, its id and its line.
 */
import type { Code, Root, RootContent } from 'mdast';
import { isCellFence, parseCellMeta, type CellOptions } from '../core/options.ts';
import { fail } from './page-errors.ts';

export interface CollectedCell {
  node: Code;
  id: string;
  code: string;
  options: CellOptions;
  /** File line of the opening fence. */
  fence: number;
}

/** The page's cells in order; a bad option, a missing or a repeated id fails with `<page>:<line>`. */
export function collectCells(tree: Root, page: string): CollectedCell[] {
  const cells: CollectedCell[] = [];
  const ids = new Map<string, number>();
  const visit = (node: Root | RootContent) => {
    if (node.type === 'code' && isCellFence(node.lang, node.meta)) {
      const fence = node.position?.start.line ?? 0;
      let options: CellOptions;
      try {
        options = parseCellMeta(node.meta ?? '');
      } catch (error) {
        fail(page, fence, (error as Error).message);
      }
      // Readers' saved edits and share links are keyed by the id: one derived from the
      // cell's position would move them onto another cell when the author inserts one.
      if (!options.id) fail(page, fence, 'This cell needs an explicit id=… (readers’ saved edits and share links are keyed by it)');
      const id = options.id;
      if (ids.has(id)) fail(page, fence, `Cell id "${id}" is already used by the cell at line ${ids.get(id)}`);
      ids.set(id, fence);
      cells.push({ node, id, code: node.value, options, fence });
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return cells;
}
