import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { applyWhitening, fitWhitening, symmetricEigen } from '../../notebooks/whitening.ts';

describe('BERT-whitening', () => {
  it('eigen-decomposes a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expect(values[0]).toBeCloseTo(3, 10);
    expect(values[1]).toBeCloseTo(1, 10);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 10);
  });

  it('whitened embeddings have zero mean and identity covariance (within 1e-4)', () => {
    // correlated, shifted, anisotropic data: z · A + b
    const z = tf.randomNormal([2000, 6], 0, 1, 'float32', 5);
    const a = tf.randomNormal([6, 6], 0, 1, 'float32', 6).add(tf.eye(6).mul(3));
    const x = tf.matMul(z, a).add(tf.tensor1d([5, -2, 1, 0, 3, 8])) as tf.Tensor2D;
    const w = fitWhitening(x);
    const y = applyWhitening(x, w);
    const mean = tf.mean(y, 0);
    const centred = tf.sub(y, mean);
    const cov = tf.matMul(centred, centred, true, false).div(2000).arraySync() as number[][];
    mean.dataSync().forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-4));
    cov.forEach((row, i) => row.forEach((c, j) => expect(Math.abs(c - (i === j ? 1 : 0))).toBeLessThan(1e-4)));
  });

  it('keeps the top-k directions when k is given', () => {
    const x = tf.randomNormal([200, 5], 0, 1, 'float32', 9) as tf.Tensor2D;
    const w = fitWhitening(x, 2);
    expect(applyWhitening(x, w).shape).toEqual([200, 2]);
  });
});
