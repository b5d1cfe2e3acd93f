/**
 * The browser's query encoder is hand-written arithmetic over int8 weights; it
 * must give the vector the trained BagEncoder gives, and the shipped file must
 * read back as written.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BagEncoder } from '../../notebooks/encoders.ts';
import { l2Normalize } from '../../notebooks/losses.ts';
import { denseFeatures, encodeQuery, nearestPages, packIndex, quantize, unpackIndex, type DenseIndex } from '../../src/search/dense/model.ts';

function indexFrom(encoder: BagEncoder, hidden: number, dim: number): DenseIndex {
  const [table, projection, bias] = encoder.variables.map((v) => v.dataSync() as Float32Array);
  const clip = Math.max(...Array.from(table, Math.abs));
  const q = quantize(table, clip);
  const vectors = quantize(Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]), 1);
  return {
    hidden,
    dim,
    table: q.data,
    tableScale: q.scale,
    projection: Float32Array.from(projection),
    bias: Float32Array.from(bias),
    pages: [
      { path: '/a/', title: 'A' },
      { path: '/zh-cn/b/', title: 'B' },
    ],
    vectors: vectors.data,
    vectorScale: vectors.scale,
  };
}

describe('the dense query encoder', () => {
  const encoder = new BagEncoder({ features: denseFeatures, hidden: 6, dim: 4, seed: 3 });
  const index = indexFrom(encoder, 6, 4);

  it('gives the BagEncoder’s unit vector within int8 rounding', () => {
    for (const text of ['backfilling embeddings', '接雨水', 'BERT 面试题']) {
      const expected = tf.tidy(() => l2Normalize(encoder.encode([text])).dataSync());
      const got = encodeQuery(index, text);
      for (let d = 0; d < 4; d++) expect(Math.abs(got[d] - expected[d])).toBeLessThan(0.03);
    }
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

  it('ranks pages by the dot product of unit vectors', () => {
    const q = encodeQuery(index, 'query');
    const ranked = nearestPages(index, 'query', 2);
    const expected = [q[0], q[1]].map((s) => s * 127 * index.vectorScale);
    expect(ranked.map((r) => r.score).sort((a, b) => b - a)).toEqual(expected.sort((a, b) => b - a).map((s) => expect.closeTo(s, 6)));
  });
});
