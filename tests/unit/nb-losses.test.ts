import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  cosentLoss, cosineMseLoss, dotRegressionLoss, gdrNegativeLoss, infoNceLoss, influenceLoss,
  listwiseDistillationLoss, shardedContrastiveLoss, simplexEtf,
} from '../../notebooks/losses.ts';

const t2 = (rows: number[][]) => tf.tensor2d(rows);
const value = (t: tf.Tensor) => t.dataSync()[0];

describe('CoSENT', () => {
  it('matches a loss worked by hand on three pairs', () => {
    // Pair cosines: (1,0)·(1,0) = 1, (1,0)·(0,1) = 0, (1,0)·(0.6,0.8) = 0.6; labels 1, 0, 2.
    // Ordered pairs (label_a < label_b) and their terms e^{20(cos_a − cos_b)}:
    //   pair 2 < pair 1: e^{20(0 − 1)}   = e^{−20}
    //   pair 2 < pair 3: e^{20(0 − 0.6)} = e^{−12}
    //   pair 1 < pair 3: e^{20(1 − 0.6)} = e^{8}  (pair 1 is ranked above pair 3 against its label)
    // L = log(1 + e^{−20} + e^{−12} + e^{8}) = log(2981.958…) = 8.000335…
    const u = t2([[1, 0], [1, 0], [1, 0]]);
    const v = t2([[1, 0], [0, 1], [0.6, 0.8]]);
    const expected = Math.log(1 + Math.exp(-20) + Math.exp(-12) + Math.exp(8));
    expect(expected).toBeCloseTo(8.000335, 5);
    expect(value(cosentLoss(u, v, tf.tensor1d([1, 0, 2])))).toBeCloseTo(expected, 4);
  });

  it('is log 1 = 0 when all labels tie, and small when cosines follow the labels', () => {
    const u = t2([[1, 0], [1, 0], [1, 0]]);
    const v = t2([[1, 0], [0, 1], [0.6, 0.8]]);
    expect(value(cosentLoss(u, v, tf.tensor1d([1, 1, 1])))).toBeCloseTo(0, 6);
    // labels in cosine order 2, 0, 1: the largest term is e^{20(0.6 − 1)} = e^{−8}
    expect(value(cosentLoss(u, v, tf.tensor1d([2, 0, 1])))).toBeCloseTo(Math.log(1 + Math.exp(-20) + Math.exp(-12) + Math.exp(-8)), 6);
  });

  it('cosine-MSE is the mean squared gap to the scores', () => {
    const u = t2([[1, 0], [1, 0]]);
    const v = t2([[1, 0], [0, 1]]);
    expect(value(cosineMseLoss(u, v, tf.tensor1d([0.5, 0.5])))).toBeCloseTo(0.25, 6);
  });
});

describe('contrastive losses', () => {
  it('InfoNCE equals a hand-computed value', () => {
    // scores q·pᵀ = [[1, 1], [0, 1]]; row 0: −log(e/(e+e)) = log 2; row 1: −log(e/(1+e)) = log(1 + e^{−1})
    const loss = infoNceLoss(t2([[1, 0], [0, 1]]), t2([[1, 0], [1, 1]]));
    expect(value(loss)).toBeCloseTo((Math.log(2) + Math.log(1 + Math.exp(-1))) / 2, 5);
    expect(value(loss)).toBeCloseTo(0.503204, 5);
  });

  it('cross-batch negatives score each query against all A·B passages; in-batch only against its shard', () => {
    const q = t2([[1, 0], [0, 1], [1, 1], [0.5, -1]]);
    const p = t2([[1, 0.2], [0.1, 1], [1, 0.9], [0.3, -1]]);
    expect(value(shardedContrastiveLoss(q, p, { devices: 2, crossBatch: true }))).toBeCloseTo(value(infoNceLoss(q, p)), 6);
    const shards = (value(infoNceLoss(q.slice([0, 0], [2, -1]), p.slice([0, 0], [2, -1]))) + value(infoNceLoss(q.slice([2, 0], [2, -1]), p.slice([2, 0], [2, -1])))) / 2;
    expect(value(shardedContrastiveLoss(q, p, { devices: 2, crossBatch: false }))).toBeCloseTo(shards, 6);
  });
});

