/**
 * Evaluation metrics on plain arrays (and embeddings as tensors where the
 * metric is a matrix computation).
 */
import * as tf from '@tensorflow/tfjs';
import { l2Normalize } from './losses.ts';

/** 1-based ranks; tied values share the average of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]] = rank;
    start = end + 1;
  }
  return ranks;
}

function checkPaired(name: string, x: ArrayLike<number>, y: ArrayLike<number>): void {
  if (x.length !== y.length || x.length < 2) throw new Error(`${name} needs two arrays of the same length ≥ 2, got ${x.length} and ${y.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`${name}: pair ${i} is (${x[i]}, ${y[i]}), not two finite numbers`);
  }
}

/**
 * Whether the values are all equal up to rounding: their range at most 1e-12
 * of their magnitude. Testing the computed Σ(x − x̄)² for 0 instead fails on
 * [0.1, 0.1, 0.1], whose mean is not exactly 0.1 in binary.
 */
function isConstant(x: ArrayLike<number>): boolean {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
  return hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
}

/**
 * Pearson's r. A constant input (see isConstant) gives 0, not the NaN that
 * scipy.stats.pearsonr returns: the correlation is undefined there, and 0
 * ("no evidence of association") keeps a dev metric comparable across epochs
 * when a model's scores collapse. spearman and spearmanTieCorrected agree.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPaired('pearson', x, y);
  if (isConstant(x) || isConstant(y)) return 0;
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  // Rounding can push |r| a hair past 1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ: Pearson correlation of the average ranks (exact with ties); 0 for a constant input, as pearson. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPaired('spearman', x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Tie-corrected closed form (n³ − n − 6Σd² − (Tx + Ty)/2) / sqrt((n³ − n − Tx)(n³ − n − Ty)), T = Σ(t³ − t).
 * All values tied on one side makes the denominator 0: that gives 0, as spearman does.
 */
export function spearmanTieCorrected(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkPaired('spearmanTieCorrected', x, y);
  const rx = averageRanks(x), ry = averageRanks(y);
  const n = rx.length;
  const ties = (values: ArrayLike<number>) => {
    const counts = new Map<number, number>();
    for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
    let t = 0;
    for (const c of counts.values()) t += c ** 3 - c;
    return t;
  };
  const tx = ties(x), ty = ties(y);
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (rx[i] - ry[i]) ** 2;
  const n3 = n ** 3 - n;
  if (tx === n3 || ty === n3) return 0;
  return (n3 - 6 * d2 - (tx + ty) / 2) / Math.sqrt((n3 - tx) * (n3 - ty));
}

/**
 * Each ranking lists document ids best first; `relevant[i]` is query i's
 * relevant id or ids. The ranking metrics below agree on the edge cases:
 * - a document id repeated in a ranking counts once, at its first position
 *   (the repeat still takes its slot in the top k);
 * - a query with no relevant document scores 0, as sklearn.metrics.ndcg_score
 *   scores it, and still counts in the mean;
 * - k = 0 scores 0; k must be an integer ≥ 0 (or Infinity for the whole ranking).
 */
export type Rankings = ArrayLike<number>[];

function checkRankings(name: string, rankings: Rankings, relevant: (number | number[])[], k: number): void {
  if (rankings.length === 0) throw new Error(`${name}: no queries to average over`);
  if (relevant.length !== rankings.length) throw new Error(`${name}: ${rankings.length} rankings but ${relevant.length} relevance lists`);
  if (!(k === Infinity || (Number.isInteger(k) && k >= 0))) throw new RangeError(`${name} needs an integer k ≥ 0, got ${k}`);
}

function relevantSet(r: number | number[]): Set<number> {
  return new Set(Array.isArray(r) ? r : [r]);
}

/** 0-based positions, within the top k, of the first occurrence of each relevant id found there. */
function hitPositions(ranking: ArrayLike<number>, rel: Set<number>, k: number): number[] {
  const seen = new Set<number>();
  const hits: number[] = [];
  for (let i = 0; i < Math.min(k, ranking.length); i++) {
    const id = ranking[i];
    if (rel.has(id) && !seen.has(id)) hits.push(i);
    seen.add(id);
  }
  return hits;
}

/** Fraction of each query's relevant documents found in its top k, averaged over queries. */
export function recallAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  checkRankings('recallAtK', rankings, relevant, k);
  let total = 0;
  rankings.forEach((ranking, q) => {
    const rel = relevantSet(relevant[q]);
    if (rel.size > 0) total += hitPositions(ranking, rel, k).length / rel.size;
  });
  return total / rankings.length;
}

