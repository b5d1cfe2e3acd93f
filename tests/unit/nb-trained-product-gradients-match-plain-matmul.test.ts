import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { swapLastAxes, trainedProduct } from '../../notebooks/matmul.ts';

describe('trainedProduct', () => {
  it('has the value and both gradients of a plain matMul', () => {
    const a = tf.tensor2d([[1, 2, -1], [0.5, -3, 2]]);
    const b = tf.tensor2d([[1, 0], [2, -1], [0.5, 4]]);
    const w = tf.tensor2d([[1, -2], [3, 0.5]]); // weights the output so the gradients are not all ones
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) => f(x as tf.Tensor2D, y as tf.Tensor2D).mul(w).sum();
    const [ga, gb] = tf.grads(loss(trainedProduct))([a, b]);
    const [ea, eb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    expect(Array.from(trainedProduct(a, b).dataSync())).toEqual(Array.from(tf.matMul(a, b).dataSync()));
    expect(Array.from(ga.dataSync())).toEqual(Array.from(ea.dataSync()));
    expect(Array.from(gb.dataSync())).toEqual(Array.from(eb.dataSync()));
    tf.dispose([a, b, w, ga, gb, ea, eb]);
  });

  it('batches over leading axes like tf.matMul, a transposed operand included, gradients too', () => {
    const a = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 1);
    const b = tf.randomNormal([2, 3, 6, 5], 0, 1, 'float32', 2);
    const r = tf.randomNormal([2, 3, 4, 6], 0, 1, 'float32', 3);
    const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => f(x, y).mul(r).sum();
    const [ga, gb] = tf.grads(loss((x, y) => trainedProduct(x, swapLastAxes(y))))([a, b]);
    const [ea, eb] = tf.grads(loss((x, y) => tf.matMul(x, y, false, true)))([a, b]);
    const gap = (x: tf.Tensor, y: tf.Tensor) => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0];
    expect(gap(trainedProduct(a, swapLastAxes(b)), tf.matMul(a, b, false, true))).toBeLessThan(1e-5);
    expect(gap(ga, ea)).toBeLessThan(1e-5);
    expect(gap(gb, eb)).toBeLessThan(1e-5);
  });
});
