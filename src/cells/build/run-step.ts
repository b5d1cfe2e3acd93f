/**
 * Step 2: the page's outputs, from the cache when nothing they depend on
 * changed, else by running the cells in a realm of the page's own.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { CellCache, environmentFingerprint, pageCacheKey, type CachedCell } from './cache.ts';
import { notebookGraph } from './notebook-graph.ts';
import type { CollectedCell } from './collect.ts';
import { pageSeed } from './page.ts';
import './cells-data.ts';

/**
 * Astro loads the plugin through Vite's module runner, which is closed once
 * the config is read: an `import()` in code it loaded fails mid-build. Node's
 * own `require` (which loads ES modules and TypeScript in Node 24) is not
 * rewritten by Vite, so the realm pool loads as a plain Node module.
 */
const nodeRequire = createRequire(import.meta.url);

function executePage(cells: CollectedCell[], page: string, root: string): Promise<CachedCell[]> {
  const realm = nodeRequire(join(root, 'src/cells/build/page-realm.ts')) as typeof import('./page-realm.ts');
  return realm.executePageInRealm(
    cells.map(({ id, code, options, fence }) => ({ id, code, options, fence })),
    page,
    root,
  );
}

export function createRunStep(root: string, cache: CellCache | undefined) {
  let environment: string | undefined;
  let graph: ReturnType<typeof notebookGraph> | undefined;
  // A translation has its original's cells and seed, so the same key, and waits for the same run.
  const inFlight = new Map<string, Promise<CachedCell[]>>();

  return async (file: VFile): Promise<void> => {
    const data = file.data.cells;
    if (!data) return;
    const { page, cells } = data;
    environment ??= environmentFingerprint(root);
    graph ??= notebookGraph(root);
    const key = pageCacheKey(root, environment, { seed: pageSeed(page), cells }, graph);
    let executed = false;
    let results = cache?.get(key);
    if (!results) {
      let run = inFlight.get(key);
      if (!run) {
        executed = true;
        run = executePage(cells, page, root).then((fresh) => {
          cache?.set(key, fresh);
          return fresh;
        });
        inFlight.set(key, run);
        void run.finally(() => inFlight.delete(key)).catch(() => undefined);
      }
      results = await run;
    }
    data.outputs = new Map(results.map((result) => [result.id, result.outputs]));
    data.executed = executed;
  };
}
