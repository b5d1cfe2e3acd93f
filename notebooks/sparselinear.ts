/**
 * Linear classifiers over sparse hashed text features, trained by full-batch
 * Adam in plain TypeScript (a sparse row touches only its own features, which
 * dense tensors cannot exploit), and the metrics of binary decisions used
 * with them: precision/recall/F1, balanced accuracy, MCC, average precision,
 * ROC-AUC and the F1-optimal threshold.
 */
import { hashedFeatures, type FeatureOptions } from './text.ts';

/** Feature indices and values of one example. */
export interface SparseRow {
  index: number[];
  value: number[];
}

/** L2-normalised hashed feature counts of a text. */
export function hashedSparseRow(text: string, options: FeatureOptions): SparseRow {
  const counts = new Map<number, number>();
  for (const j of hashedFeatures(text, options)) counts.set(j, (counts.get(j) ?? 0) + 1);
  const norm = Math.sqrt([...counts.values()].reduce((s, c) => s + c * c, 0)) || 1;
  return { index: [...counts.keys()], value: [...counts.values()].map((c) => c / norm) };
}

/** Cosine of two rows of `hashedSparseRow`: both have unit length, so it is their dot product over the features they share. */
export function sparseCosine(x: SparseRow, y: SparseRow): number {
  const weights = new Map(x.index.map((j, k) => [j, x.value[k]]));
  return y.index.reduce((dot, j, k) => dot + (weights.get(j) ?? 0) * y.value[k], 0);
}

/** dLoss/dz of one example with logit z and label y ∈ {0, 1}. */
export type LogitGradient = (z: number, y: number) => number;

/** Cross-entropy on a logit: σ(z) − y. */
export const logisticGradient: LogitGradient = (z, y) => 1 / (1 + Math.exp(-z)) - y;

export interface SparseLogisticOptions {
  steps: number;
  learningRate: number;
  gradient: LogitGradient;
  /** Added to the logit inside the loss only (logit-adjusted training); 0 by default. */
  priorShift: number;
}

/**
 * Logistic-style regression on sparse rows from zero weights, by full-batch Adam
 * (β₁ 0.9, β₂ 0.999, ε 1e-8) on the mean loss. Returns the logit function.
 */
export function trainSparseLogistic(rows: SparseRow[], labels: number[], dim: number, options: Partial<SparseLogisticOptions> = {}): (x: SparseRow[]) => number[] {
  const { steps, learningRate: lr, gradient, priorShift } = { steps: 150, learningRate: 0.05, gradient: logisticGradient, priorShift: 0, ...options };
  const w = new Float64Array(dim + 1); // the last entry is the bias
  const m = new Float64Array(dim + 1);
  const v = new Float64Array(dim + 1);
  for (let step = 1; step <= steps; step++) {
    const g = new Float64Array(dim + 1);
    rows.forEach((row, i) => {
      let z = w[dim] + priorShift;
      row.index.forEach((j, k) => (z += w[j] * row.value[k]));
      const dz = gradient(z, labels[i]) / rows.length;
      row.index.forEach((j, k) => (g[j] += dz * row.value[k]));
      g[dim] += dz;
    });
    for (let j = 0; j <= dim; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (lr * (m[j] / (1 - 0.9 ** step))) / (Math.sqrt(v[j] / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return (x: SparseRow[]) => x.map((row) => row.index.reduce((z, j, k) => z + w[j] * row.value[k], w[dim]));
}

export interface BinaryScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  balancedAccuracy: number;
  mcc: number;
}

/** Scores of 0/1 predictions for the positive class (label 1). */
export function binaryScores(predicted: number[], truth: number[]): BinaryScores {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  predicted.forEach((p, i) => {
    if (p === 1 && truth[i] === 1) tp++;
    else if (p === 1) fp++;
    else if (truth[i] === 1) fn++;
    else tn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const mccDen = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return { accuracy: (tp + tn) / truth.length, precision, recall, f1, balancedAccuracy: (recall + tn / (tn + fp)) / 2, mcc: mccDen === 0 ? 0 : (tp * tn - fp * fn) / mccDen };
}

/** Mean of the precision at the rank of each positive, scores sorted high to low. */
export function averagePrecision(scores: number[], truth: number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  let hits = 0;
  let sum = 0;
  order.forEach(([, i], rank) => {
    if (truth[i] === 1) sum += ++hits / (rank + 1);
  });
  return sum / hits;
}

/** ROC-AUC from ranks (Mann–Whitney), tied scores sharing their average rank. */
export function rocAuc(scores: number[], truth: number[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const nPos = truth.filter((t) => t === 1).length;
  const nNeg = truth.length - nPos;
  const rankSum = truth.reduce((s, t, i) => s + (t === 1 ? ranks[i] : 0), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** The threshold t maximising F1 of "score ≥ t", by one sweep over the sorted scores (ties move together). */
export function bestF1Threshold(scores: number[], truth: number[]): { threshold: number; f1: number } {
  const order = scores.map((s, i) => [s, truth[i]] as const).sort((a, b) => b[0] - a[0]);
  const totalPos = truth.filter((t) => t === 1).length;
  let tp = 0;
  let fp = 0;
  let best = { threshold: Infinity, f1: 0 };
  for (let i = 0; i < order.length; i++) {
    if (order[i][1] === 1) tp++;
    else fp++;
    if (i + 1 < order.length && order[i + 1][0] === order[i][0]) continue;
    const f1 = (2 * tp) / (2 * tp + fp + (totalPos - tp));
    if (f1 > best.f1) best = { threshold: order[i][0], f1 };
  }
  return best;
}