/** Mean of 1/rank of the first relevant document within the top k (0 if none). */
export function mrrAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  checkRankings('mrrAtK', rankings, relevant, k);
  let total = 0;
  rankings.forEach((ranking, q) => {
    const [first] = hitPositions(ranking, relevantSet(relevant[q]), k);
    if (first !== undefined) total += 1 / (first + 1);
  });
  return total / rankings.length;
}

/** nDCG@k with binary relevance: Σ 1/log2(rank + 1) over hits, divided by the ideal. */
export function ndcgAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  checkRankings('ndcgAtK', rankings, relevant, k);
  let total = 0;
  rankings.forEach((ranking, q) => {
    const rel = relevantSet(relevant[q]);
    let ideal = 0;
    for (let i = 0; i < Math.min(k, rel.size); i++) ideal += 1 / Math.log2(i + 2);
    if (ideal === 0) return;
    const dcg = hitPositions(ranking, rel, k).reduce((s, i) => s + 1 / Math.log2(i + 2), 0);
    total += dcg / ideal;
  });
  return total / rankings.length;
}

/** Wang & Isola alignment: E‖f(x) − f(y)‖^α over positive pairs, on normalised embeddings. */
export function alignment(x: tf.Tensor2D, y: tf.Tensor2D, alpha = 2): number {
  return tf.tidy(() => tf.mean(tf.pow(tf.norm(tf.sub(l2Normalize(x), l2Normalize(y)), 2, 1), alpha)).dataSync()[0]);
}

/**
 * Wang & Isola uniformity: log E_{x≠y} e^{−t‖f(x) − f(y)‖²}, on normalised
 * embeddings. A zero row stays the zero vector (it has no direction), so the
 * distances are ‖a‖² + ‖b‖² − 2a·b, not the unit-row 2 − 2a·b.
 */
export function uniformity(x: tf.Tensor2D, t = 2): number {
  if (x.shape[0] < 2) throw new Error(`uniformity needs at least 2 rows, got ${x.shape[0]}`);
  return tf.tidy(() => {
    const n = x.shape[0];
    const z = l2Normalize(x);
    const norms = tf.sum(tf.square(z), 1, true);
    const sq = tf.relu(tf.sub(tf.add(norms, tf.transpose(norms)), tf.mul(2, tf.matMul(z, z, false, true))));
    const offDiagonal = tf.sub(1, tf.eye(n));
    const mean = tf.sum(tf.mul(tf.exp(tf.mul(sq, -t)), offDiagonal)).div(n * (n - 1));
    return tf.log(mean).dataSync()[0];
  });
}

/** Mean pairwise cosine over distinct rows: near 1 when embeddings fill a narrow cone. */
export function anisotropy(x: tf.Tensor2D): number {
  if (x.shape[0] < 2) throw new Error(`anisotropy needs at least 2 rows, got ${x.shape[0]}`);
  return tf.tidy(() => {
    const n = x.shape[0];
    const z = l2Normalize(x);
    const cos = tf.matMul(z, z, false, true);
    return tf.sum(cos).sub(tf.sum(tf.mul(cos, tf.eye(n)))).div(n * (n - 1)).dataSync()[0];
  });
}

export function accuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) right++;
  return right / truth.length;
}

/** F1 of the positive class (label 1). */
export function f1(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i] === 1 && truth[i] === 1) tp++;
    else if (predicted[i] === 1) fp++;
    else if (truth[i] === 1) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * The threshold on a score that maximises accuracy of "score > threshold ⇒ 1",
 * found by one scan of the sorted scores (each midpoint is a candidate).
 */
export function bestThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): { threshold: number; accuracy: number } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  // Threshold below everything: all predicted 1.
  let correct = positives;
  let best = { threshold: scores[order[0]] - 1, accuracy: correct / labels.length };
  for (let i = 0; i < order.length; i++) {
    correct += labels[order[i]] === 1 ? -1 : 1; // this item now falls at or below the threshold
    const nextScore = i + 1 < order.length ? scores[order[i + 1]] : scores[order[i]] + 1;
    if (nextScore === scores[order[i]]) continue; // cannot split between equal scores
    if (correct / labels.length > best.accuracy) best = { threshold: (scores[order[i]] + nextScore) / 2, accuracy: correct / labels.length };
  }
  return best;
}
