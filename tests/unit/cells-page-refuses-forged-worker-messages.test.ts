import { describe, expect, it } from 'vitest';
import { checkWorkerMessage, messageLimits } from '../../src/cells/browser/validate.ts';

const cells = new Set(['inspect', 'train']);

describe('the page checks every worker message', () => {
  it('passes a real message through as a fresh copy without unknown fields', () => {
    const data = { type: 'outputs', cell: 'train', outputs: [{ kind: 'stream', name: 'stdout', text: 'hi', onload: 'x' }], extra: 1 };
    const verdict = checkWorkerMessage(data, cells);
    expect(verdict).toEqual({ ok: true, message: { type: 'outputs', cell: 'train', outputs: [{ kind: 'stream', name: 'stdout', text: 'hi' }] } });
  });

  it('refuses unknown types, kinds, stream names and cells, naming the cell when it exists', () => {
    expect(checkWorkerMessage({ type: 'eval', code: 'x' }, cells)).toMatchObject({ ok: false });
    expect(checkWorkerMessage({ type: 'outputs', cell: 'inspect', outputs: [{ kind: 'html', html: '<img>' }] }, cells)).toMatchObject({ ok: false, cell: 'inspect' });
    // A stream name becomes part of a class name on the page.
    expect(checkWorkerMessage({ type: 'outputs', cell: 'inspect', outputs: [{ kind: 'stream', name: 'x" onclick="y', text: '' }] }, cells)).toMatchObject({ ok: false });
    expect(checkWorkerMessage({ type: 'state', cell: 'nope', state: 'done' }, cells)).toMatchObject({ ok: false, cell: undefined });
    expect(checkWorkerMessage(null, cells)).toMatchObject({ ok: false });
    expect(checkWorkerMessage({ type: 'state', cell: 'train', state: 'pwned' }, cells)).toMatchObject({ ok: false, cell: 'train' });
  });

  it('refuses element names that are not names and non-string attributes in figures', () => {
    const figure = (svg: unknown) => checkWorkerMessage({ type: 'outputs', cell: 'inspect', outputs: [{ kind: 'plot', svg }] }, cells);
    expect(figure({ tag: 'svg', attrs: {}, children: [{ text: 'ok' }] })).toMatchObject({ ok: true });
    expect(figure({ tag: 'img src=x', attrs: {}, children: [] })).toMatchObject({ ok: false });
    expect(figure({ tag: 'svg', attrs: { width: 10 }, children: [] })).toMatchObject({ ok: false });
  });

  it('refuses a message over the node or character budget instead of rendering it', () => {
    const wide = { type: 'primitive', kind: 'number', text: '1' };
    const tree = { type: 'array', label: 'Array', items: Array.from({ length: messageLimits.nodes + 1 }, () => wide), more: 0 };
    expect(checkWorkerMessage({ type: 'outputs', cell: 'train', outputs: [{ kind: 'value', tree }] }, cells)).toMatchObject({ ok: false, cell: 'train' });
    const text = 'x'.repeat(messageLimits.chars + 1);
    expect(checkWorkerMessage({ type: 'outputs', cell: 'train', outputs: [{ kind: 'stream', name: 'stdout', text }] }, cells)).toMatchObject({ ok: false });
  });

  it('refuses a tree nested deeper than the limit', () => {
    let tree: unknown = { type: 'primitive', kind: 'number', text: '1' };
    for (let i = 0; i < messageLimits.depth + 2; i++) tree = { type: 'array', label: 'Array', items: [tree], more: 0 };
    expect(checkWorkerMessage({ type: 'outputs', cell: 'train', outputs: [{ kind: 'value', tree }] }, cells)).toMatchObject({ ok: false });
  });

  it('keeps only states of cells on the page', () => {
    expect(checkWorkerMessage({ type: 'states', states: { train: 'stale', other: 'done' } }, cells)).toEqual({ ok: true, message: { type: 'states', states: { train: 'stale' } } });
  });
});
