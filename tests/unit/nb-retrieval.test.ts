import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { clusterIdsFromPaths, gdrSearch, hierarchicalKMeans, kMeans, topK } from '../../notebooks/retrieval.ts';
import { Rng } from '../../notebooks/random.ts';

function blobs(centres: number[][], perBlob: number, spread: number, seed: number): { x: tf.Tensor2D; truth: number[] } {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, b) => {
    for (let i = 0; i < perBlob; i++) {
      rows.push(c.map((v) => v + (rng.next() - 0.5) * spread));
      truth.push(b);
    }
  });
  return { x: tf.tensor2d(rows), truth };
}

describe('exact top-k', () => {
  it('ranks by cosine, or by dot product', () => {
    const docs = tf.tensor2d([[1, 0], [0, 1], [10, 1]]);
    const q = tf.tensor2d([[1, 0]]);
    expect(topK(q, docs, 2).indices[0]).toEqual([0, 2]);
    expect(topK(q, docs, 2, { metric: 'dot' }).indices[0]).toEqual([2, 0]);
    expect(topK(q, docs, 3, { block: 1 }).indices[0]).toEqual([0, 2, 1]);
  });
});

describe('k-means', () => {
  it('recovers separable clusters exactly', () => {
    const { x, truth } = blobs([[0, 0], [10, 0], [0, 10]], 40, 1, 7);
    const { assignments, centroids } = kMeans(x, 3, { seed: 1 });
    // same partition up to relabelling
    const mapping = new Map<number, number>();
    assignments.forEach((c, i) => {
      if (!mapping.has(c)) mapping.set(c, truth[i]);
      expect(mapping.get(c)).toBe(truth[i]);
    });
    expect(mapping.size).toBe(3);
    const sorted = (centroids.arraySync() as number[][]).map((c) => c.map(Math.round).join(',')).sort();
    expect(sorted).toEqual(['0,0', '0,10', '10,0']);
  });

  it('hierarchical k-means gives leaves no larger than leafSize, and clusters are paths without the last position', () => {
    const { x } = blobs([[0, 0], [10, 0], [0, 10], [10, 10]], 25, 4, 3);
    const paths = hierarchicalKMeans(x, { branching: 3, leafSize: 10, seed: 2 });
    const { ids, names } = clusterIdsFromPaths(paths);
    const sizes = new Map<number, number>();
    ids.forEach((c) => sizes.set(c, (sizes.get(c) ?? 0) + 1));
    for (const s of sizes.values()) expect(s).toBeLessThanOrEqual(10);
    expect(new Set(paths.map((p) => p.join('-'))).size).toBe(100); // every item has its own path
    expect(names.length).toBe(sizes.size);
  });
});

describe('GDR two-stage search', () => {
  it('searches only the beam clusters and adds α · softmax of the beam scores', () => {
    const docs = tf.tensor2d([[1, 0], [0.9, 0.1], [0, 1], [0.2, 0.9]]);
    const clusters = new Int32Array([0, 0, 1, 1]);
    const q = tf.tensor2d([[1, 0]]);
    const clusterScores = tf.tensor2d([[0, 5]]); // the cluster model prefers cluster 1
    const narrow = gdrSearch(q, docs, clusters, clusterScores, { beam: 1, alpha: 1, k: 4 });
    expect(narrow.indices[0]).toEqual([3, 2]);
    expect(narrow.scores[0][0]).toBeCloseTo(Math.tanh(0.2) + 1, 5);
    const wide = gdrSearch(q, docs, clusters, clusterScores, { beam: 2, alpha: 0, k: 4 });
    expect(wide.indices[0]).toEqual([0, 1, 3, 2]);
    const w1 = Math.exp(5) / (1 + Math.exp(5));
    const boosted = gdrSearch(q, docs, clusters, clusterScores, { beam: 2, alpha: 3, k: 1 });
    expect(boosted.indices[0]).toEqual([3]);
    expect(boosted.scores[0][0]).toBeCloseTo(Math.tanh(0.2) + 3 * w1, 5);
  });
});
