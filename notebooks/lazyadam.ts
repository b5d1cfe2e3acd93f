/**
 * Adam that updates only the rows of a large table that the step read, as
 * TensorFlow's LazyAdam and PyTorch's SparseAdam do for embedding tables.
 *
 * A hashed bag table has millions of weights and a batch reads a few thousand
 * rows of it; tfjs's Adam makes a dozen element-wise passes over the whole
 * table every step, which was most of a training step. Here the table's
 * moments live in JavaScript arrays and a step touches only the rows read:
 * their moments and values follow Adam's formulas with the step's global bias
 * correction, exactly as tfjs's Adam would on those rows. Rows not read keep
 * their value and their moments, where dense Adam would keep moving them with
 * their decaying momentum; that is the one difference, and the reason it is
 * an optimiser choice rather than a rounding change. Every other variable gets
 * tfjs's own Adam.
 */
import * as tf from '@tensorflow/tfjs';
import { isRowSparse, rowSparseGrads, type RowRead } from './sparse.ts';

interface Moments {
  m: Float32Array;
  v: Float32Array;
}

export class LazyAdam {
  private readonly dense: tf.AdamOptimizer;
  private readonly moments = new Map<tf.Variable, Moments>();
  private steps = 0;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = tf.backend().epsilon()) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.dense = tf.train.adam(learningRate, beta1, beta2, epsilon);
  }

  /** One step on `loss` over `variables`; returns the loss, which the caller disposes. */
  minimize(loss: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar {
    const tables = variables.filter(isRowSparse);
    const others = variables.filter((v) => !isRowSparse(v));
    const { value, grads, reads } = rowSparseGrads(loss, others, tables);
    this.steps++;
    try {
      // tfjs's Adam counts its own steps for the bias correction; it must see
      // every step, even one where only tables had a gradient.
      this.dense.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      tables.forEach((table, i) => this.updateRows(table, reads[i]));
    } finally {
      tf.dispose([...Object.values(grads), ...reads.flatMap((r) => r.map((read) => read.grads))]);
    }
    return value;
  }

  dispose(): void {
    this.dense.dispose();
    this.moments.clear();
  }

  private updateRows(table: tf.Variable, reads: RowRead[]): void {
    if (reads.length === 0) return;
    const [dim, width] = table.shape as [number, number];
    // A row read twice in one step (both sides of a pair) sums its gradients,
    // as the dense gradient would. Plain loops over typed arrays: this runs on
    // thousands of rows every step, and closures and Maps cost several times more.
    const slotOf = new Int32Array(dim).fill(-1);
    let count = 0;
    for (const read of reads) for (const row of read.rows) if (slotOf[row] < 0) slotOf[row] = count++;
    const rows = new Int32Array(count);
    for (let row = 0; row < dim; row++) if (slotOf[row] >= 0) rows[slotOf[row]] = row;
    const grad = new Float32Array(count * width);
    for (const read of reads) {
      const g = read.grads.dataSync();
      for (let k = 0; k < read.rows.length; k++) {
        const at = slotOf[read.rows[k]] * width, from = k * width;
        for (let j = 0; j < width; j++) grad[at + j] += g[from + j];
      }
    }
    let moments = this.moments.get(table);
    if (!moments) {
      moments = { m: new Float32Array(table.size), v: new Float32Array(table.size) };
      this.moments.set(table, moments);
    }
    const { m, v } = moments;
    const b1 = this.beta1, b2 = this.beta2, eps = this.epsilon;
    const rate = this.learningRate / (1 - b1 ** this.steps);
    const correction2 = 1 - b2 ** this.steps;
    tf.tidy(() => {
      const index = tf.tensor2d(rows, [count, 1], 'int32');
      // A segment sum with one row per segment reads the rows: WASM's GatherV2
      // took ten times as long for the same rows.
      const next = tf.sparse.sparseSegmentSum(table, index.reshape([-1]) as tf.Tensor1D, tf.range(0, count, 1, 'int32') as tf.Tensor1D).dataSync() as Float32Array;
      for (let k = 0; k < count; k++) {
        const base = rows[k] * width, from = k * width;
        for (let j = 0; j < width; j++) {
          const at = base + j, g = grad[from + j];
          const mt = (m[at] = b1 * m[at] + (1 - b1) * g);
          const vt = (v[at] = b2 * v[at] + (1 - b2) * g * g);
          next[from + j] -= (rate * mt) / (Math.sqrt(vt / correction2) + eps);
        }
      }
      table.assign(tf.tensorScatterUpdate(table, index, tf.tensor2d(next, [count, width])));
    });
  }
}
