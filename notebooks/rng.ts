/**
 * Seeded randomness shared by every notebook and cell, so a cell gives the same
 * numbers in the build (Node) and in the reader's browser. It imports nothing,
 * so a page that only needs random test inputs loads no TensorFlow.js.
 */

/**
 * A small seeded generator (mulberry32). Written here rather than imported
 * because tfjs keeps its own seeded generator private, and the notebooks may
 * import only tfjs and each other in the browser.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A fresh seed for a tfjs initialiser or a child generator. */
  seed(): number {
    return this.int(2 ** 31);
  }

  /** Fisher–Yates shuffle, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /** `k` distinct indices from [0, n), in random order. */
  sample(n: number, k: number): number[] {
    return this.permutation(n).slice(0, Math.min(k, n));
  }

  /** Index drawn with probability proportional to `weights`. */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Integer in [lo, hi], both ends included (test inputs are usually described that way). */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** `n` integers, each in [lo, hi]. */
  ints(n: number, lo: number, hi: number): number[] {
    return Array.from({ length: n }, () => this.between(lo, hi));
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick needs at least one item');
    return items[this.int(items.length)];
  }

  /** A string of `n` characters drawn from `alphabet`. */
  string(n: number, alphabet: string): string {
    const chars = [...alphabet];
    return Array.from({ length: n }, () => this.pick(chars)).join('');
  }
}
