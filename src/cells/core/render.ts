/**
 * The one renderer: outputs → VNode tree, and its sinks. `toHtml` serves the
 * build (static pages), `toDom` the live page. Both treat text as text.
 *
 * What it draws is bounded whatever the output holds: a long line shows its
 * start and folds the rest into nested `<details>` of one chunk each, and a
 * long table shows its first rows with the rest folded, so neither the page's
 * layout nor the reader pays for text nobody opened. Native `<details>` works
 * the same in the static page and the live one, with no script.
 */
import { toHtml as hastToHtml } from 'hast-util-to-html';
import { h as htmlElement, s as svgElement } from 'hastscript';
import type { ElementContent as HastContent } from 'hast';
import type { InspectNode, Output, StreamOutput, TableCell } from './outputs.ts';
import type { CellLang } from './markup.ts';
import { outputText, type OutputText } from './output-text.ts';
import { h, isText, type VElement, type VNode } from './vnode.ts';

/** Characters of one line shown before the rest is folded, and per fold after that. */
export const lineChunk = 2_000;
/** Table rows shown before the rest is folded. */
export const tableFirstRows = 50;

function inspectorNode(node: InspectNode, open: boolean, text: OutputText): VNode {
  switch (node.type) {
    case 'primitive':
      return h('span', { class: `cell-value cell-value-${node.kind}` }, node.text);
    case 'circular':
      return h('span', { class: 'cell-value cell-value-circular' }, text.circular);
    case 'shared':
      return h('span', { class: 'cell-value cell-value-shared' }, text.shared(node.label));
    case 'array':
    case 'object':
    case 'map': {
      const rows =
        node.type === 'array'
          ? node.items.map((item, i) => h('li', {}, h('span', { class: 'cell-key' }, `${i}: `), inspectorNode(item, false, text)))
          : node.type === 'object'
            ? node.entries.map(([key, value]) => h('li', {}, h('span', { class: 'cell-key' }, `${key}: `), inspectorNode(value, false, text)))
            : node.entries.map(([key, value]) => h('li', {}, inspectorNode(key, false, text), h('span', { class: 'cell-key' }, ' => '), inspectorNode(value, false, text)));
      if (node.more > 0) rows.push(h('li', { class: 'cell-more' }, text.moreItems(node.more)));
      const summary = node.type === 'object' ? `${node.label} {${node.entries.length + node.more}}` : node.label;
      return h('details', { class: 'cell-inspector', open: open ? '' : undefined }, h('summary', {}, summary), h('ul', {}, ...rows));
    }
  }
}

/**
 * A long line: its first chunk, then each further chunk inside a fold nested
 * in the previous one. Chunks double in size, so a line of any length takes a
 * handful of folds, and each "show more" costs about as much as all before it.
 */
function foldedLine(line: string, text: OutputText): Array<VNode | string> {
  if (line.length <= lineChunk) return [line];
  const fold = (start: number, size: number): VNode =>
    h(
      'details',
      { class: 'cell-more-text' },
      h('summary', {}, text.moreCharacters(line.length - start)),
      line.slice(start, start + size),
      start + size < line.length ? fold(start + size, size * 2) : null,
    );
  return [line.slice(0, lineChunk), fold(lineChunk, lineChunk)];
}

/** Stream text with every over-long line folded. */
function boundedText(value: string, text: OutputText): Array<VNode | string> {
  if (value.length <= lineChunk) return [value];
  const parts: Array<VNode | string> = [];
  value.split('\n').forEach((line, index) => {
    if (index > 0) parts.push('\n');
    parts.push(...foldedLine(line, text));
  });
  return parts;
}

/**
 * Text boxes scroll past 24rem (cells.css), and a box that scrolls must be
 * reachable from the keyboard to be read: each one is a tab stop, as
 * Expressive Code makes its overflowing code blocks. Which boxes overflow is
 * only known in the reader's window, not where this HTML is made.
 */
const scrollable = { tabindex: '0' };

