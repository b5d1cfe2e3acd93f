/**
 * Every cell on the site executes in Node, page by page, as the build runs it:
 * a failure names the page and line (content/<file>:<line>).
 *
 * The test command builds the site before this runs, and the build executes
 * every page and caches the outputs of pages that ran cleanly under a key of
 * their exact cells, notebooks, data and package versions. A page whose key is
 * in that cache has already run in this environment with this code, so it is
 * not run a second time; any other page runs here, in a realm of its own as
 * in the build.
 */
import { describe, it } from 'vitest';
import { executePageInRealm } from '../../src/cells/build/page-realm.ts';
import { CellCache, environmentFingerprint, pageCacheKey } from '../../src/cells/build/cache.ts';
import { notebookGraph } from '../../src/cells/build/notebook-graph.ts';
import { pageSeed } from '../../src/cells/build/page.ts';
import { checkDefinitions } from '../../src/cells/build/page-errors.ts';
import { root, sitePages } from './site-cells.ts';

const cache = new CellCache(root);
const environment = environmentFingerprint(root);
const graph = notebookGraph(root);

describe('every cell on the site', () => {
  for (const { page, cells } of sitePages()) {
    it(`${page} (${cells.length} cells)`, { timeout: 600_000 }, async () => {
      checkDefinitions(cells, page);
      const key = pageCacheKey(root, environment, { seed: pageSeed(page), cells }, graph);
      if (cache.get(key)) return;
      cache.set(key, await executePageInRealm(cells, page, root));
    });
  }
});
