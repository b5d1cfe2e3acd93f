/**
 * Step 3: every cell fence becomes a cell wrapper (see core/markup.ts) holding
 * its source, its highlighted code and its outputs, and the page's content is
 * wrapped in the page container.
 */
import { h } from 'hastscript';
import type { Code, Root, RootContent } from 'mdast';
import type { ElementContent, Properties } from 'hast';
import type { VFile } from 'vfile';
import * as markup from '../core/markup.ts';
import type { Output } from '../core/outputs.ts';
import { renderOutputs, toHast } from '../core/render.ts';
import type { CollectedCell } from './collect.ts';
import { CELL_COUNT_FRONTMATTER, setFrontmatter } from './frontmatter.ts';
import { pageLang, pageSeed } from './page.ts';
import './cells-data.ts';

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

export function renderStep(tree: Root, file: VFile): void {
  const data = file.data.cells;
  if (!data?.outputs) return;
  const lang = pageLang(data.page);
  for (const cell of data.cells) Object.assign(cell.node, cellNode(cell, data.outputs.get(cell.id) ?? [], lang));
  for (const cell of data.cells) for (const key of ['lang', 'meta', 'value'] as const) delete (cell.node as Partial<Code>)[key];
  wrapPage(tree, data.page);
  // CellsFooter.astro reads this back through render(entry): a page without it gets no cell script.
  setFrontmatter(file, CELL_COUNT_FRONTMATTER, data.cells.length);
}
