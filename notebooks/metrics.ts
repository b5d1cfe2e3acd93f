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

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length || n < 2) throw new Error('pearson needs two arrays of the same length ≥ 2');
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson correlation of the average ranks (exact with ties). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** Tie-corrected closed form (n³ − n − 6Σd² − (Tx + Ty)/2) / sqrt((n³ − n − Tx)(n³ − n − Ty)), T = Σ(t³ − t). */
export function spearmanTieCorrected(x: ArrayLike<number>, y: ArrayLike<number>): number {
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
  return (n3 - 6 * d2 - (tx + ty) / 2) / Math.sqrt((n3 - tx) * (n3 - ty));
}

/** Each ranking lists document ids best first; `relevant[i]` is query i's set of relevant ids. */
export type Rankings = ArrayLike<number>[];

function relevantSet(r: number | number[]): Set<number> {
  return new Set(Array.isArray(r) ? r : [r]);
}

/** Fraction of each query's relevant documents found in its top k, averaged over queries. */
export function recallAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  let total = 0;
  rankings.forEach((ranking, q) => {
    const rel = relevantSet(relevant[q]);
    let hits = 0;
    for (let i = 0; i < Math.min(k, ranking.length); i++) if (rel.has(ranking[i])) hits++;
    total += hits / rel.size;
  });
  return total / rankings.length;
}

/** Mean of 1/rank of the first relevant document within the top k (0 if none). */
export function mrrAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  let total = 0;
  rankings.forEach((ranking, q) => {
    const rel = relevantSet(relevant[q]);
    for (let i = 0; i < Math.min(k, ranking.length); i++) {
      if (rel.has(ranking[i])) { total += 1 / (i + 1); break; }
    }
  });
  return total / rankings.length;
}

/** nDCG@k with binary relevance: Σ 1/log2(rank + 1) over hits, divided by the ideal. */
export function ndcgAtK(rankings: Rankings, relevant: (number | number[])[], k: number): number {
  let total = 0;
  rankings.forEach((ranking, q) => {
    const rel = relevantSet(relevant[q]);
    let dcg = 0, ideal = 0;
    for (let i = 0; i < Math.min(k, ranking.length); i++) if (rel.has(ranking[i])) dcg += 1 / Math.log2(i + 2);
    for (let i = 0; i < Math.min(k, rel.size); i++) ideal += 1 / Math.log2(i + 2);
    total += dcg / ideal;
  });
  return total / rankings.length;
}

/** Wang & Isola alignment: E‖f(x) − f(y)‖^α over positive pairs, on normalised embeddings. */
export function alignment(x: tf.Tensor2D, y: tf.Tensor2D, alpha = 2): number {
  return tf.tidy(() => tf.mean(tf.pow(tf.norm(tf.sub(l2Normalize(x), l2Normalize(y)), 2, 1), alpha)).dataSync()[0]);
}

/** Wang & Isola uniformity: log E_{x≠y} e^{−t‖f(x) − f(y)‖²}, on normalised embeddings. */
export function uniformity(x: tf.Tensor2D, t = 2): number {
  return tf.tidy(() => {
    const n = x.shape[0];
    const z = l2Normalize(x);
    // ‖a − b‖² = 2 − 2 a·b for unit vectors
    const sq = tf.sub(2, tf.mul(2, tf.matMul(z, z, false, true)));
    const offDiagonal = tf.sub(1, tf.eye(n));
    const mean = tf.sum(tf.mul(tf.exp(tf.mul(sq, -t)), offDiagonal)).div(n * (n - 1));
    return tf.log(mean).dataSync()[0];
  });
}

/** Mean pairwise cosine over distinct rows: near 1 when embeddings fill a narrow cone. */
export function anisotropy(x: tf.Tensor2D): number {
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
