/** Step 1: find the page's cells and check the single-definition rule before anything runs. */
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { collectCells } from './collect.ts';
import { checkDefinitions } from './page-errors.ts';
import './cells-data.ts';

function pagePath(root: string, file: VFile): string {
  return relative(root, realpathSync(file.path)).split(sep).join('/');
}

export function collectStep(tree: Root, file: VFile, root: string): void {
  const page = pagePath(root, file);
  const cells = collectCells(tree, page);
  if (cells.length === 0) return;
  checkDefinitions(cells, page);
  file.data.cells = { page, cells };
}
