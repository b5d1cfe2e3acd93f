import { describe, expect, it } from 'vitest';
import { inspect, inspectText } from '../../src/cells/core/outputs.ts';
import { lineChunk, renderOutputs, tableFirstRows, toHtml } from '../../src/cells/core/render.ts';

function countNodes(node: ReturnType<typeof inspect>): number {
  switch (node.type) {
    case 'array':
      return 1 + node.items.reduce((sum, item) => sum + countNodes(item), 0);
    case 'object':
      return 1 + node.entries.reduce((sum, [, item]) => sum + countNodes(item), 0);
    case 'map':
      return 1 + node.entries.reduce((sum, [key, item]) => sum + countNodes(key) + countNodes(item), 0);
    default:
      return 1;
  }
}

describe('the inspector stays as small as the value', () => {
  it('shows a shared reference once, then as a reference', () => {
    const shared = { x: 1 };
    const tree = inspect({ a: shared, b: shared });
    expect(inspectText(tree)).toBe('{a: {x: 1}, b: [Shared Object]}');
  });

  it('marks cycles', () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(inspectText(inspect(cyclic))).toBe('{self: [Circular]}');
  });

  it('bounds a graph whose levels all point at the next one (exponential if re-expanded)', () => {
    // 201 objects: each of the 200 keys of level i points at level i + 1.
    let next: Record<string, unknown> = {};
    for (let level = 0; level < 200; level++) {
      const object: Record<string, unknown> = {};
      for (let key = 0; key < 200; key++) object[`k${key}`] = next;
      next = object;
    }
    expect(countNodes(inspect(next))).toBeLessThanOrEqual(2_100);
  });
});

describe('the renderer folds what nobody asked to see', () => {
  it('shows the first chunk of a 5 MB line and folds the rest in nested details', () => {
    const html = toHtml(renderOutputs([{ kind: 'stream', name: 'stdout', text: 'x'.repeat(5_000_000) }]));
    expect(html).toContain('Show 4,998,000 more characters');
    // Folds of 2k, 4k, 8k … characters: 5 MB takes 12 of them.
    expect(html.match(/<details/g)?.length).toBe(Math.ceil(Math.log2(5_000_000 / lineChunk)));
  });

  it('shows the first rows of a long table and folds the rest', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [i]);
    const html = toHtml(renderOutputs([{ kind: 'table', columns: ['i'], rows, more: 0 }]));
    expect(html).toContain(`Show ${120 - tableFirstRows} more rows`);
  });

  it('speaks Chinese on Chinese pages', () => {
    const html = toHtml(renderOutputs([{ kind: 'stream', name: 'stdout', text: 'a', hiddenLines: 800, tail: 'b' }, { kind: 'error', name: 'Error', message: 'x', line: 3, column: 2, cell: 'c' }], 'zh-cn'));
    expect(html).toContain('已隐藏 800 行');
    expect(html).toContain('第 3 行，第 2 列');
  });
});