describe('RocketQAv2 listwise distillation', () => {
  it('KL and supervised terms equal hand-computed values, and the re-ranker gets a KL gradient', () => {
    // s̃_ce = softmax(ln 3, 0) = (3/4, 1/4); s̃_de = softmax(0, 0) = (1/2, 1/2)
    // KL = 3/4 ln(3/2) + 1/4 ln(1/2) = 0.130812…; sup = −ln(3/4) = 0.287682…
    const de = t2([[0, 0]]);
    const ce = t2([[Math.log(3), 0]]);
    const { kl, sup, total } = listwiseDistillationLoss(de, ce);
    expect(value(kl)).toBeCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 5);
    expect(value(kl)).toBeCloseTo(0.130812, 5);
    expect(value(sup)).toBeCloseTo(-Math.log(0.75), 5);
    expect(value(total)).toBeCloseTo(0.130812 + 0.287682, 5);
    const grad = tf.grad((c: tf.Tensor) => listwiseDistillationLoss(de, c as tf.Tensor2D).kl)(ce);
    expect(Math.abs(grad.dataSync()[0])).toBeGreaterThan(0.1);
  });
});

describe('BCT influence loss', () => {
  it('adds λ · old-classifier CE over old-class samples only', () => {
    const emb = t2([[1, 0], [0, 1]]);
    const labels = tf.tensor1d([0, 2], 'int32');
    const newHead = { weight: t2([[1, 0, 0], [0, 0, 1]]), bias: tf.zeros([3]) as tf.Tensor1D };
    const oldHead = { weight: t2([[2, 0], [0, 0]]), bias: tf.zeros([2]) as tf.Tensor1D };
    // new CE: sample 0 logits (1,0,0) target 0; sample 1 logits (0,0,1) target 2 → both log(2 + e) − 1
    const newCe = Math.log(2 + Math.E) - 1;
    // old CE on sample 0 only (class 2 is unknown to the old head): logits (2, 0) → log(1 + e^{−2})
    const oldCe = Math.log(1 + Math.exp(-2));
    const loss = influenceLoss(emb, labels, newHead, oldHead, tf.tensor1d([1, 0]), 0.5);
    expect(value(loss)).toBeCloseTo(newCe + 0.5 * oldCe, 5);
  });
});

describe('fixed simplex ETF', () => {
  it('has unit-norm columns with pairwise cosine −1/(K−1)', () => {
    const K = 5;
    const w = simplexEtf(8, K, 3);
    const gram = tf.matMul(w, w, true, false).arraySync() as number[][];
    for (let i = 0; i < K; i++) {
      expect(gram[i][i]).toBeCloseTo(1, 5);
      for (let j = 0; j < K; j++) if (i !== j) expect(gram[i][j]).toBeCloseTo(-1 / (K - 1), 5);
    }
  });

  it('dot-regression loss is zero on the class vector and (w·h − 1)²/2 otherwise', () => {
    const w = simplexEtf(4, 3, 1);
    const h = tf.transpose(w).slice([0, 0], [1, -1]) as tf.Tensor2D; // exactly w_0
    expect(value(dotRegressionLoss(h, w, tf.tensor1d([0], 'int32')))).toBeCloseTo(0, 6);
    // w_1ᵀ w_0 = −1/2 → (−1/2 − 1)² / 2 = 1.125
    expect(value(dotRegressionLoss(h, w, tf.tensor1d([1], 'int32')))).toBeCloseTo(1.125, 5);
  });
});

describe('GDR cluster-adaptive negatives', () => {
  it('matches the formula with s = tanh(q·d), τ = 0.05 and intra-cluster weight r', () => {
    const q = t2([[0.5, 0], [0, 0.5]]);
    const pos = t2([[1, 0], [0, 1]]);
    const intra = tf.tensor3d([[[0.4, 0.2]], [[0, 0.8]]]);
    const r = 0.5, tau = 0.05;
    const e = (s: number) => Math.exp(Math.tanh(s) / tau);
    // query 0: s⁺ = tanh(0.5), in-batch {0.5, 0}, intra {0.2}; query 1: s⁺ = tanh(0.5), in-batch {0, 0.5}, intra {0.4}
    const l0 = -Math.log(e(0.5) / (r * e(0.2) + e(0.5) + e(0)));
    const l1 = -Math.log(e(0.5) / (r * e(0.4) + e(0) + e(0.5)));
    expect(value(gdrNegativeLoss(q, pos, intra, r, tau))).toBeCloseTo((l0 + l1) / 2, 4);
  });
});