function streamNode(output: StreamOutput, text: OutputText): VNode {
  return h(
    'pre',
    { class: `cell-stream cell-${output.name}`, ...scrollable },
    ...boundedText(output.text, text),
    output.hiddenLines ? h('span', { class: 'cell-hidden-lines' }, `\n${text.hiddenLines(output.hiddenLines)}\n`) : null,
    ...(output.tail !== undefined ? boundedText(output.tail, text) : []),
  );
}

function tableCellNode(value: TableCell, tag: 'td' | 'th'): VNode {
  const shown = value === null ? '' : typeof value === 'number' && !Number.isInteger(value) ? formatNumber(value) : String(value);
  return h(tag, typeof value === 'number' ? { class: 'cell-number' } : {}, shown.length > 1_000 ? `${shown.slice(0, 1_000)}…` : shown);
}

function tableNode(columns: readonly string[], rows: readonly TableCell[][]): VNode {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((name) => tableCellNode(name, 'th')))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((value) => tableCellNode(value, 'td'))))),
  );
}

/** Four significant digits: enough to compare results, short enough to read. */
function formatNumber(value: number): string {
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

export function renderOutput(output: Output, lang: CellLang = 'en'): VNode {
  const text = outputText[lang];
  switch (output.kind) {
    case 'stream':
      return streamNode(output, text);
    case 'value':
      return h('div', { class: 'cell-result' }, inspectorNode(output.tree, true, text));
    case 'tensor':
      return h(
        'div',
        { class: 'cell-tensor' },
        h('div', { class: 'cell-tensor-meta' }, `Tensor ${output.dtype} [${output.shape.join(', ')}]`),
        h('pre', scrollable, ...boundedText(output.preview, text)),
      );
    case 'table': {
      const rest = output.rows.slice(tableFirstRows);
      return h(
        'div',
        { class: 'cell-table' },
        tableNode(output.columns, output.rows.slice(0, tableFirstRows)),
        rest.length > 0 ? h('details', { class: 'cell-more-rows' }, h('summary', {}, text.moreRows(rest.length)), tableNode(output.columns, rest)) : null,
        output.more > 0 ? h('p', { class: 'cell-more' }, text.moreItems(output.more)) : null,
      );
    }
    case 'plot':
      return h('div', { class: 'cell-plot' }, output.svg);
    case 'progress':
      return h(
        'div',
        { class: 'cell-progress', 'data-progress': output.id },
        h('span', { class: 'cell-progress-label' }, output.label),
        h('progress', { max: String(output.total), value: String(output.done), 'aria-label': output.label }),
        h('span', { class: 'cell-progress-count' }, `${output.done} / ${output.total}`),
      );
    case 'prose':
      return h('p', { class: 'cell-prose' }, output.text[lang]);
    case 'error': {
      const where = output.line ? text.position(output.line, output.column) : '';
      return h('pre', { class: 'cell-error', ...scrollable }, ...boundedText(`${output.name}: ${output.message}${where}`, text));
    }
  }
}

export function renderOutputs(outputs: readonly Output[], lang: CellLang = 'en'): VElement[] {
  return outputs.map((output) => renderOutput(output, lang) as VElement);
}

/** The note a cell shows in place of an output the page refused. */
export function renderInvalid(reason: string, lang: CellLang): VElement {
  return h('p', { class: 'cell-invalid', role: 'note' }, outputText[lang].invalid(reason));
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** hastscript maps attribute names to hast properties (class, boolean and SVG attributes) for us. */
export function toHast(node: VNode, inSvg = false): HastContent {
  if (isText(node)) return { type: 'text', value: node.text };
  const svg = inSvg || node.tag === 'svg';
  const children = node.children.map((child) => toHast(child, svg));
  return svg ? svgElement(node.tag, node.attrs, children) : htmlElement(node.tag, node.attrs, children);
}

export function toHtml(nodes: VNode | readonly VNode[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes as VNode];
  return hastToHtml({ type: 'root', children: list.map((node) => toHast(node)) });
}

export function toDom(node: VNode, document: Document, inSvg = false): Node {
  if (isText(node)) return document.createTextNode(node.text);
  const svg = inSvg || node.tag === 'svg';
  const element = svg ? document.createElementNS(svgNamespace, node.tag) : document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) element.appendChild(toDom(child, document, svg));
  return element;
}
