import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { StsDataset } from '../../notebooks/data.ts';
import { trainStsEncoder } from '../../notebooks/sts.ts';
import { stsPairs as pairs } from '../fixtures/sts-pairs.ts';

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
