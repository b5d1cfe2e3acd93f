/**
 * Reads of a few rows of a large trainable table, with gradients, on every
 * tfjs backend.
 *
 * A text's bag of hashed features, or its token ids, reads a few dozen rows of
 * a table with thousands. tfjs's own gradient of `gather` is an
 * UnsortedSegmentSum, a kernel the WASM backend lacks, so these functions
 * gather (GatherV2) and give their gradient as a ScatterNd of the rows read,
 * which sums repeated indices. The cpu, wasm and webgl backends implement
 * GatherV2, ScatterNd, Reshape, Mul and Sum.
 *
 * Outside a row-sparse step the gradient is a tensor of the table's shape
 * (zeros outside the rows read), which any tfjs optimiser can apply. Inside
 * one (`rowSparseGrads`, which notebooks/lazyadam's LazyAdam runs), a table
 * marked `rowSparse` gets no table-sized gradient at all: each read hands the
 * gradient of the rows it read to the step, and the table is not an input of
 * the tape. tfjs's engine insists that a gradient have its input's shape, so
 * the reads hang off a one-element anchor variable instead, whose own
 * gradient is zero; that is the only way to learn rows from tfjs's tape
 * without building the table-sized tensor.
 */
import * as tf from '@tensorflow/tfjs';

const rowSparseTables = new WeakSet<tf.Variable>();

/** Marks `table` as read only through `bagMean`, so a row-sparse step may update just the rows a batch read. */
export function rowSparse(table: tf.Variable): tf.Variable {
  rowSparseTables.add(table);
  return table;
}

export function isRowSparse(variable: tf.Variable): boolean {
  return rowSparseTables.has(variable);
}

/** The rows one read of a table took part in and the loss's gradient with respect to each (kept: the caller disposes). */
export interface RowRead {
  rows: Int32Array;
  grads: tf.Tensor2D;
}

interface Capture {
  anchor: tf.Variable;
  reads: RowRead[];
}

const captures = new Map<tf.Variable, Capture>();

/**
 * `tf.variableGrads(f, variables)`, with every table in `tables` (each marked
 * `rowSparse`) read by row: `reads[i]` lists table i's reads during `f`.
 * Throws if a table got a gradient some other way than `bagMean`, which a
 * row update would otherwise silently drop.
 */
export function rowSparseGrads(f: () => tf.Scalar, variables: tf.Variable[], tables: tf.Variable[]): { value: tf.Scalar; grads: tf.NamedTensorMap; reads: RowRead[][] } {
  const active = tables.map((table) => {
    if (!isRowSparse(table)) throw new Error(`${table.name} is not marked rowSparse`);
    // The tidy disposes the zeros the variable was made from (a variable holds its own reference).
    const capture: Capture = { anchor: tf.tidy(() => tf.variable(tf.zeros([1]), true)), reads: [] };
    captures.set(table, capture);
    return capture;
  });
  try {
    const { value, grads } = tf.variableGrads(f, [...variables, ...tables, ...active.map((c) => c.anchor)]);
    for (const table of tables) {
      if (grads[table.name]) {
        tf.dispose([value, ...Object.values(grads), ...active.flatMap((c) => c.reads.map((r) => r.grads))]);
        throw new Error(`${table.name} was read outside bagMean during a row-sparse step; its gradient would be lost`);
      }
    }
    for (const { anchor } of active) {
      grads[anchor.name]?.dispose();
      delete grads[anchor.name];
    }
    return { value, grads, reads: active.map((c) => c.reads) };
  } finally {
    tables.forEach((table) => captures.delete(table));
    active.forEach((c) => c.anchor.dispose());
  }
}

/** Rows `ids` of `table`, [ids.length, width]; the gradient adds each row's gradient back into its table row. */
export function gatherRows(table: tf.Tensor2D, ids: ArrayLike<number>): tf.Tensor2D {
  const index = tf.tensor1d(Int32Array.from(ids), 'int32');
  const read = tf.customGrad((x, save) => {
    // Saved so the engine keeps the index alive until the backward pass (the
    // caller's tidy would otherwise dispose it first).
    (save as tf.GradSaveFunc)([index]);
    return {
      value: tf.gather(x as tf.Tensor2D, index),
      gradFunc: (dy, [saved]) => tf.scatterND(saved.reshape([-1, 1]), dy, table.shape),
    };
  });
  return read(table) as tf.Tensor2D;
}

