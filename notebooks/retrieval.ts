/**
 * Exact nearest-neighbour search, k-means clustering and GDR's
 * cluster-then-retrieve search.
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize, oneHotRows } from './losses.ts';
import { Rng } from './random.ts';

export interface TopK {
  indices: number[][];
  scores: number[][];
}

/**
 * Exact top-k of every query over all documents, by cosine (default) or dot
 * product, a block of queries at a time so the score matrix stays small.
 */
export function topK(queries: tf.Tensor2D, docs: tf.Tensor2D, k: number, options: { metric?: 'cosine' | 'dot'; block?: number } = {}): TopK {
  const { metric = 'cosine', block = 256 } = options;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`topK needs an integer k ≥ 0, got ${k}`);
  if (queries.shape[1] !== docs.shape[1]) throw new Error(`queries of width ${queries.shape[1]} against documents of width ${docs.shape[1]}`);
  const kk = Math.min(k, docs.shape[0]);
  if (kk === 0) return { indices: Array.from({ length: queries.shape[0] }, () => []), scores: Array.from({ length: queries.shape[0] }, () => []) };
  const out: TopK = { indices: [], scores: [] };
  // Transposed once up front: WASM's matMul with transposeB is about three times
  // slower than a plain product, and the documents are reused for every block.
  const d = tf.tidy(() => tf.transpose(metric === 'cosine' ? l2Normalize(docs) : docs)) as tf.Tensor2D;
  try {
    for (let start = 0; start < queries.shape[0]; start += block) {
      const size = Math.min(block, queries.shape[0] - start);
      const [vals, idx] = tf.tidy(() => {
        let q = queries.slice([start, 0], [size, -1]);
        if (metric === 'cosine') q = l2Normalize(q);
        const { values, indices } = tf.topk(tf.matMul(q, d), kk);
        return [values, indices];
      });
      const v = vals.arraySync() as number[][];
      const i = idx.arraySync() as number[][];
      vals.dispose();
      idx.dispose();
      out.scores.push(...v);
      out.indices.push(...i);
    }
  } finally {
    d.dispose();
  }
  return out;
}

/** Squared Euclidean distances [n, k] between rows of x and centroids. */
function squaredDistances(x: tf.Tensor2D, centroids: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const xx = tf.sum(tf.square(x), 1, true);
    const cc = tf.sum(tf.square(centroids), 1).expandDims(0);
    return tf.maximum(tf.add(tf.sub(xx, tf.mul(2, tf.matMul(x, centroids, false, true))), cc), 0) as tf.Tensor2D;
  });
}

function nearestCentroid(x: tf.Tensor2D, centroids: tf.Tensor2D, block = 8192): Int32Array {
  const out = new Int32Array(x.shape[0]);
  for (let start = 0; start < x.shape[0]; start += block) {
    const size = Math.min(block, x.shape[0] - start);
    const idx = tf.tidy(() => tf.argMin(squaredDistances(x.slice([start, 0], [size, -1]), centroids), 1));
    out.set(idx.dataSync(), start);
    idx.dispose();
  }
  return out;
}

export interface KMeansResult {
  centroids: tf.Tensor2D;
  assignments: Int32Array;
  iterations: number;
}

/**
 * Lloyd's k-means with k-means++ seeding; stops when no assignment changes.
 * Runs on the data minus its mean: distances come from ‖x‖² − 2x·c + ‖c‖²,
 * which loses every digit to float32 cancellation when the points sit far
 * from the origin (at an offset of 3000, points went to farther centroids
 * and the loop never settled). The centroids are returned in the data's own
 * coordinates.
 */
