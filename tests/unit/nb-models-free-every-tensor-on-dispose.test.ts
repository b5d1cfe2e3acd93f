import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BagEncoder, TransformerEncoder } from '../../notebooks/encoders.ts';
import { InstructedEncoder } from '../../notebooks/instructor.ts';
import { CrossEncoder } from '../../notebooks/rerank.ts';

const small = { dim: 256, charNgrams: [3], words: true, wordBigrams: false };

describe('models leave no tensor behind once disposed', () => {
  const cases: [string, () => { dispose(): void }][] = [
    ['BagEncoder', () => new BagEncoder({ seed: 1, hidden: 8, dim: 4, features: small })],
    ['TransformerEncoder', () => new TransformerEncoder({ seed: 1, vocab: 64, maxLen: 8, dim: 8, heads: 2, layers: 1, ffn: 16 })],
    ['CrossEncoder', () => new CrossEncoder({ seed: 1, hidden: 8, features: small })],
    ['InstructedEncoder', () => new InstructedEncoder({ seed: 1, hidden: 8, dim: 4, features: small })],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const before = tf.memory().numTensors;
      const model = make();
      expect(tf.memory().numTensors).toBeGreaterThan(before);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
