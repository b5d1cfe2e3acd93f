/**
 * The remark plugin: every ```ts cell fence becomes a cell wrapper (see
 * core/markup.ts) holding its source, its highlighted code and its outputs,
 * computed by running the page's cells in order in one Node kernel — or read
 * back from the cache when nothing they depend on changed. An unexpected
 * throw, or an expected error that did not happen, fails the build with
 * `content/<file>:<line> <message>`.
 */
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { h } from 'hastscript';
import type { Code, Root, RootContent } from 'mdast';
import type { ElementContent, Properties } from 'hast';
import type { VFile } from 'vfile';
import * as markup from '../core/markup.ts';
import type { Output } from '../core/outputs.ts';
import { renderOutputs, toHast } from '../core/render.ts';
import { cacheKey, CellCache, environmentFingerprint, type CachedCell } from './cache.ts';
import { collectCells, type CollectedCell } from './collect.ts';
import { exportFeaturedPlot, featuredPlot } from './featured.ts';
import { pageLang, pageSeed } from './page.ts';
import { checkDefinitions } from './page-errors.ts';

export interface RemarkCellsOptions {
  /** The project root (holds content/, notebooks/, node_modules/). */
  root?: string;
  /** Read and write node_modules/.cache/cells (default true). */
  cache?: boolean;
}

/** Cells executed and read from the cache since the process started, for the build summary. */
export const cellCounts = { executed: 0, cached: 0 };

/** Pages render concurrently, but a kernel patches Math.random and console while a cell runs: one at a time. */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const result = queue.then(task);
  queue = result.catch(() => undefined);
  return result;
}

function pagePath(root: string, file: VFile): string {
  const absolute = realpathSync(file.path);
  return relative(root, absolute).split(sep).join('/');
}

/**
 * Astro loads this plugin through Vite's module runner, which is closed once
 * the config is read: an `import()` in code it loaded fails mid-build. Node's
 * own `require` (which loads ES modules and TypeScript in Node 24) is not
 * rewritten by Vite, so the kernel, tfjs and the notebooks load as plain Node
 * modules, and so do their dynamic imports.
 */
const nodeRequire = createRequire(import.meta.url);

async function executePage(cells: CollectedCell[], page: string, root: string): Promise<CachedCell[]> {
  const execute = nodeRequire(join(root, 'src/cells/build/execute.ts')) as typeof import('./execute.ts');
  return execute.executePage(
    cells.map(({ id, code, options, fence }) => ({ id, code, options, fence })),
    page,
    root,
  );
}

function element(tag: string, properties: Properties, children: RootContent[] = [], hChildren?: ElementContent[]): RootContent {
  const { tagName, properties: hProperties } = h(tag, properties);
  // A node type of our own: remark-rehype turns it into `tagName` through data.hName.
  return { type: 'cellElement', data: { hName: tagName, hProperties, ...(hChildren ? { hChildren } : {}) }, children } as unknown as RootContent;
}

function cellNode(cell: CollectedCell, outputs: Output[], lang: markup.CellLang): RootContent {
  const state: markup.CellState = cell.options.skip ? 'skipped' : cell.options.error ? 'error' : 'done';
  const source: markup.CellSourceJson = { code: cell.code };
  const json = JSON.stringify(source);
  const outputNodes: ElementContent[] = renderOutputs(outputs, lang).map((vnode) => toHast(vnode));
  if (cell.options.skip) {
    outputNodes.unshift(toHast({ tag: 'p', attrs: { class: 'cell-skipped' }, children: [{ text: `${markup.skippedNotice[lang]} ${cell.options.skip}` }] }));
  }
  const code: Code = { type: 'code', lang: 'ts', meta: null, value: cell.code, position: cell.node.position };
  return element(
    'div',
    {
      class: markup.CELL_CLASS,
      [markup.CELL_ATTR]: cell.id,
      [markup.CELL_LINE_ATTR]: String(cell.fence),
      [markup.CELL_STATE_ATTR]: state,
      [markup.CELL_HIDDEN_ATTR]: cell.options.hidden ? '' : undefined,
      [markup.CELL_SKIP_ATTR]: cell.options.skip,
      [markup.CELL_ERROR_ATTR]: cell.options.error,
    },
    [
      // Search indexes the highlighted code once; this copy is for the live page only.
      element('pre', { hidden: true, [markup.CELL_SOURCE_ATTR]: '', 'data-pagefind-ignore': '' }, [], [{ type: 'text', value: json }]),
      element('details', { [markup.CELL_CODE_ATTR]: '', open: !cell.options.hidden }, [
        element('summary', {}, [], [{ type: 'text', value: markup.codeSummary[lang] }]),
        code,
      ]),
      element('div', { [markup.CELL_OUTPUT_ATTR]: '' }, [], outputNodes),
    ],
  );
}

/** Wraps the page's content (not its MDX imports and exports) in the page container. */
function wrapPage(tree: Root, page: string): void {
  const esm = tree.children.filter((node) => (node.type as string) === 'mdxjsEsm' || node.type === 'yaml');
  const content = tree.children.filter((node) => !esm.includes(node));
  tree.children = [...esm, element('div', { [markup.PAGE_ATTR]: page, [markup.PAGE_SEED_ATTR]: pageSeed(page) }, content)];
}

export default function remarkCells(options: RemarkCellsOptions = {}) {
  const root = options.root ?? process.cwd();
  const cache = options.cache === false ? undefined : new CellCache(root);
  let environment: string | undefined;

  return async (tree: Root, file: VFile) => {
    const page = pagePath(root, file);
    const cells = collectCells(tree, page);
    if (cells.length === 0) return;
    checkDefinitions(cells, page);

    environment ??= environmentFingerprint(root);
    const key = cacheKey({ environment, seed: pageSeed(page), cells: cells.map(({ id, code, options: cellOptions }) => ({ id, code, options: cellOptions })) });
    let executed = false;
    const results =
      cache?.get(key) ??
      (await exclusive(async () => {
        // A translation has its original's cells and seed, so the same key: when
        // the original ran while this page waited its turn, its outputs are ready.
        const ready = cache?.get(key);
        if (ready) return ready;
        executed = true;
        const fresh = await executePage(cells, page, root);
        cache?.set(key, fresh);
        return fresh;
      }));
    const runnable = cells.filter((cell) => !cell.options.skip).length;
    if (executed) cellCounts.executed += runnable;
    else cellCounts.cached += runnable;

    const lang = pageLang(page);
    const byId = new Map(results.map((result) => [result.id, result.outputs]));
    exportFeaturedPlot(file, featuredPlot(cells, byId, page));
    for (const cell of cells) Object.assign(cell.node, cellNode(cell, byId.get(cell.id) ?? [], lang));
    for (const cell of cells) for (const key of ['lang', 'meta', 'value'] as const) delete (cell.node as Partial<Code>)[key];
    wrapPage(tree, page);
  };
}
