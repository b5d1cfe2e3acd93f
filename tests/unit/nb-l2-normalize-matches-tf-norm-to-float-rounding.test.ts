import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from '../../notebooks/losses.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';

// l2Normalize avoids tf.norm for speed; it must give what x / (tf.norm(x) + 1e-12)
// gave, forward and backward, to float32 rounding (WASM's Pow and Square differ
// in the last bit now and then, so not bit for bit).
const byTfNorm = (x: tf.Tensor2D) => tf.div(x, tf.norm(x, 2, 1, true).add(1e-12)) as tf.Tensor2D;

function valueAndGradient(normalize: (x: tf.Tensor2D) => tf.Tensor2D, x: tf.Variable, weights: tf.Tensor2D): { value: Float32Array; gradient: Float32Array } {
  const value = tf.tidy(() => normalize(x as tf.Tensor2D).dataSync() as Float32Array);
  const { value: loss, grads } = tf.variableGrads(() => tf.sum(tf.mul(normalize(x as tf.Tensor2D), weights)) as tf.Scalar, [x]);
  const gradient = grads[x.name].dataSync() as Float32Array;
  tf.dispose([loss, ...Object.values(grads)]);
  return { value, gradient };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`l2Normalize on ${backend}`, () => {
    afterAll(async () => { await useBackend('cpu'); });

    it('(3, 4) becomes (0.6, 0.8)', async () => {
      await useBackend(backend);
      const out = tf.tidy(() => Array.from(l2Normalize(tf.tensor2d([[3, 4], [-5, 0]])).dataSync()));
      expect(out[0]).toBeCloseTo(0.6, 6);
      expect(out[1]).toBeCloseTo(0.8, 6);
      expect(out[2]).toBeCloseTo(-1, 6);
      expect(out[3]).toBe(0);
    });

    it('agrees with dividing by tf.norm to float32 rounding, values and gradients, on rows of every scale', async () => {
      await useBackend(backend);
      const rows = tf.tidy(() => tf.randomNormal([256, 96], 0, 1, 'float32', 5).mul(tf.linspace(-6, 6, 256).reshape([256, 1]).exp()));
      const x = tf.variable(rows);
      const weights = tf.randomNormal([256, 96], 0, 1, 'float32', 6) as tf.Tensor2D;
      const ours = valueAndGradient(l2Normalize, x, weights);
      const theirs = valueAndGradient(byTfNorm, x, weights);
      expect(ours.value.some((v) => v !== 0)).toBe(true);
      // A few float32 ulps of the larger magnitude: far below any printed digit.
      const apart = (a: Float32Array, b: Float32Array) => a.filter((v, i) => Math.abs(v - b[i]) > 4e-7 * Math.max(Math.abs(v), Math.abs(b[i])) + 1e-30).length;
      expect(apart(ours.value, theirs.value)).toBe(0);
      expect(apart(ours.gradient, theirs.gradient)).toBe(0);
      tf.dispose([rows, x, weights]);
    });
  });
}
