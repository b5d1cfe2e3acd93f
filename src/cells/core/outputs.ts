/**
 * The output model: plain, serialisable data (it crosses the worker boundary
 * with postMessage and is cached as JSON at build time). Values are turned
 * into an inspector tree here, once, so the renderer never touches live objects.
 */
import { sanitiseSvg } from './svg.ts';
import type { VNode } from './vnode.ts';

export interface StreamOutput {
  kind: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
  /** Set when the stream was capped: `text` is the head, then this many lines were dropped, then `tail`. */
  hiddenLines?: number;
  tail?: string;
}

export type InspectNode =
  | { type: 'primitive'; kind: 'string' | 'number' | 'boolean' | 'undefined' | 'null' | 'bigint' | 'symbol' | 'function'; text: string }
  | { type: 'array'; label: string; items: InspectNode[]; more: number }
  | { type: 'object'; label: string; entries: Array<[string, InspectNode]>; more: number }
  | { type: 'map'; label: string; entries: Array<[InspectNode, InspectNode]>; more: number }
  /** An ancestor of this node: the value contains itself. */
  | { type: 'circular' }
  /** An object shown earlier in the same tree: shown once, referred to after. */
  | { type: 'shared'; label: string };

export interface ValueOutput {
  kind: 'value';
  tree: InspectNode;
}

export interface TensorOutput {
  kind: 'tensor';
  dtype: string;
  shape: number[];
  /** tfjs's own summary of the values (it elides the middle of large tensors). */
  preview: string;
}

export type TableCell = string | number | boolean | null;

export interface TableOutput {
  kind: 'table';
  columns: string[];
  rows: TableCell[][];
  /** Rows beyond the display limit. */
  more: number;
}

export interface PlotOutput {
  kind: 'plot';
  /** Already sanitised by core/svg.ts. */
  svg: VNode;
}

export interface ProgressOutput {
  kind: 'progress';
  id: string;
  done: number;
  total: number;
  label: string;
}

export interface ErrorOutput {
  kind: 'error';
  name: string;
  message: string;
  /** 1-based, in the cell's TypeScript; absent when the error has no position in the cell. */
  line?: number;
  column?: number;
  cell: string;
}

/**
 * A sentence that reports results, one text per page language (the English and
 * Chinese pages share their cells): prose that compares numbers reads them from
 * the run instead of being typed by hand.
 */
export interface ProseOutput {
  kind: 'prose';
  text: { en: string; 'zh-cn': string };
}

export type Output = StreamOutput | ValueOutput | TensorOutput | TableOutput | PlotOutput | ProgressOutput | ProseOutput | ErrorOutput;

const maxItems = 100;
const maxDepth = 4;

export interface TensorLike {
  dtype: string;
  shape: number[];
  toString(verbose?: boolean): string;
  dataSync(): unknown;
}

export function isTensor(value: unknown): value is TensorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TensorLike).dtype === 'string' &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).dataSync === 'function'
  );
}

export function tensorOutput(value: TensorLike): TensorOutput {
  // tfjs prints "Tensor\n    [values]"; the header is redundant with dtype and shape.
  const preview = value.toString().replace(/^Tensor\s*\n/, '').replace(/^ {4}/gm, '');
  return { kind: 'tensor', dtype: value.dtype, shape: [...value.shape], preview };
}

/** A chart Observable Plot returned: an `svg` or `figure` element of a DOM (linkedom's or the browser's). */
function isFigure(value: unknown): value is Parameters<typeof sanitiseSvg>[0] {
  const node = value as { nodeType?: unknown; nodeName?: unknown } | null;
  return typeof node === 'object' && node !== null && node.nodeType === 1 && typeof node.nodeName === 'string' && /^(svg|figure)$/i.test(node.nodeName);
}

/** What `display(value)` and a cell's last expression show: a returned chart is drawn, not inspected. */
export function valueOutput(value: unknown): Output {
  if (isTensor(value)) return tensorOutput(value);
  if (isFigure(value)) {
    const svg = sanitiseSvg(value);
    if (svg) return { kind: 'plot', svg };
  }
  return { kind: 'value', tree: inspect(value) };
}

function constructorName(value: object): string {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto?.constructor?.name || 'Object';
}

function primitive(value: unknown): InspectNode | undefined {
  switch (typeof value) {
    case 'string':
      return { type: 'primitive', kind: 'string', text: JSON.stringify(value) };
    case 'number':
      return { type: 'primitive', kind: 'number', text: Object.is(value, -0) ? '-0' : String(value) };
    case 'boolean':
      return { type: 'primitive', kind: 'boolean', text: String(value) };
    case 'undefined':
      return { type: 'primitive', kind: 'undefined', text: 'undefined' };
    case 'bigint':
      return { type: 'primitive', kind: 'bigint', text: `${value}n` };
    case 'symbol':
      return { type: 'primitive', kind: 'symbol', text: value.toString() };
    case 'function':
      return { type: 'primitive', kind: 'function', text: `ƒ ${value.name || '(anonymous)'}()` };
    default:
      return value === null ? { type: 'primitive', kind: 'null', text: 'null' } : undefined;
  }
}

