import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  contrastiveLoss, crossEntropy, gdrNegativeLoss, infoNceLoss, influenceLoss, listwiseDistillationLoss, oneHotRows, shardedContrastiveLoss,
} from '../../notebooks/losses.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';

const t = (x: tf.Tensor) => x.dataSync()[0];
// |·| so that the −0 a negated sum of zeros gives compares equal to 0.
const value = (t: tf.Tensor) => Math.abs(t.dataSync()[0]);

// A softmax over one candidate is 1 whatever its score, so each of these
// losses is exactly 0 (tf.oneHot refused depth 1 and threw "depth must be >=2").
for (const backend of ['cpu', 'wasm'] as const) {
  describe(`losses at their smallest inputs, on ${backend}`, () => {
    afterAll(async () => { await useBackend('cpu'); });

    it('cross-entropy over a single class is 0', async () => {
      await useBackend(backend);
      expect(value(crossEntropy(tf.tensor2d([[0.3]]), tf.tensor1d([0], 'int32')))).toBe(0);
      expect(oneHotRows(tf.tensor1d([0, 2, 5], 'int32'), 3).arraySync()).toEqual([[1, 0, 0], [0, 0, 1], [0, 0, 0]]);
    });

    it('contrastive and InfoNCE losses with one passage, or a batch of one, are 0', async () => {
      await useBackend(backend);
      const q = tf.tensor2d([[1, 2]]);
      const p = tf.tensor2d([[3, -4]]);
      expect(value(contrastiveLoss(q, p, tf.tensor1d([0], 'int32')))).toBeCloseTo(0, 6);
      expect(value(infoNceLoss(q, p, 0.05))).toBeCloseTo(0, 6);
    });

    it('sharded contrastive loss with one query per shard and no hard negatives is 0', async () => {
      await useBackend(backend);
      const q = tf.tensor2d([[1, 0], [0, 1]]);
      const p = tf.tensor2d([[0, 1], [1, 0]]);
      expect(value(shardedContrastiveLoss(q, p, { devices: 2, crossBatch: false }))).toBeCloseTo(0, 6);
      // Shared across the two devices each query sees both passages and its positive scores 0 against 1:
      // −log(e^0 / (e^0 + e^1)) = log(1 + e) = 1.313262 for each query.
      expect(t(shardedContrastiveLoss(q, p, { devices: 2, crossBatch: true }))).toBeCloseTo(Math.log(1 + Math.E), 5);
    });

    it('listwise distillation over lists of one is 0 in both terms, and a positive outside the list is refused', async () => {
      await useBackend(backend);
      const { kl, sup, total } = listwiseDistillationLoss(tf.tensor2d([[2], [-1]]), tf.tensor2d([[0.5], [3]]));
      expect([value(kl), value(sup), value(total)]).toEqual([0, 0, 0]);
      expect(() => listwiseDistillationLoss(tf.tensor2d([[2]]), tf.tensor2d([[0.5]]), 1)).toThrow(/outside lists of 1/);
    });

    it('BCT influence loss with a one-class old model adds 0 for the old head', async () => {
      await useBackend(backend);
      // New head = identity: logits (1, 0) for label 0 and (0, 1) for label 1, each −log softmax = log(1 + e^{−1}) = 0.313262.
      // The old head knows one class: its log-softmax is 0, so its term is 0.
      const emb = tf.tensor2d([[1, 0], [0, 1]]);
      const loss = influenceLoss(
        emb, tf.tensor1d([0, 1], 'int32'),
        { weight: tf.tensor2d([[1, 0], [0, 1]]), bias: tf.tensor1d([0, 0]) },
        { weight: tf.tensor2d([[1], [0]]), bias: tf.tensor1d([0]) },
        tf.tensor1d([1, 0]), 1,
      );
      expect(t(loss)).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
    });

    it('GDR negative loss with no intra-cluster negatives is the in-batch term alone, not NaN', async () => {
      await useBackend(backend);
      // q = p = I, τ = 1: s⁺ = tanh(1) = 0.761594, the other in-batch score tanh(0) = 0,
      // loss = log(e^{s⁺} + e^0) − s⁺ = log(1 + e^{−tanh 1}) = 0.383168 for each query.
      const q = tf.tensor2d([[1, 0], [0, 1]]);
      const none = tf.zeros([2, 0, 2]) as tf.Tensor3D;
      const expected = Math.log(1 + Math.exp(-Math.tanh(1)));
      expect(t(gdrNegativeLoss(q, q, none, 1, 1))).toBeCloseTo(expected, 5);
      // Weight r = 0 on real negatives is the same loss.
      expect(t(gdrNegativeLoss(q, q, tf.ones([2, 3, 2]) as tf.Tensor3D, 0, 1))).toBeCloseTo(expected, 5);
      expect(() => gdrNegativeLoss(q, q, none, -1, 1)).toThrow(RangeError);
    });
  });
}
