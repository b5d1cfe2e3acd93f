import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from '../../notebooks/bag.ts';
import { hashedFeatures } from '../../notebooks/text.ts';

const options = { dim: 128, charNgrams: [3], words: true, wordBigrams: false };

describe('HashedBagEmbedding', () => {
  it('embeds a text as the mean of its features’ table rows, and an empty text as zeros', () => {
    const bag = new HashedBagEmbedding(options, 4, 7);
    const table = bag.table.arraySync() as number[][];
    const features = hashedFeatures('dense retrieval', options);
    const expected = [0, 1, 2, 3].map((c) => features.reduce((s, f) => s + table[f][c], 0) / features.length);
    const got = bag.embed(['dense retrieval', '']).arraySync();
    got[0].forEach((v, c) => expect(v).toBeCloseTo(expected[c], 5));
    expect(got[1]).toEqual([0, 0, 0, 0]);
    bag.table.dispose();
  });

  it('passes gradients to the table rows of the features it read', () => {
    const bag = new HashedBagEmbedding(options, 4, 7);
    const features = new Set(bag.features('query'));
    const { grads } = tf.variableGrads(() => bag.embed(['query']).sum() as tf.Scalar, [bag.table]);
    const rows = (grads[bag.table.name].abs().sum(1).arraySync() as number[]).map((g, i) => [i, g] as const);
    for (const [i, g] of rows) expect(g > 0, `row ${i}`).toBe(features.has(i));
    tf.dispose(grads);
    bag.table.dispose();
  });
});
