/**
 * Finds every page with cells under content/ and parses its cells exactly as
 * the remark plugin does, for the site-wide cell test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { collectCells } from '../../src/cells/build/collect.ts';
import type { ExecutableCell } from '../../src/cells/build/execute.ts';

export const root = join(import.meta.dirname, '../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

export interface CellPage {
  page: string;
  cells: ExecutableCell[];
}

export function pageCells(path: string): ExecutableCell[] {
  const tree = unified().use(remarkParse).parse(readFileSync(path, 'utf8'));
  return collectCells(tree, relative(root, path)).map(({ id, code, options, fence }) => ({ id, code, options, fence }));
}

export function sitePages(): CellPage[] {
  return markdownFiles(join(root, 'content'))
    .map((path) => ({ page: relative(root, path), cells: pageCells(path) }))
    .filter(({ cells }) => cells.length > 0)
    .sort((a, b) => a.page.localeCompare(b.page));
}
