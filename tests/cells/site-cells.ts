/** The project root and its pages with cells, for the site-wide cell tests. */
import { join } from 'node:path';
import { contentPagesWithCells, type CellPage } from '../../src/cells/build/content-pages.ts';

export const root = join(import.meta.dirname, '../..');

export function sitePages(): CellPage[] {
  return contentPagesWithCells(root);
}