/**
 * Row r is the mean of `table`'s rows `bags[r]` (an index counted as often as
 * it occurs; an empty bag gives zeros), [bags.length, width].
 *
 * Forward, one SparseSegmentMean over the table; backward, the gradient of
 * each distinct row read (a SparseSegmentSum of the output gradients, each
 * bag's scaled by 1 / its size) scattered into a zero tensor of the table's
 * shape. The indices are known in JavaScript, so their sorting and
 * deduplication cost no kernel. WASM, CPU and WebGPU run every kernel here
 * natively. On WebGL (read in tfjs-backend-webgl 4.22, not measured: no GPU
 * here) the segment kernels run on the CPU after reading their inputs back,
 * a download of the table per forward pass, and ScatterNd's shader visits
 * every update for each output element; the dense product may be the faster
 * path there.
 */
export function bagMean(table: tf.Tensor2D, bags: number[][]): tf.Tensor2D {
  const [dim, width] = table.shape;
  const entries = bags.reduce((n, b) => n + b.length, 0);
  if (entries === 0) return tf.zeros([bags.length, width]);
  const ids = new Int32Array(entries);
  const rowOf = new Int32Array(entries);
  const inverseSize = new Float32Array(bags.length);
  let e = 0;
  bags.forEach((bag, r) => {
    for (const id of bag) {
      if (!(id >= 0 && id < dim)) throw new RangeError(`bag ${r} reads row ${id} of a table with ${dim} rows`);
      ids[e] = id;
      rowOf[e++] = r;
    }
    if (bag.length > 0) inverseSize[r] = 1 / bag.length;
  });
  // The backward pass's layout: entries grouped by table row, one segment per
  // distinct row. Sorting id · bags + row as plain numbers (no comparator) is
  // several times faster than sorting entry indices by id.
  const keys = new Float64Array(entries);
  for (let k = 0; k < entries; k++) keys[k] = ids[k] * bags.length + rowOf[k];
  keys.sort();
  const distinct: number[] = [];
  const segment = new Int32Array(entries);
  const rowById = new Int32Array(entries);
  keys.forEach((key, k) => {
    const id = Math.floor(key / bags.length);
    if (distinct.length === 0 || id !== distinct[distinct.length - 1]) distinct.push(id);
    segment[k] = distinct.length - 1;
    rowById[k] = key - id * bags.length;
  });
  const filled = rowOf[entries - 1] + 1;
  return tf.tidy(() => {
    const idsT = tf.tensor1d(ids, 'int32');
    const rowOfT = tf.tensor1d(rowOf, 'int32');
    const scale = tf.tensor2d(inverseSize, [bags.length, 1]);
    const rowByIdT = tf.tensor1d(rowById, 'int32');
    const segmentT = tf.tensor1d(segment, 'int32');
    const capture = captures.get(table as tf.Variable);
    if (capture) {
      const rows = Int32Array.from(distinct);
      const read = tf.customGrad((anchor, save) => {
        (save as tf.GradSaveFunc)([scale, rowByIdT, segmentT]);
        const value = tf.sparse.sparseSegmentMean(table, idsT, rowOfT);
        return {
          value: filled < bags.length ? tf.concat([value, tf.zeros([bags.length - filled, width])]) : value,
          gradFunc: (dy, [s, byId, segments]) => {
            const grads = tf.keep(tf.sparse.sparseSegmentSum(tf.mul(dy, s), byId as tf.Tensor1D, segments as tf.Tensor1D)) as tf.Tensor2D;
            capture.reads.push({ rows, grads });
            return tf.zerosLike(anchor as tf.Tensor);
          },
        };
      });
      return read(capture.anchor) as tf.Tensor2D;
    }
    const distinctT = tf.tensor2d(distinct, [distinct.length, 1], 'int32');
    const mean = tf.customGrad((x, save) => {
      // Saved so the engine keeps them alive until the backward pass.
      (save as tf.GradSaveFunc)([scale, rowByIdT, segmentT, distinctT]);
      const value = tf.sparse.sparseSegmentMean(x as tf.Tensor2D, idsT, rowOfT);
      return {
        // Segments stop at the last bag with an entry: trailing empty bags are zeros.
        value: filled < bags.length ? tf.concat([value, tf.zeros([bags.length - filled, width])]) : value,
        gradFunc: (dy, [s, rows, segments, where]) => {
          const perRow = tf.sparse.sparseSegmentSum(tf.mul(dy, s), rows as tf.Tensor1D, segments as tf.Tensor1D);
          return tf.scatterND(where, perRow, table.shape);
        },
      };
    });
    return mean(table) as tf.Tensor2D;
  });
}
