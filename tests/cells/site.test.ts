/**
 * Every cell on the site executes in Node, page by page, as the build runs it:
 * a failure names the page and line (content/<file>:<line>).
 */
import { describe, it } from 'vitest';
import { executePage } from '../../src/cells/build/execute.ts';
import { root, sitePages } from './site-cells.ts';

describe('every cell on the site', () => {
  for (const { page, cells } of sitePages()) {
    it(`${page} (${cells.length} cells)`, { timeout: 600_000 }, async () => {
      await executePage(cells, page, root);
    });
  }
});