export function kMeans(data: tf.Tensor2D, k: number, options: { seed: number; maxIterations?: number }): KMeansResult {
  const { seed, maxIterations = 25 } = options;
  const n = data.shape[0];
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k-means needs an integer k ≥ 1, got ${k}`);
  if (k > n) throw new Error(`k-means with k = ${k} on ${n} points`);
  const mean = tf.mean(data, 0, true);
  const x = tf.sub(data, mean) as tf.Tensor2D;
  const rng = new Rng(seed);
  // k-means++: each next centre drawn with probability ∝ squared distance to the nearest chosen one.
  const chosen = [rng.int(n)];
  const minDist = new Float32Array(n).fill(Infinity);
  while (chosen.length < k) {
    const dist = tf.tidy(() => squaredDistances(x, x.slice([chosen[chosen.length - 1], 0], [1, -1])).dataSync());
    for (let i = 0; i < n; i++) minDist[i] = Math.min(minDist[i], dist[i]);
    chosen.push(rng.weighted(minDist));
  }
  let centroids = tf.gather(x, chosen) as tf.Tensor2D;
  let assignments = nearestCentroid(x, centroids);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const next = tf.tidy(() => {
      const membership = oneHotRows(tf.tensor1d(assignments, 'int32'), k); // [n, k]
      const sums = tf.matMul(membership, x, true, false);
      const counts = tf.sum(membership, 0).expandDims(1);
      // An empty cluster keeps its previous centre.
      return tf.where(tf.greater(counts, 0).tile([1, x.shape[1]]), tf.div(sums, tf.maximum(counts, 1)), centroids) as tf.Tensor2D;
    });
    centroids.dispose();
    centroids = next;
    const updated = nearestCentroid(x, centroids);
    const changed = updated.some((c, i) => c !== assignments[i]);
    assignments = updated;
    if (!changed) break;
  }
  const placed = tf.add(centroids, mean) as tf.Tensor2D;
  tf.dispose([centroids, mean, x]);
  return { centroids: placed, assignments, iterations };
}

/**
 * NCI-style hierarchical k-means identifiers: split into `branching` clusters
 * until a group has at most `leafSize` items; an item's path is its cluster
 * number at each level, then its position in the leaf.
 */
export function hierarchicalKMeans(x: tf.Tensor2D, options: { branching: number; leafSize: number; seed: number }): number[][] {
  const { branching, leafSize, seed } = options;
  const paths: number[][] = Array.from({ length: x.shape[0] }, () => []);
  const rng = new Rng(seed);
  const split = (members: number[]) => {
    if (members.length <= leafSize) {
      members.forEach((m, position) => paths[m].push(position));
      return;
    }
    const sub = tf.gather(x, members) as tf.Tensor2D;
    const { centroids, assignments } = kMeans(sub, Math.min(branching, members.length), { seed: rng.seed() });
    sub.dispose();
    centroids.dispose();
    let groups: number[][] = Array.from({ length: Math.min(branching, members.length) }, () => []);
    assignments.forEach((c, i) => groups[c].push(members[i]));
    groups = groups.filter((g) => g.length > 0);
    // Identical points cannot be separated by k-means: cut them into equal chunks instead.
    if (groups.length === 1) {
      const chunk = Math.ceil(members.length / branching);
      groups = Array.from({ length: Math.ceil(members.length / chunk) }, (_, c) => members.slice(c * chunk, (c + 1) * chunk));
    }
    groups.forEach((g, c) => {
      for (const m of g) paths[m].push(c);
      split(g);
    });
  };
  split(Array.from({ length: x.shape[0] }, (_, i) => i));
  return paths;
}

/** Cluster identifiers from paths: a cluster is a path without its last position; returns a dense id per item. */
export function clusterIdsFromPaths(paths: number[][]): { ids: Int32Array; names: string[] } {
  const byName = new Map<string, number>();
  const ids = new Int32Array(paths.length);
  paths.forEach((p, i) => {
    const name = p.slice(0, -1).join('-');
    let id = byName.get(name);
    if (id === undefined) {
      id = byName.size;
      byName.set(name, id);
    }
    ids[i] = id;
  });
  return { ids, names: [...byName.keys()] };
}

export interface GdrSearchOptions {
  /** Clusters kept per query. */
  beam: number;
  /** Weight of the cluster score in the final score. */
  alpha: number;
  k: number;
}

/**
 * GDR's two-stage search: the cluster model's scores pick the `beam` best
 * clusters; every document inside them is scored
 * S(q, d) = tanh(q·d) + α · softmax_c(beam score) over the kept clusters.
 */
export function gdrSearch(queries: tf.Tensor2D, docs: tf.Tensor2D, docCluster: Int32Array, clusterScores: tf.Tensor2D, options: GdrSearchOptions): TopK {
  const { beam, alpha, k } = options;
  const members: number[][] = [];
  docCluster.forEach((c, d) => (members[c] ??= []).push(d));
  const beamResult = tf.tidy(() => {
    const { values, indices } = tf.topk(clusterScores, Math.min(beam, clusterScores.shape[1]));
    return [tf.softmax(values), indices];
  });
  const weights = beamResult[0].arraySync() as number[][];
  const clusters = beamResult[1].arraySync() as number[][];
  tf.dispose(beamResult);
  const out: TopK = { indices: [], scores: [] };
  for (let q = 0; q < queries.shape[0]; q++) {
    const candidates: number[] = [];
    const bonus: number[] = [];
    clusters[q].forEach((c, rank) => {
      for (const d of members[c] ?? []) {
        candidates.push(d);
        bonus.push(alpha * weights[q][rank]);
      }
    });
    const scores = tf.tidy(() => {
      const cand = tf.gather(docs, tf.tensor1d(candidates, 'int32'));
      const dot = tf.matMul(queries.slice([q, 0], [1, -1]), cand, false, true).squeeze([0]);
      return tf.add(tf.tanh(dot), tf.tensor1d(bonus));
    });
    const s = scores.dataSync();
    scores.dispose();
    const order = Array.from(s.keys()).sort((a, b) => s[b] - s[a]).slice(0, k);
    out.indices.push(order.map((i) => candidates[i]));
    out.scores.push(order.map((i) => s[i]));
  }
  return out;
}
