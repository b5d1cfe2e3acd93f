/**
 * The browser's query encoder is hand-written arithmetic over 4-bit weights;
 * it must give the vector the trained BagEncoder gives, and the shipped file
 * must read back as written.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BagEncoder } from '../../notebooks/encoders.ts';
import { defaultDenseTraining } from '../../src/search/dense/train.ts';
import { l2Normalize } from '../../notebooks/losses.ts';
import { denseFeatures, encodeQuery, nearestPages, packIndex, quantize, tableLevels, unpackIndex, type DenseIndex } from '../../src/search/dense/model.ts';

function indexFrom(encoder: BagEncoder, hidden: number, dim: number): DenseIndex {
  const [table, projection, bias] = encoder.variables.map((v) => v.dataSync() as Float32Array);
  const clip = table.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
  const q = quantize(table, clip, tableLevels);
  const vectors = quantize(Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]), 1);
  return {
    hidden,
    dim,
    table: q.data,
    tableScale: q.scale,
    projection: Float32Array.from(projection),
    bias: Float32Array.from(bias),
    pages: [
      { path: '/a/', title: 'A', fragment: 'en_5c21708' },
      { path: '/zh-cn/b/', title: 'B' },
    ],
    vectors: vectors.data,
    vectorScale: vectors.scale,
  };
}

describe('the dense query encoder', () => {
  const encoder = new BagEncoder({ features: denseFeatures, hidden: 6, dim: 4, seed: 3 });
  const index = indexFrom(encoder, 6, 4);

  it('computes what the BagEncoder computes with the weights it ships', () => {
    // The 4-bit rounding is the file's choice, measured on the search bench's
    // dev queries; here the encoder gets the rounded table, so any difference
    // left is the hand-written arithmetic's.
    const { hidden, dim } = defaultDenseTraining;
    const shipped = new BagEncoder({ features: denseFeatures, hidden, dim, seed: 3 });
    const shippedIndex = indexFrom(shipped, hidden, dim);
    shipped.variables[0].assign(tf.tensor(Float32Array.from(shippedIndex.table, (w) => w * shippedIndex.tableScale), shipped.variables[0].shape));
    for (const text of ['backfilling embeddings', '接雨水', 'BERT 面试题']) {
      const expected = tf.tidy(() => l2Normalize(shipped.encode([text])).dataSync());
      const got = encodeQuery(shippedIndex, text);
      for (let d = 0; d < dim; d++) expect(got[d]).toBeCloseTo(expected[d], 5);
    }
    shipped.dispose();
  });

  it('reads back from its file exactly as written', () => {
    const back = unpackIndex(packIndex(index).slice().buffer);
    expect(back.pages).toEqual(index.pages);
    expect([...back.table]).toEqual([...index.table]);
    expect([...back.vectors]).toEqual([...index.vectors]);
    expect([...back.projection]).toEqual([...index.projection]);
    expect([...back.bias]).toEqual([...index.bias]);
    expect(back.tableScale).toBe(index.tableScale);
  });

  it('stores two table weights a byte and refuses a weight outside ±7', () => {
    const packed = packIndex(index).length;
    // Two more hidden units: 2 × 4,096 more table weights (half a byte each) and 2 × 4 more projection floats.
    const bigger = packIndex({ ...index, hidden: 8, table: new Int8Array(8 * denseFeatures.dim), projection: new Float32Array(8 * 4) }).length;
    expect(bigger - packed).toBe((2 * denseFeatures.dim) / 2 + 2 * 4 * 4);
    expect(() => packIndex({ ...index, table: Int8Array.from(index.table, (w, i) => (i === 5 ? 8 : w)) })).toThrow(RangeError);
  });

  it('ranks pages by the dot product of unit vectors', () => {
    const q = encodeQuery(index, 'query');
    const ranked = nearestPages(index, 'query', 2);
    const expected = [q[0], q[1]].map((s) => s * 127 * index.vectorScale);
    expect(ranked.map((r) => r.score).sort((a, b) => b - a)).toEqual(expected.sort((a, b) => b - a).map((s) => expect.closeTo(s, 6)));
  });
});
