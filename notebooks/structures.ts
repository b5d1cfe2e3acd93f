/**
 * Linked lists, binary trees and graphs built from plain arrays, in the
 * formats problem statements use (LeetCode's level order with nulls), and
 * printed back. Every algorithm-problem page builds its inputs with these, so
 * a page's tests read like its examples and no page re-implements them.
 */

// Fields are declared, not parameter properties: Node loads the notebooks with
// type stripping only (the build's cell kernel), which rejects parameter properties.
export class ListNode<T = number> {
  val: T;
  next: ListNode<T> | null;
  constructor(val: T, next: ListNode<T> | null = null) {
    this.val = val;
    this.next = next;
  }
}

export function listFromArray<T>(values: readonly T[]): ListNode<T> | null {
  let head: ListNode<T> | null = null;
  for (let i = values.length - 1; i >= 0; i--) head = new ListNode(values[i], head);
  return head;
}

/**
 * The values of a list, head first. A list that loops would never end, so
 * walking past `limit` nodes is reported as a cycle instead of hanging the cell.
 */
export function listToArray<T>(head: ListNode<T> | null, limit = 1_000_000): T[] {
  const values: T[] = [];
  for (let node = head; node !== null; node = node.next) {
    if (values.length === limit) throw new RangeError(`list has more than ${limit} nodes: it probably has a cycle`);
    values.push(node.val);
  }
  return values;
}

/** A list whose tail links back to the node at index `pos` (−1 for no cycle), as cycle problems state it. */
export function listWithCycle<T>(values: readonly T[], pos: number): ListNode<T> | null {
  const head = listFromArray(values);
  if (pos < 0 || head === null) return head;
  if (pos >= values.length) throw new RangeError(`pos ${pos} is outside a list of ${values.length}`);
  const nodes = listNodes(head, values.length);
  nodes[nodes.length - 1].next = nodes[pos];
  return head;
}

/** The first `count` nodes of a list (all of them by default), for problems that hand out node references. */
export function listNodes<T>(head: ListNode<T> | null, count = Infinity): ListNode<T>[] {
  const nodes: ListNode<T>[] = [];
  for (let node = head; node !== null && nodes.length < count; node = node.next) nodes.push(node);
  return nodes;
}

/** `1 → 2 → 3`, or `∅` for the empty list; a cycle is shown as `↺ <value>` where it closes. */
export function formatList<T>(head: ListNode<T> | null): string {
  if (head === null) return '∅';
  const seen = new Set<ListNode<T>>();
  const parts: string[] = [];
  let node: ListNode<T> | null = head;
  while (node !== null) {
    if (seen.has(node)) {
      parts.push(`↺ ${String(node.val)}`);
      break;
    }
    seen.add(node);
    parts.push(String(node.val));
    node = node.next;
  }
  return parts.join(' → ');
}

export class TreeNode<T = number> {
  val: T;
  left: TreeNode<T> | null;
  right: TreeNode<T> | null;
  constructor(val: T, left: TreeNode<T> | null = null, right: TreeNode<T> | null = null) {
    this.val = val;
    this.left = left;
    this.right = right;
  }
}

/**
 * A binary tree from level order with `null` for a missing child, the format
 * of `[3, 9, 20, null, null, 15, 7]`: children are listed only for nodes that
 * exist, so the array is not a heap layout.
 */
export function treeFromLevelOrder<T>(values: readonly (T | null)[]): TreeNode<T> | null {
  if (values.length === 0 || values[0] === null) return null;
  const root = new TreeNode(values[0] as T);
  const queue: TreeNode<T>[] = [root];
  let i = 1;
  for (let head = 0; head < queue.length && i < values.length; head++) {
    const node = queue[head];
    for (const side of ['left', 'right'] as const) {
      if (i >= values.length) break;
      const value = values[i++];
      if (value === null) continue;
      node[side] = new TreeNode(value);
      queue.push(node[side]);
    }
  }
  return root;
}

/** The inverse of `treeFromLevelOrder`, with trailing nulls dropped. */
export function treeToLevelOrder<T>(root: TreeNode<T> | null): (T | null)[] {
  const out: (T | null)[] = [];
  const queue: (TreeNode<T> | null)[] = [root];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    out.push(node === null ? null : node.val);
    if (node !== null) queue.push(node.left, node.right);
  }
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

/** The first node holding `value` in pre-order, for problems that take nodes of the tree as arguments. */
export function findNode<T>(root: TreeNode<T> | null, value: T): TreeNode<T> | null {
  if (root === null) return null;
  if (root.val === value) return root;
  return findNode(root.left, value) ?? findNode(root.right, value);
}

/**
 * A tree drawn with box characters, root at the top and the left child listed
 * first, one node per line:
 *
 *     3
 *     ├── 9
 *     └── 20
 *         ├── 15
 *         └── 7
 *
 * A node with only a right child shows its missing left child as `·`, so the
 * two sides are never confused.
 */
export function formatTree<T>(root: TreeNode<T> | null): string {
  if (root === null) return '∅';
  const lines = [String(root.val)];
  const walk = (node: TreeNode<T>, prefix: string) => {
    if (node.left === null && node.right === null) return;
    const children: (TreeNode<T> | null)[] = [node.left, node.right];
    children.forEach((child, index) => {
      const last = index === 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${child === null ? '·' : String(child.val)}`);
      if (child !== null) walk(child, prefix + (last ? '    ' : '│   '));
    });
  };
  walk(root, '');
  return lines.join('\n');
}

/** Number of nodes; the tree problems' size checks and random-tree tests use it. */
export function treeSize<T>(root: TreeNode<T> | null): number {
  return root === null ? 0 : 1 + treeSize(root.left) + treeSize(root.right);
}

/**
 * A random binary tree of `size` nodes whose values come from `value(i)` in
 * pre-order, shaped by `random` (uniform in [0, 1)): each node splits the
 * remaining nodes between its subtrees at a random point, so paths, bushes
 * and everything between appear.
 */
export function randomTree<T>(size: number, random: () => number, value: (index: number) => T): TreeNode<T> | null {
  let next = 0;
  const build = (n: number): TreeNode<T> | null => {
    if (n === 0) return null;
    const node = new TreeNode(value(next++));
    const leftSize = Math.floor(random() * n);
    node.left = build(leftSize);
    node.right = build(n - 1 - leftSize);
    return node;
  };
  return build(size);
}

/** Adjacency lists of a graph on nodes 0..n−1 from an edge list. */
export function adjacencyList(n: number, edges: readonly (readonly [number, number])[], directed = false): number[][] {
  const adjacency = Array.from({ length: n }, () => [] as number[]);
  for (const [from, to] of edges) {
    if (from < 0 || from >= n || to < 0 || to >= n) throw new RangeError(`edge ${from}→${to} leaves the nodes 0..${n - 1}`);
    adjacency[from].push(to);
    if (!directed) adjacency[to].push(from);
  }
  return adjacency;
}

/** A grid of strings such as `["1100", "0110"]` as a matrix of characters, the way grid problems are written. */
export function gridFromStrings(rows: readonly string[]): string[][] {
  return rows.map((row) => [...row]);
}

/** A matrix as aligned text rows, for showing DP tables and grids in a cell's output. */
export function formatMatrix(matrix: readonly (readonly unknown[])[]): string {
  const cells = matrix.map((row) => row.map((value) => String(value)));
  const width = Math.max(1, ...cells.flat().map((text) => text.length));
  return cells.map((row) => row.map((text) => text.padStart(width)).join(' ')).join('\n');
}
