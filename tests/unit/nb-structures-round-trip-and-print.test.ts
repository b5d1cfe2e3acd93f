import { describe, expect, it } from 'vitest';
import {
  adjacencyList,
  findNode,
  formatList,
  formatMatrix,
  formatTree,
  gridFromStrings,
  listFromArray,
  listNodes,
  listToArray,
  listWithCycle,
  randomTree,
  treeFromLevelOrder,
  treeSize,
  treeToLevelOrder,
} from '../../notebooks/structures.ts';
import { Rng } from '../../notebooks/rng.ts';

describe('linked lists', () => {
  it('round-trip arrays, including the empty list', () => {
    expect(listToArray(listFromArray([1, 2, 3]))).toEqual([1, 2, 3]);
    expect(listFromArray([])).toBeNull();
    expect(listToArray(null)).toEqual([]);
  });

  it('link the tail back to pos, and refuse to walk a cycle forever', () => {
    const head = listWithCycle([3, 2, 0, -4], 1);
    const nodes = listNodes(head, 4);
    expect(nodes[3].next).toBe(nodes[1]);
    expect(() => listToArray(head, 100)).toThrow(/cycle/);
    expect(formatList(head)).toBe('3 → 2 → 0 → -4 → ↺ 2');
    expect(listToArray(listWithCycle([1, 2], -1))).toEqual([1, 2]);
    expect(() => listWithCycle([1, 2], 2)).toThrow(RangeError);
  });

  it('print as arrows', () => {
    expect(formatList(listFromArray([1, 2]))).toBe('1 → 2');
    expect(formatList(null)).toBe('∅');
  });
});

describe('binary trees', () => {
  it('build from level order with nulls, children listed only under real nodes', () => {
    const root = treeFromLevelOrder([1, null, 2, 3]);
    // 1 has no left child, right child 2; 2's left child is 3.
    expect(root?.left).toBeNull();
    expect(root?.right?.val).toBe(2);
    expect(root?.right?.left?.val).toBe(3);
    expect(treeToLevelOrder(root)).toEqual([1, null, 2, 3]);
  });

  it('round-trip the usual examples', () => {
    for (const values of [[3, 9, 20, null, null, 15, 7], [1], [], [5, 4, 8, 11, null, 13, 4, 7, 2, null, null, null, 1]]) {
      expect(treeToLevelOrder(treeFromLevelOrder(values))).toEqual(values);
    }
    expect(treeFromLevelOrder([null])).toBeNull();
  });

  it('draw sideways with the missing left child marked', () => {
    expect(formatTree(treeFromLevelOrder([3, 9, 20, null, null, 15, 7]))).toBe(
      ['3', '├── 9', '└── 20', '    ├── 15', '    └── 7'].join('\n'),
    );
    expect(formatTree(treeFromLevelOrder([1, null, 2]))).toBe(['1', '├── ·', '└── 2'].join('\n'));
    expect(formatTree(null)).toBe('∅');
  });

  it('find nodes and count them', () => {
    const root = treeFromLevelOrder([3, 5, 1, 6, 2, 0, 8]);
    expect(findNode(root, 2)?.val).toBe(2);
    expect(findNode(root, 42)).toBeNull();
    expect(treeSize(root)).toBe(7);
  });

  it('random trees have the requested size and pre-order values', () => {
    const rng = new Rng(5);
    for (let size = 0; size < 30; size++) {
      const root = randomTree(size, () => rng.next(), (i) => i);
      expect(treeSize(root)).toBe(size);
      const preorder: number[] = [];
      const walk = (node: typeof root) => {
        if (node === null) return;
        preorder.push(node.val);
        walk(node.left);
        walk(node.right);
      };
      walk(root);
      expect(preorder).toEqual(Array.from({ length: size }, (_, i) => i));
    }
  });
});

describe('graphs and grids', () => {
  it('adjacency lists, undirected and directed, reject edges outside the nodes', () => {
    expect(adjacencyList(3, [[0, 1], [1, 2]])).toEqual([[1], [0, 2], [1]]);
    expect(adjacencyList(3, [[0, 1], [1, 2]], true)).toEqual([[1], [2], []]);
    expect(() => adjacencyList(2, [[0, 2]])).toThrow(RangeError);
  });

  it('grids and aligned matrices', () => {
    expect(gridFromStrings(['10', '01'])).toEqual([['1', '0'], ['0', '1']]);
    expect(formatMatrix([[1, 10], [100, 2]])).toBe('  1  10\n100   2');
  });
});
