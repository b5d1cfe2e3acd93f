import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { bidirectionalLoss, InstructedEncoder } from '../../notebooks/instructor.ts';

describe('INSTRUCTOR bidirectional loss', () => {
  it('averages the query→document and document→query cross-entropies of cos / γ', () => {
    const q = tf.tensor2d([[1, 0], [0, 1]]);
    const d = tf.tensor2d([[2, 0], [0, 3]]);
    // each row: logits (1, 0) with the 1 correct → log(1 + e^{-1}), in both directions
    expect(bidirectionalLoss(q, d, [0, 1], 1).dataSync()[0]).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
    // γ = 0.5 doubles the margin
    expect(bidirectionalLoss(q, d, [0, 1], 0.5).dataSync()[0]).toBeCloseTo(Math.log(1 + Math.exp(-2)), 5);
  });

  it('drops candidates of the same group instead of treating them as negatives', () => {
    const q = tf.tensor2d([[1, 0], [0, 1]]);
    expect(bidirectionalLoss(q, q, [7, 7], 1).dataSync()[0]).toBeCloseTo(0, 5);
  });
});

describe('instructed encoder', () => {
  const texts = ['a domestic animal kept as a pet', 'move fast on foot'];

  it('pools the text only: with no modulation learned, the instruction changes nothing', () => {
    const encoder = new InstructedEncoder({ features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 8, dim: 4, seed: 3 });
    const plain = encoder.encode(['', ''], texts).arraySync();
    const told = encoder.encode(['Represent the definition for retrieval:', 'Represent the definition for retrieval:'], texts).arraySync();
    plain.forEach((row, i) => row.forEach((v, j) => expect(told[i][j]).toBeCloseTo(v, 6)));
  });

  it('lets the instruction condition the embedding once the modulation is non-zero', () => {
    const encoder = new InstructedEncoder({ features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 8, dim: 4, seed: 3 });
    const film = encoder.variables[1];
    film.assign(tf.randomNormal(film.shape, 0, 1, 'float32', 4));
    const a = encoder.encode(['Represent the definition for retrieval:'], texts.slice(0, 1));
    const b = encoder.encode(['Represent the definition for classification:'], texts.slice(0, 1));
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(1e-3);
    expect(a.shape).toEqual([1, 4]);
  });
});
