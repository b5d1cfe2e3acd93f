/**
 * The one renderer: outputs → VNode tree, and its sinks. `toHtml` serves the
 * build (static pages), `toDom` the live page. Both treat text as text.
 */
import { toHtml as hastToHtml } from 'hast-util-to-html';
import { h as htmlElement, s as svgElement } from 'hastscript';
import type { ElementContent as HastContent } from 'hast';
import type { InspectNode, Output, StreamOutput, TableCell } from './outputs.ts';
import { h, isText, type VElement, type VNode } from './vnode.ts';

function inspectorNode(node: InspectNode, open: boolean): VNode {
  switch (node.type) {
    case 'primitive':
      return h('span', { class: `cell-value cell-value-${node.kind}` }, node.text);
    case 'circular':
      return h('span', { class: 'cell-value cell-value-circular' }, '[Circular]');
    case 'array':
    case 'object':
    case 'map': {
      const rows =
        node.type === 'array'
          ? node.items.map((item, i) => h('li', {}, h('span', { class: 'cell-key' }, `${i}: `), inspectorNode(item, false)))
          : node.type === 'object'
            ? node.entries.map(([key, value]) => h('li', {}, h('span', { class: 'cell-key' }, `${key}: `), inspectorNode(value, false)))
            : node.entries.map(([key, value]) => h('li', {}, inspectorNode(key, false), h('span', { class: 'cell-key' }, ' => '), inspectorNode(value, false)));
      if (node.more > 0) rows.push(h('li', { class: 'cell-more' }, `… ${node.more} more`));
      const summary = node.type === 'object' ? `${node.label} {${node.entries.length + node.more}}` : node.label;
      return h('details', { class: 'cell-inspector', open: open ? '' : undefined }, h('summary', {}, summary), h('ul', {}, ...rows));
    }
  }
}

function streamNode(output: StreamOutput): VNode {
  return h(
    'pre',
    { class: `cell-stream cell-${output.name}` },
    output.text,
    output.hiddenLines ? h('span', { class: 'cell-hidden-lines' }, `\n… ${output.hiddenLines} lines hidden …\n`) : null,
    output.tail ?? null,
  );
}

function tableCellNode(value: TableCell, tag: 'td' | 'th'): VNode {
  const text = value === null ? '' : typeof value === 'number' && !Number.isInteger(value) ? formatNumber(value) : String(value);
  return h(tag, typeof value === 'number' ? { class: 'cell-number' } : {}, text);
}

/** Four significant digits: enough to compare results, short enough to read. */
function formatNumber(value: number): string {
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

export function renderOutput(output: Output): VNode {
  switch (output.kind) {
    case 'stream':
      return streamNode(output);
    case 'value':
      return h('div', { class: 'cell-result' }, inspectorNode(output.tree, true));
    case 'tensor':
      return h(
        'div',
        { class: 'cell-tensor' },
        h('div', { class: 'cell-tensor-meta' }, `Tensor ${output.dtype} [${output.shape.join(', ')}]`),
        h('pre', {}, output.preview),
      );
    case 'table':
      return h(
        'div',
        { class: 'cell-table' },
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...output.columns.map((name) => tableCellNode(name, 'th')))),
          h('tbody', {}, ...output.rows.map((row) => h('tr', {}, ...row.map((value) => tableCellNode(value, 'td'))))),
        ),
        output.more > 0 ? h('p', { class: 'cell-more' }, `… ${output.more} more rows`) : null,
      );
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
    case 'error': {
      const where = output.line ? ` (line ${output.line}${output.column ? `, column ${output.column}` : ''})` : '';
      return h('pre', { class: 'cell-error' }, `${output.name}: ${output.message}${where}`);
    }
  }
}

export function renderOutputs(outputs: readonly Output[]): VElement[] {
  return outputs.map((output) => renderOutput(output) as VElement);
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
