/**
 * The page's check of every message its cell worker sends. The worker runs
 * whatever code a share link carries, so a message is only data of unknown
 * shape: this rebuilds a fresh, typed message from the fields the protocol
 * defines, within size limits, or rejects it with a reason. Nothing a message
 * carries beyond those fields reaches the page.
 *
 * Written by hand rather than with a schema library: the output model is small
 * and recursive, and the check must count nodes and characters across the whole
 * message (a budget), which is the part that keeps a forged message from
 * freezing the page.
 */
import type { CellState } from '../core/markup.ts';
import type { InspectNode, Output, TableCell } from '../core/outputs.ts';
import type { VNode } from '../core/vnode.ts';
import type { FromWorker } from './protocol.ts';
import type { LiveState } from './session.ts';

/** Far above anything the worker's own capture sends, far below what freezes a page. */
export const messageLimits = {
  /** Characters of text across one message. */
  chars: 8_000_000,
  /** Inspector, table and SVG nodes across one message. */
  nodes: 60_000,
  outputsPerCell: 1_000,
  depth: 64,
};

export type Verdict = { ok: true; message: FromWorker } | { ok: false; reason: string; cell?: string };

class Invalid extends Error {}

class Reader {
  private chars = 0;
  private nodes = 0;

  fail(reason: string): never {
    throw new Invalid(reason);
  }

