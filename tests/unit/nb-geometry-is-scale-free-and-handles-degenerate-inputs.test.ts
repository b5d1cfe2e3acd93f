import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { anisotropy, uniformity } from '../../notebooks/metrics.ts';
import { Rng } from '../../notebooks/random.ts';
import { kMeans, topK } from '../../notebooks/retrieval.ts';
import { applyWhitening, fitWhitening, symmetricEigen } from '../../notebooks/whitening.ts';

/** Covariance (divided by n) of the rows of y, as plain numbers. */
function covariance(y: tf.Tensor2D): number[][] {
  return tf.tidy(() => {
    const centred = tf.sub(y, tf.mean(y, 0));
    return tf.matMul(centred, centred, true, false).div(y.shape[0]).arraySync() as number[][];
  });
}

describe('uniformity without the unit-row shortcut', () => {
  it('keeps a zero row at the origin: the Wang–Isola value −2.3400 for [[0,0,0],[1,0,0],[0,1,0]] (it gave −4)', () => {
    // Squared distances: origin to each unit vector 1, between the unit vectors 2.
    // Over the 6 ordered pairs: (4 e^{−2·1} + 2 e^{−2·2}) / 6 = 0.0963287 → log = −2.339989.
    const expected = Math.log((4 * Math.exp(-2) + 2 * Math.exp(-4)) / 6);
    expect(expected).toBeCloseTo(-2.339989, 5);
    expect(uniformity(tf.tensor2d([[0, 0, 0], [1, 0, 0], [0, 1, 0]]))).toBeCloseTo(expected, 4);
  });

  it('refuses a single row, which has no pair to measure', () => {
    expect(() => uniformity(tf.tensor2d([[1, 0]]))).toThrow(/at least 2 rows/);
    expect(() => anisotropy(tf.tensor2d([[1, 0]]))).toThrow(/at least 2 rows/);
  });
});

describe('symmetric eigen-decomposition with a relative stopping rule', () => {
  it('finds ±1e-12 for [[0, 1e-12], [1e-12, 0]] (the absolute threshold stopped at [0, 0])', () => {
    const { values, vectors } = symmetricEigen([[0, 1e-12], [1e-12, 0]]);
    expect(values[0] / 1e-12).toBeCloseTo(1, 10);
    expect(values[1] / 1e-12).toBeCloseTo(-1, 10);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 10);
  });

  it('refuses a matrix that is not square, not symmetric or not finite', () => {
    expect(() => symmetricEigen([[1, 2]])).toThrow(/square/);
    expect(() => symmetricEigen([[1, 2], [3, 1]])).toThrow(/symmetric/);
    expect(() => symmetricEigen([[NaN]])).toThrow(RangeError);
  });

  it('whitens data at scale 1e-6 as it whitens the same data at scale 1', () => {
    const z = tf.randomNormal([2000, 2], 0, 1, 'float32', 5);
    const mix = tf.tensor2d([[1, 0.9], [0, 0.4]]);
    for (const scale of [1, 1e-6]) {
      const x = tf.matMul(z, mix).mul(scale) as tf.Tensor2D;
      const w = fitWhitening(x);
      const cov = covariance(applyWhitening(x, w));
      cov.forEach((row, i) => row.forEach((c, j) => expect(Math.abs(c - (i === j ? 1 : 0)), `scale ${scale}, (${i}, ${j})`).toBeLessThan(1e-3)));
      w.dispose();
    }
  });

  it('refuses rows that do not vary, and a k outside 1..dim', () => {
    expect(() => fitWhitening(tf.tensor2d([[1, 2], [1, 2], [1, 2]]))).toThrow(/do not vary/);
    expect(() => fitWhitening(tf.tensor2d([[1, 2], [3, 5]]), 3)).toThrow(RangeError);
  });
});

describe('k-means far from the origin and with one cluster', () => {
  // Three tight blobs (spread ±0.05) one unit apart, offset by 3000: ‖x‖² ≈ 1.8e7 in float32
  // has a rounding step of 2, larger than the squared gaps between blobs.
  const centres = [[3000, 3000], [3001, 3000], [3000, 3001]];
  const rng = new Rng(4);
  const rows: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, b) => {
    for (let i = 0; i < 30; i++) {
      rows.push(c.map((v) => v + (rng.next() - 0.5) * 0.1));
      truth.push(b);
    }
  });

  it('assigns every point to its own blob and converges well within 25 iterations', () => {
    const { assignments, centroids, iterations } = kMeans(tf.tensor2d(rows), 3, { seed: 1 });
    const label = new Map<number, number>();
    assignments.forEach((c, i) => {
      if (!label.has(c)) label.set(c, truth[i]);
      expect(label.get(c), `point ${i}`).toBe(truth[i]);
    });
    expect(label.size).toBe(3);
    expect(iterations).toBeLessThan(25);
    const found = centroids.arraySync() as number[][];
    for (const [c, b] of label) centres[b].forEach((v, d) => expect(Math.abs(found[c][d] - v)).toBeLessThan(0.05));
  });

  it('with k = 1 puts every point in one cluster whose centre is the mean (GDR with clusters: 1)', () => {
    const x = tf.tensor2d([[0, 0], [2, 0], [1, 3]]);
    const { assignments, centroids } = kMeans(x, 1, { seed: 1 });
    expect(Array.from(assignments)).toEqual([0, 0, 0]);
    (centroids.arraySync() as number[][])[0].forEach((v, d) => expect(v).toBeCloseTo([1, 1][d], 5));
    expect(() => kMeans(x, 0, { seed: 1 })).toThrow(RangeError);
  });
});

describe('top-k at k = 0', () => {
  it('gives one empty list per query, and refuses k < 0', () => {
    const q = tf.tensor2d([[1, 0], [0, 1]]);
    const d = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
    expect(topK(q, d, 0)).toEqual({ indices: [[], []], scores: [[], []] });
    expect(() => topK(q, d, -1)).toThrow(RangeError);
  });
});
