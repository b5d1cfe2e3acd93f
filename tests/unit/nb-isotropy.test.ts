import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { pairwiseCosines } from '../../notebooks/isotropy.ts';
import { anisotropy } from '../../notebooks/metrics.ts';

describe('pairwise cosines', () => {
  it('lists each distinct pair once, in row order, ignoring vector length', () => {
    // rows: e1, 2·e1, e2, (e1 + e2)
    const x = tf.tensor2d([[1, 0], [2, 0], [0, 3], [1, 1]]);
    const cos = Array.from(pairwiseCosines(x));
    const h = Math.SQRT1_2;
    const expected = [1, 0, h, 0, h, h];
    expect(cos).toHaveLength(expected.length);
    cos.forEach((c, i) => expect(c).toBeCloseTo(expected[i], 5));
  });

  it('averages to the anisotropy measure', () => {
    const x = tf.randomNormal([30, 4], 1, 1, 'float32', 3) as tf.Tensor2D;
    const cos = pairwiseCosines(x);
    const mean = cos.reduce((s, c) => s + c, 0) / cos.length;
    expect(mean).toBeCloseTo(anisotropy(x), 4);
  });
});