  object(value: unknown, what: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`${what} is not an object`);
    return value as Record<string, unknown>;
  }

  string(value: unknown, what: string): string {
    if (typeof value !== 'string') this.fail(`${what} is not a string`);
    this.chars += value.length;
    if (this.chars > messageLimits.chars) this.fail(`the message holds more than ${messageLimits.chars} characters`);
    return value;
  }

  number(value: unknown, what: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${what} is not a finite number`);
    return value;
  }

  count(what: string): void {
    this.nodes += 1;
    if (this.nodes > messageLimits.nodes) this.fail(`${what}: the message holds more than ${messageLimits.nodes} nodes`);
  }

  array(value: unknown, what: string): unknown[] {
    if (!Array.isArray(value)) this.fail(`${what} is not a list`);
    return value;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(`${what} is not one of ${allowed.join(', ')}`);
    return value as T;
  }

  optionalNumber(value: unknown, what: string): number | undefined {
    return value === undefined ? undefined : this.number(value, what);
  }

  optionalString(value: unknown, what: string): string | undefined {
    return value === undefined ? undefined : this.string(value, what);
  }
}

const primitiveKinds = ['string', 'number', 'boolean', 'undefined', 'null', 'bigint', 'symbol', 'function'] as const;

function inspectNode(r: Reader, value: unknown, depth: number): InspectNode {
  if (depth > messageLimits.depth) r.fail('the value is nested too deeply');
  r.count('value');
  const node = r.object(value, 'a value node');
  const type = r.oneOf(node.type, ['primitive', 'array', 'object', 'map', 'circular', 'shared'], 'a value node type');
  switch (type) {
    case 'primitive':
      return { type, kind: r.oneOf(node.kind, primitiveKinds, 'a primitive kind'), text: r.string(node.text, 'a primitive') };
    case 'circular':
      return { type };
    case 'shared':
      return { type, label: r.string(node.label, 'a shared reference') };
    case 'array':
      return {
        type,
        label: r.string(node.label, 'an array label'),
        items: r.array(node.items, 'array items').map((item) => inspectNode(r, item, depth + 1)),
        more: r.number(node.more, 'a count'),
      };
    case 'object':
      return {
        type,
        label: r.string(node.label, 'an object label'),
        entries: r.array(node.entries, 'object entries').map((entry) => {
          const [key, item] = r.array(entry, 'an object entry');
          return [r.string(key, 'a key'), inspectNode(r, item, depth + 1)] as [string, InspectNode];
        }),
        more: r.number(node.more, 'a count'),
      };
    case 'map':
      return {
        type,
        label: r.string(node.label, 'a map label'),
        entries: r.array(node.entries, 'map entries').map((entry) => {
          const [key, item] = r.array(entry, 'a map entry');
          return [inspectNode(r, key, depth + 1), inspectNode(r, item, depth + 1)] as [InspectNode, InspectNode];
        }),
        more: r.number(node.more, 'a count'),
      };
  }
}

function vnode(r: Reader, value: unknown, depth: number): VNode {
  if (depth > messageLimits.depth) r.fail('the figure is nested too deeply');
  r.count('figure');
  const node = r.object(value, 'a figure node');
  if ('text' in node) return { text: r.string(node.text, 'figure text') };
  const tag = r.string(node.tag, 'a figure tag');
  if (!/^[A-Za-z][\w-]*$/.test(tag)) r.fail(`"${tag.slice(0, 40)}" is not an element name`);
  const attrs: Record<string, string> = {};
  for (const [name, attr] of Object.entries(r.object(node.attrs, 'figure attributes'))) {
    if (!/^[A-Za-z][\w:.-]*$/.test(r.string(name, 'an attribute name'))) r.fail(`"${name.slice(0, 40)}" is not an attribute name`);
    attrs[name] = r.string(attr, 'an attribute');
  }
  return { tag, attrs, children: r.array(node.children, 'figure children').map((child) => vnode(r, child, depth + 1)) };
}

function tableCell(r: Reader, value: unknown): TableCell {
  r.count('table');
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  return r.string(value, 'a table cell');
}

function output(r: Reader, value: unknown): Output {
  const item = r.object(value, 'an output');
  const kind = r.oneOf(item.kind, ['stream', 'value', 'tensor', 'table', 'plot', 'progress', 'prose', 'error'], 'an output kind');
  switch (kind) {
    case 'stream': {
      const stream: Output = { kind, name: r.oneOf(item.name, ['stdout', 'stderr'], 'a stream name'), text: r.string(item.text, 'stream text') };
      const hiddenLines = r.optionalNumber(item.hiddenLines, 'hidden lines');
      const tail = r.optionalString(item.tail, 'stream tail');
      if (hiddenLines !== undefined) stream.hiddenLines = hiddenLines;
      if (tail !== undefined) stream.tail = tail;
      return stream;
    }
    case 'value':
      return { kind, tree: inspectNode(r, item.tree, 0) };
    case 'tensor':
      return {
        kind,
        dtype: r.string(item.dtype, 'a dtype'),
        shape: r.array(item.shape, 'a shape').map((size) => r.number(size, 'a dimension')),
        preview: r.string(item.preview, 'a tensor preview'),
      };
    case 'table':
      return {
        kind,
        columns: r.array(item.columns, 'table columns').map((name) => r.string(name, 'a column name')),
        rows: r.array(item.rows, 'table rows').map((row) => r.array(row, 'a table row').map((cell) => tableCell(r, cell))),
        more: r.number(item.more, 'a count'),
      };
    case 'plot':
      return { kind, svg: vnode(r, item.svg, 0) };
    case 'progress':
      return {
        kind,
        id: r.string(item.id, 'a progress id'),
        done: r.number(item.done, 'progress done'),
        total: r.number(item.total, 'progress total'),
        label: r.string(item.label, 'a progress label'),
      };
    case 'prose': {
      const text = r.object(item.text, 'prose text');
      return { kind, text: { en: r.string(text.en, 'English prose'), 'zh-cn': r.string(text['zh-cn'], 'Chinese prose') } };
    }
    case 'error': {
      const error: Output = { kind, name: r.string(item.name, 'an error name'), message: r.string(item.message, 'an error message'), cell: r.string(item.cell, 'a cell id') };
      const line = r.optionalNumber(item.line, 'a line');
      const column = r.optionalNumber(item.column, 'a column');
      if (line !== undefined) error.line = line;
      if (column !== undefined) error.column = column;
      return error;
    }
  }
}

const runStates = ['running', 'done', 'error'] as const satisfies readonly CellState[];
const liveStates = ['idle', 'done', 'stale', 'error'] as const satisfies readonly LiveState[];

/**
 * A fresh, well-typed copy of `data` if it is a message the protocol allows
 * about a cell on this page; otherwise the reason, and the cell it named when
 * that cell exists (so the page can say so in that cell).
 */
export function checkWorkerMessage(data: unknown, cells: ReadonlySet<string>): Verdict {
  const r = new Reader();
  let named: string | undefined;
  try {
    const message = r.object(data, 'the message');
    if (typeof message.cell === 'string' && cells.has(message.cell)) named = message.cell;
    const cell = () => {
      const id = r.string(message.cell, 'the cell id');
      if (!cells.has(id)) r.fail('it names no cell on this page');
      return id;
    };
    const type = r.oneOf(message.type, ['state', 'outputs', 'states', 'backend', 'failure', 'idle'], 'the message type');
    switch (type) {
      case 'state':
        return { ok: true, message: { type, cell: cell(), state: r.oneOf(message.state, runStates, 'a run state') } };
      case 'outputs': {
        const id = cell();
        const list = r.array(message.outputs, 'the outputs');
        if (list.length > messageLimits.outputsPerCell) r.fail(`more than ${messageLimits.outputsPerCell} outputs`);
        return { ok: true, message: { type, cell: id, outputs: list.map((item) => output(r, item)) } };
      }
      case 'states': {
        const states: Record<string, LiveState> = {};
        for (const [id, state] of Object.entries(r.object(message.states, 'the states'))) {
          if (cells.has(id)) states[id] = r.oneOf(state, liveStates, 'a cell state');
        }
        return { ok: true, message: { type, states } };
      }
      case 'backend':
        return { ok: true, message: { type, backend: r.string(message.backend, 'the backend').slice(0, 40) } };
      case 'failure':
        return { ok: true, message: { type, message: r.string(message.message, 'the failure').slice(0, 2_000) } };
      case 'idle':
        return { ok: true, message: { type } };
    }
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message, cell: named };
    throw error;
  }
}
