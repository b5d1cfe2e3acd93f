/**
 * Every page under content/ with cells, parsed by the same collector as the
 * remark plugin: for the site-wide cell test and the cell type check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { collectCells } from './collect.ts';
import type { ExecutableCell } from './execute.ts';

export interface CellPage {
  /** Relative to the project root, e.g. "content/papers/cosent.mdx". */
  page: string;
  cells: ExecutableCell[];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

export function pageCells(root: string, path: string): ExecutableCell[] {
  const tree = unified().use(remarkParse).parse(readFileSync(path, 'utf8'));
  return collectCells(tree, relative(root, path)).map(({ id, code, options, fence }) => ({ id, code, options, fence }));
}

export function contentPagesWithCells(root: string): CellPage[] {
  return markdownFiles(join(root, 'content'))
    .map((path) => ({ page: relative(root, path), cells: pageCells(root, path) }))
    .filter(({ cells }) => cells.length > 0)
    .sort((a, b) => a.page.localeCompare(b.page));
}
