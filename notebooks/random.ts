/**
 * Seeded randomness shared by every notebook, so a cell gives the same numbers
 * in the build (Node) and in the reader's browser.
 */
import * as tf from '@tensorflow/tfjs';

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
}

/**
 * A trainable variable initialised from `initial()`. The initial tensor is
 * freed once the variable holds its data (tidy never disposes variables), so
 * disposing the model later leaves nothing behind.
 */
export function variableFrom(initial: () => tf.Tensor, name?: string): tf.Variable {
  return tf.tidy(() => tf.variable(initial(), true, name));
}

/** Glorot-uniform weight matrix from a seed, as a trainable variable. */
export function glorotVariable(shape: [number, number], seed: number, name?: string): tf.Variable {
  const init = tf.initializers.glorotUniform({ seed });
  return variableFrom(() => init.apply(shape) as tf.Tensor, name);
}

export function zerosVariable(shape: number[], name?: string): tf.Variable {
  return variableFrom(() => tf.zeros(shape), name);
}
