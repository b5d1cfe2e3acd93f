/**
 * Adam that updates only the rows of a large table that the step read, as
 * TensorFlow's LazyAdam and PyTorch's SparseAdam do for embedding tables.
 *
 * A hashed bag table has millions of weights and a batch reads a few thousand
 * rows of it; tfjs's Adam makes a dozen element-wise passes over the whole
 * table every step, which was most of a training step. Here a step touches
 * only the rows read: their moments (kept by notebooks/rowadam's kernel) and
 * values follow tfjs's Adam, float32 operation for operation, with the step's
 * global bias correction, so a row read at every step gets the bits tfjs's
 * Adam would give it (tested). On WASM and CPU the rows are
 * read and written in the table's own storage (notebooks/storage); elsewhere
 * through a gather and a scatter of the rows. Rows not read keep their value
 * and their moments, where dense Adam would keep moving them with their
 * decaying momentum; that is the one difference, and the reason it is an
 * optimiser choice rather than a rounding change. Every other variable gets
 * tfjs's own Adam.
 */
import * as tf from '@tensorflow/tfjs';
import { isRowSparse, rowSparseGrads, type RowRead } from './sparse.ts';
import { RowAdam } from './rowadam.ts';
import { readableStorage, writableStorage } from './storage.ts';

export class LazyAdam {
  private readonly dense: tf.AdamOptimizer;
  private readonly rowAdam: RowAdam;
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
    this.rowAdam = new RowAdam({ learningRate, beta1, beta2, epsilon });
  }

  /**
   * One step on `loss` over `variables`; returns the loss, which the caller
   * disposes. With `lazyRows` false every variable, tables too, gets tfjs's
   * own Adam: the step is then exactly tfjs's.
   */
  minimize(loss: () => tf.Scalar, variables: tf.Variable[], lazyRows = true): tf.Scalar {
    const lazy = (v: tf.Variable) => lazyRows && isRowSparse(v);
    const tables = variables.filter(lazy);
    const others = variables.filter((v) => !lazy(v));
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
    const own = writableStorage(table);
    const current = own ? undefined : readRows(table, rows);
    // No tfjs op from here until the rows are written back: one could move
    // the storage these views read and write.
    const grads = reads.map((read) => readableStorage(read.grads) ?? (read.grads.dataSync() as Float32Array));
    const scratch = this.rowAdam.rows(table, table.size, count, width);
    scratch.rows.set(rows);
    const { grad, values } = scratch;
    grads.forEach((g, r) => {
      // The first read's rows are slots 0, 1, … in order: a copy, not a sum.
      if (r === 0) grad.set(g);
      else {
        const read = reads[r].rows;
        for (let k = 0; k < read.length; k++) {
          const at = slotOf[read[k]] * width, from = k * width;
          for (let j = 0; j < width; j++) grad[at + j] += g[from + j];
        }
      }
    });
    if (own) for (let k = 0; k < count; k++) values.set(own.subarray(rows[k] * width, (rows[k] + 1) * width), k * width);
    else values.set(current!);
    const updated = this.rowAdam.run(this.steps).values;
    if (own) for (let k = 0; k < count; k++) own.set(updated.subarray(k * width, (k + 1) * width), rows[k] * width);
    else writeRows(table, rows, updated);
  }
}

/** Rows `rows` of `table`, read through ops, on a backend whose storage JavaScript cannot reach. */
function readRows(table: tf.Variable, rows: Int32Array): Float32Array {
  // A segment sum with one row per segment reads the rows: WASM's GatherV2
  // took ten times as long for the same rows.
  return tf.tidy(() => tf.sparse.sparseSegmentSum(table, tf.tensor1d(rows, 'int32'), tf.range(0, rows.length, 1, 'int32') as tf.Tensor1D).dataSync() as Float32Array);
}

/** Sets rows `rows` of `table` to `values` ([rows.length, width]) through ops. */
function writeRows(table: tf.Variable, rows: Int32Array, values: Float32Array): void {
  tf.tidy(() => table.assign(tf.tensorScatterUpdate(table, tf.tensor2d(rows, [rows.length, 1], 'int32'), tf.tensor2d(values.slice(), [rows.length, table.shape[1]!]))));
}
