import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { constantTimesWeight } from '../bench/dense.ts';

describe('constantTimesWeight', () => {
  it('has the value and the weight gradient of a plain matMul', () => {
    const input = tf.tensor2d([[1, 0, 2], [0, 3, 1]]);
    const weight = tf.tensor2d([[0.5, -1], [2, 0.25], [-0.75, 1.5]]);
    const loss = (f: (w: tf.Tensor2D) => tf.Tensor2D) => (w: tf.Tensor) => tf.sum(tf.square(f(w as tf.Tensor2D)));
    const plain = tf.grad(loss((w) => tf.matMul(input, w)))(weight);
    const fast = tf.grad(loss((w) => constantTimesWeight(input, w)))(weight);
    expect(constantTimesWeight(input, weight).arraySync()).toEqual(tf.matMul(input, weight).arraySync());
    expect(Array.from(fast.dataSync())).toEqual(Array.from(plain.dataSync()));
    expect(Math.max(...plain.dataSync().map(Math.abs))).toBeGreaterThan(0);
  });
});
