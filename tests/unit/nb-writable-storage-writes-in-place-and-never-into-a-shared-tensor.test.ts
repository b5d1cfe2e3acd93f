import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { LazyAdam } from '../../notebooks/lazyadam.ts';
import { bagMean, rowSparse } from '../../notebooks/sparse.ts';
import { writableStorage } from '../../notebooks/storage.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`writableStorage on ${backend}`, () => {
    afterAll(async () => { await useBackend('cpu'); });

    it('is the variable’s own storage: a write shows in the next op', async () => {
      await useBackend(backend);
      const t = tf.variable(tf.tidy(() => tf.tensor2d([[1, 2], [3, 4]])));
      const own = writableStorage(t)!;
      expect([...own]).toEqual([1, 2, 3, 4]);
      own[3] = 10;
      expect(tf.tidy(() => tf.sum(t).dataSync()[0])).toBe(16);
      t.dispose();
    });

    it('copies storage that a clone or the source tensor shares before handing it out, so writes never reach them', async () => {
      await useBackend(backend);
      const source = tf.tensor1d([1, -0, 3]);
      const t = tf.variable(source);
      const copy = t.clone();
      const own = writableStorage(t)!;
      // The copy is exact, the sign of zero included.
      expect(Object.is(own[1], -0)).toBe(true);
      own[0] = 7;
      expect([...t.dataSync()]).toEqual([7, -0, 3]);
      expect([...copy.dataSync()]).toEqual([1, -0, 3]);
      expect([...source.dataSync()]).toEqual([1, -0, 3]);
      tf.dispose([t, copy, source]);
    });

    it('gives no view of a non-float variable', async () => {
      await useBackend(backend);
      const ints = tf.variable(tf.tidy(() => tf.tensor1d([1, 2], 'int32')));
      expect(writableStorage(ints)).toBeUndefined();
      ints.dispose();
    });

    it('LazyAdam leaves a clone of its table as it was', async () => {
      await useBackend(backend);
      const table = rowSparse(tf.variable(tf.tidy(() => tf.tensor2d([[1, 1], [2, 2], [3, 3]]))));
      const snapshot = table.clone();
      const lazy = new LazyAdam(0.1);
      const loss = () => tf.sum(bagMean(table as tf.Tensor2D, [[0, 2]])) as tf.Scalar;
      for (let step = 0; step < 2; step++) lazy.minimize(loss, [table]).dispose();
      expect(snapshot.arraySync()).toEqual([[1, 1], [2, 2], [3, 3]]);
      // Two Adam steps against a constant gradient move each read weight by twice the learning rate.
      const after = table.arraySync() as number[][];
      [after[0], after[2]].flat().forEach((x, i) => expect(x).toBeCloseTo([0.8, 0.8, 2.8, 2.8][i], 4));
      expect(after[1]).toEqual([2, 2]);
      lazy.dispose();
      tf.dispose([table, snapshot]);
    });
  });
}
