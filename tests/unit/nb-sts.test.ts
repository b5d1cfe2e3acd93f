import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { StsDataset } from '../../notebooks/data.ts';
import { trainStsEncoder } from '../../notebooks/sts.ts';

const pairs = [
  { a: 'a large dog barks', b: 'a big dog barking', score: 1 },
  { a: 'a small cat sleeps', b: 'a tiny cat sleeping', score: 0.9 },
  { a: 'the river flows', b: 'water moving in a stream', score: 0.6 },
  { a: 'a red car', b: 'music played loudly', score: 0 },
  { a: 'cold winter night', b: 'a chilly evening in winter', score: 0.8 },
  { a: 'a tall tree', b: 'a fast computer', score: 0.1 },
  { a: 'eat an apple', b: 'bite into fruit', score: 0.7 },
  { a: 'a loud noise', b: 'a quiet library', score: 0.2 },
];
const data: StsDataset = { name: 'wn-sts', version: 'test', train: pairs, dev: pairs, test: pairs };

describe('STS training', () => {
  it('builds the bag encoder at the requested size', async () => {
    await tf.setBackend('cpu');
    const { encoder } = await trainStsEncoder(data, { bag: { featureDim: 256, hidden: 12, dim: 6 }, epochs: 1, batchSize: 4, seed: 3 });
    try {
      expect(encoder.dim).toBe(6);
      expect(encoder.variables.map((v) => v.shape)).toEqual([[256, 12], [12, 6], [6]]);
      const out = encoder.encode(['a dog']);
      expect(out.shape).toEqual([1, 6]);
      out.dispose();
    } finally {
      encoder.dispose();
    }
  });

  it('keeps the default encoder size when no size is given', async () => {
    await tf.setBackend('cpu');
    const { encoder } = await trainStsEncoder(data, { epochs: 1, batchSize: 8, seed: 3 });
    try {
      expect(encoder.variables.map((v) => v.shape)).toEqual([[1 << 14, 256], [256, 128], [128]]);
    } finally {
      encoder.dispose();
    }
  });
});