/** Nodes in one inspector tree: a value whose parts share references can otherwise expand exponentially. */
const maxNodes = 2_000;

interface InspectContext {
  /** The path from the root: meeting one of these again is a cycle. */
  ancestors: Set<object>;
  /** Every object already expanded: meeting one again is a shared reference. */
  expanded: Set<object>;
  nodes: number;
}

/**
 * The inspector tree of any value, bounded in depth, breadth and total nodes.
 * Each object is expanded once: a cycle is marked as such, and a second
 * reference to an object already shown is shown as a reference, so a value
 * whose parts share references stays as small as the value itself.
 */
export function inspect(value: unknown): InspectNode {
  return inspectIn(value, 0, { ancestors: new Set(), expanded: new Set(), nodes: 0 });
}

function inspectIn(value: unknown, depth: number, context: InspectContext): InspectNode {
  context.nodes += 1;
  const simple = primitive(value);
  if (simple) return simple;
  const object = value as object;
  if (context.ancestors.has(object)) return { type: 'circular' };
  if (isTensor(object)) return { type: 'primitive', kind: 'string', text: `Tensor ${object.dtype} [${object.shape.join(', ')}]` };
  if (object instanceof Date) return { type: 'primitive', kind: 'string', text: Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString() };
  if (object instanceof RegExp) return { type: 'primitive', kind: 'string', text: String(object) };
  if (object instanceof Error) return { type: 'primitive', kind: 'string', text: `${object.name}: ${object.message}` };
  const label = constructorName(object);
  if (context.expanded.has(object)) return { type: 'shared', label };
  if (depth >= maxDepth || context.nodes >= maxNodes) return { type: 'object', label: `${label} …`, entries: [], more: 0 };
  context.ancestors.add(object);
  context.expanded.add(object);
  // Children are taken while the budget lasts; the rest are counted in `more`.
  const within = <T, R>(items: readonly T[], inspectItem: (item: T) => R): R[] => {
    const out: R[] = [];
    for (const item of items) {
      if (out.length >= maxItems || context.nodes >= maxNodes) break;
      out.push(inspectItem(item));
    }
    return out;
  };
  try {
    if (Array.isArray(object) || ArrayBuffer.isView(object)) {
      const list = Array.from(object as ArrayLike<unknown>);
      const items = within(list, (item) => inspectIn(item, depth + 1, context));
      return { type: 'array', label: `${label}(${list.length})`, items, more: list.length - items.length };
    }
    if (object instanceof Map) {
      const all = [...object.entries()];
      const entries = within(all, ([k, v]): [InspectNode, InspectNode] => [inspectIn(k, depth + 1, context), inspectIn(v, depth + 1, context)]);
      return { type: 'map', label: `Map(${object.size})`, entries, more: all.length - entries.length };
    }
    if (object instanceof Set) {
      const all = [...object];
      const items = within(all, (item) => inspectIn(item, depth + 1, context));
      return { type: 'array', label: `Set(${object.size})`, items, more: all.length - items.length };
    }
    const keys = Object.keys(object);
    const entries = within(keys, (key): [string, InspectNode] => [key, inspectIn((object as Record<string, unknown>)[key], depth + 1, context)]);
    return { type: 'object', label, entries, more: keys.length - entries.length };
  } finally {
    context.ancestors.delete(object);
  }
}

/** One line of text for console arguments: strings as they are, everything else inspected. */
export function formatForConsole(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isTensor(value)) return value.toString();
  return inspectText(inspect(value));
}

export function inspectText(node: InspectNode): string {
  switch (node.type) {
    case 'primitive':
      return node.text;
    case 'circular':
      return '[Circular]';
    case 'shared':
      return `[Shared ${node.label}]`;
    case 'array':
      return `${node.label.startsWith('Array(') ? '' : node.label + ' '}[${node.items.map(inspectText).join(', ')}${node.more ? `, … ${node.more} more` : ''}]`;
    case 'map':
      return `${node.label} {${node.entries.map(([k, v]) => `${inspectText(k)} => ${inspectText(v)}`).join(', ')}${node.more ? `, … ${node.more} more` : ''}}`;
    case 'object':
      return `${node.label === 'Object' ? '' : node.label + ' '}{${node.entries.map(([k, v]) => `${k}: ${inspectText(v)}`).join(', ')}${node.more ? `, … ${node.more} more` : ''}}`;
  }
}

const maxTableRows = 500;

function tableCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return formatForConsole(value);
}

/** Rows as objects (columns are the union of their keys, in first-seen order) or as arrays (columns numbered). */
export function tableOutput(rows: ReadonlyArray<unknown>, columns?: string[]): TableOutput {
  const records = rows.map((row) => (Array.isArray(row) ? Object.fromEntries(row.map((v, i) => [String(i), v])) : (row as Record<string, unknown>)));
  const names = columns ?? [...new Set(records.flatMap((row) => Object.keys(row ?? {})))];
  const shown = records.slice(0, maxTableRows).map((row) => names.map((name) => tableCell(row?.[name])));
  return { kind: 'table', columns: names, rows: shown, more: Math.max(0, records.length - maxTableRows) };
}
