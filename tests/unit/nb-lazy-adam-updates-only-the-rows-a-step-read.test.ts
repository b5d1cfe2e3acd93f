import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from '../../notebooks/bag.ts';
import { LazyAdam } from '../../notebooks/lazyadam.ts';
import { bagMean, gatherRows, rowSparse, rowSparseGrads } from '../../notebooks/sparse.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';

const rowsOf = (t: tf.Tensor) => t.arraySync() as number[][];

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`LazyAdam on ${backend}`, () => {
    afterAll(async () => { await useBackend('cpu'); });

    it('a row-sparse step hands each read’s row gradients to the step and gives the table no gradient', async () => {
      await useBackend(backend);
      const table = rowSparse(tf.variable(tf.tensor2d([[1, 2], [3, 4], [5, 6]])));
      const w = tf.variable(tf.scalar(2));
      // loss = w · Σ_j mean(rows 0, 2)_j + Σ_j row1_j; d/d row0 = d/d row2 = w/2 per column, d/d row1 = 1.
      const { value, grads, reads } = rowSparseGrads(
        () => tf.add(tf.mul(w, tf.sum(bagMean(table as tf.Tensor2D, [[0, 2]]))), tf.sum(bagMean(table as tf.Tensor2D, [[1]]))) as tf.Scalar,
        [w], [table]);
      // value = 2 · ((1+5)/2 + (2+6)/2) + 3 + 4 = 2 · 7 + 7 = 21; d/dw = 7.
      expect(value.dataSync()[0]).toBeCloseTo(21, 5);
      expect(Object.keys(grads)).toEqual([w.name]);
      expect(grads[w.name].dataSync()[0]).toBeCloseTo(7, 5);
      // The backward pass meets the reads in reverse order.
      const byRows = Object.fromEntries(reads[0].map((r) => [[...r.rows].join(','), rowsOf(r.grads)]));
      expect(byRows).toEqual({ '0,2': [[1, 1], [1, 1]], '1': [[1, 1]] });
      tf.dispose([value, ...Object.values(grads), ...reads[0].map((r) => r.grads), table, w]);
    });

    it('refuses a step whose table was read some other way, so no gradient is dropped', async () => {
      await useBackend(backend);
      const table = rowSparse(tf.variable(tf.tensor2d([[1, 2], [3, 4]])));
      const before = tf.memory().numTensors;
      expect(() => rowSparseGrads(() => tf.sum(gatherRows(table as tf.Tensor2D, [1])) as tf.Scalar, [], [table])).toThrow(/read outside bagMean/);
      expect(tf.memory().numTensors).toBe(before);
      table.dispose();
    });

    it('on rows read every step it is tfjs’s Adam, bit for bit; a row not read keeps its value and its moments', async () => {
      await useBackend(backend);
      const start = [[0.5, -1], [2, 0.25], [-0.75, 1.5], [1, 1]];
      const lazyTable = rowSparse(tf.variable(tf.tensor2d(start)));
      const denseTable = tf.variable(tf.tensor2d(start));
      const lazy = new LazyAdam(0.1);
      const dense = tf.train.adam(0.1);
      // Rows 0 and 1 are read at every step, row 2 only at step 1, row 3 never.
      const bags = (step: number) => (step === 0 ? [[0, 1, 1], [2, 0]] : [[0, 1, 1], [0]]);
      const loss = (table: tf.Tensor2D, step: number) => () => tf.sum(tf.square(tf.sub(bagMean(table, bags(step)), 1))) as tf.Scalar;
      const afterFirst: number[][][] = [];
      for (let step = 0; step < 3; step++) {
        lazy.minimize(loss(lazyTable as tf.Tensor2D, step), [lazyTable]).dispose();
        dense.minimize(loss(denseTable as tf.Tensor2D, step), false, [denseTable]);
        if (step === 0) afterFirst.push(rowsOf(lazyTable), rowsOf(denseTable));
      }
      const [lazyRows, denseRows] = [rowsOf(lazyTable), rowsOf(denseTable)];
      // Step 1 read every row that had a gradient: the two agree bit for bit.
      expect(afterFirst[0]).toEqual(afterFirst[1]);
      // Rows 0 and 1 were read at every step: still bit for bit the same.
      for (const r of [0, 1]) expect(lazyRows[r]).toEqual(denseRows[r]);
      // Row 2, read only at step 1: lazily it stays where step 1 put it; dense Adam kept moving it on its momentum.
      expect(lazyRows[2]).toEqual(afterFirst[0][2]);
      expect(Math.abs(denseRows[2][0] - afterFirst[1][2][0])).toBeGreaterThan(0.05);
      // Row 3 was never read: untouched on both.
      expect(lazyRows[3]).toEqual([1, 1]);
      expect(denseRows[3]).toEqual([1, 1]);
      lazy.dispose();
      dense.dispose();
      tf.dispose([lazyTable, denseTable]);
    });

    it('with lazyRows off, a row-sparse table gets tfjs’s Adam, momentum on unread rows included', async () => {
      await useBackend(backend);
      const start = [[0.5, -1], [2, 0.25], [-0.75, 1.5]];
      const offTable = rowSparse(tf.variable(tf.tensor2d(start)));
      const denseTable = tf.variable(tf.tensor2d(start));
      const off = new LazyAdam(0.1);
      const dense = tf.train.adam(0.1);
      // Row 2 is read only at the first step; tfjs's Adam keeps moving it afterwards.
      const bags = (step: number) => (step === 0 ? [[0, 2]] : [[0, 1]]);
      const loss = (table: tf.Tensor2D, step: number) => () => tf.sum(tf.square(tf.sub(bagMean(table, bags(step)), 1))) as tf.Scalar;
      for (let step = 0; step < 3; step++) {
        off.minimize(loss(offTable as tf.Tensor2D, step), [offTable], false).dispose();
        dense.minimize(loss(denseTable as tf.Tensor2D, step), false, [denseTable]);
      }
      rowsOf(offTable).flat().forEach((x, i) => expect(x).toBeCloseTo(rowsOf(denseTable).flat()[i], 6));
      off.dispose();
      dense.dispose();
      tf.dispose([offTable, denseTable]);
    });

    it('a row read again later uses its kept moments and the global step’s bias correction (worked by hand)', async () => {
      await useBackend(backend);
      // One-column table, rows 0 and 1, loss = Σ bag means: each read row's gradient is 1 / bag size.
      const table = rowSparse(tf.variable(tf.tensor2d([[0], [0]])));
      const lazy = new LazyAdam(0.1, 0.9, 0.999, 0);
      const steps = [[[0, 1]], [[0]], [[1]]];
      for (const bags of steps) lazy.minimize(() => tf.sum(bagMean(table as tf.Tensor2D, bags)) as tf.Scalar, [table]).dispose();
      // Row 1: g = 1/2 at t = 1, unread at t = 2, g = 1 at t = 3.
      //   t=1: m = 0.05, v = 0.00025; step = 0.1 · (0.05/0.1) / sqrt(0.00025/0.001) = 0.1 · 0.5 / 0.5 = 0.1
      //   t=3: m = 0.9·0.05 + 0.1·1 = 0.145, v = 0.999·0.00025 + 0.001·1 = 0.00124975
      //        m̂ = 0.145 / (1 − 0.9³) = 0.145 / 0.271 = 0.535055, v̂ = 0.00124975 / (1 − 0.999³) = 0.00124975 / 0.002997001 = 0.416999
      //        step = 0.1 · 0.535055 / 0.645755 = 0.082857
      expect(rowsOf(table)[1][0]).toBeCloseTo(-(0.1 + 0.082857), 4);
      // Row 0: g = 1/2 at t = 1, g = 1 at t = 2 (read alone), unread at t = 3.
      //   t=2: m = 0.145, v = 0.00124975, m̂ = 0.145 / 0.19 = 0.763158, v̂ = 0.00124975 / 0.001999 = 0.625188
      //        step = 0.1 · 0.763158 / 0.790688 = 0.096518
      expect(rowsOf(table)[0][0]).toBeCloseTo(-(0.1 + 0.096518), 4);
      lazy.dispose();
      table.dispose();
    });

    it('trains a HashedBagEmbedding without leaving tensors behind', async () => {
      await useBackend(backend);
      const bag = new HashedBagEmbedding({ dim: 256, charNgrams: [3], words: true, wordBigrams: false }, 4, 3);
      const projection = tf.variable(tf.eye(4));
      const lazy = new LazyAdam(0.05);
      const loss = () => tf.sum(tf.square(tf.sub(tf.matMul(bag.embed(['a pet cat', 'a pet dog']), projection), 1))) as tf.Scalar;
      const first = lazy.minimize(loss, [bag.table, projection]);
      const before = tf.memory().numTensors;
      for (let s = 0; s < 20; s++) lazy.minimize(loss, [bag.table, projection]).dispose();
      expect(tf.memory().numTensors).toBe(before);
      const last = tf.tidy(loss);
      expect(last.dataSync()[0]).toBeLessThan(first.dataSync()[0] / 2);
      tf.dispose([first, last, projection, bag.table]);
      lazy.dispose();
    });
  });
}
