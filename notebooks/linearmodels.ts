/**
 * Small linear models on plain arrays: ridge regression by its normal
 * equations, and multinomial logistic (softmax) regression over sparse rows
 * trained by full-batch Adam with an L2 penalty and optional inverted dropout
 * on the inputs.
 */
import { Rng } from './rng.ts';

/** Solves A w = b by Gaussian elimination with partial pivoting (A square, non-singular). */
export function solveLinearSystem(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const w = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) w[r] = (M[r][n] - M[r].slice(r + 1, n).reduce((s, a, k) => s + a * w[r + 1 + k], 0)) / M[r][r];
  return w;
}

/** Ridge regression: w = (XᵀX + λI)⁻¹ Xᵀy. */
export function ridgeRegression(X: number[][], y: number[], lambda: number): number[] {
  const d = X[0].length;
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? lambda : 0)));
  const b = Array.from({ length: d }, (_, i) => X.reduce((s, row, r) => s + row[i] * y[r], 0));
  return solveLinearSystem(A, b);
}

export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / s);
}

/** Logits of a sparse row under weights W (K × D, row-major) and biases b. */
export function sparseLogits(W: Float64Array, b: Float64Array, D: number, index: number[], value: ArrayLike<number>): number[] {
  const z = Array.from(b);
  for (let c = 0; c < z.length; c++) {
    const base = c * D;
    for (let k = 0; k < index.length; k++) z[c] += W[base + index[k]] * value[k];
  }
  return z;
}

export interface LabelledSparseRow {
  index: number[];
  value: number[];
  label: number;
}

export interface SoftmaxTrainOptions {
  /** L2 penalty (λ/2)‖W‖² on the weights (not the biases). */
  lambda: number;
  /** Inverted dropout rate on the input features. */
  dropout: number;
  steps: number;
  learningRate: number;
  seed: number;
  /** Called every `every` steps with the current weights. */
  every: number;
  onEvaluate?: (step: number, W: Float64Array, b: Float64Array) => void;
}

/** Softmax regression by full-batch Adam on mean cross-entropy + (λ/2)‖W‖². Returns the weights and ‖W‖. */
export function trainSparseSoftmax(rows: LabelledSparseRow[], K: number, D: number, options: Partial<SoftmaxTrainOptions> = {}): { W: Float64Array; b: Float64Array; norm: number } {
  const { lambda, dropout, steps, learningRate: lr, seed, every, onEvaluate } = { lambda: 0, dropout: 0, steps: 200, learningRate: 0.05, seed: 4, every: 20, ...options };
  const W = new Float64Array(K * D), b = new Float64Array(K);
  const mW = new Float64Array(K * D), vW = new Float64Array(K * D), mb = new Float64Array(K), vb = new Float64Array(K);
  const drop = new Rng(seed);
  const adam = (w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, step: number) => {
    const c1 = 1 - 0.9 ** step, c2 = 1 - 0.999 ** step;
    for (let i = 0; i < w.length; i++) {
      m[i] = 0.9 * m[i] + 0.1 * g[i];
      v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
      w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
    }
  };
  for (let step = 1; step <= steps; step++) {
    const gW = new Float64Array(K * D), gb = new Float64Array(K);
    for (const r of rows) {
      const keep = new Float64Array(r.value.length);
      for (let k = 0; k < keep.length; k++) keep[k] = dropout > 0 && drop.next() < dropout ? 0 : r.value[k] / (1 - dropout);
      const p = softmax(sparseLogits(W, b, D, r.index, keep));
      for (let c = 0; c < K; c++) {
        const dz = (p[c] - (c === r.label ? 1 : 0)) / rows.length;
        const base = c * D;
        for (let k = 0; k < r.index.length; k++) gW[base + r.index[k]] += dz * keep[k];
        gb[c] += dz;
      }
    }
    for (let i = 0; i < W.length; i++) gW[i] += lambda * W[i];
    adam(W, gW, mW, vW, step);
    adam(b, gb, mb, vb, step);
    if (onEvaluate && step % every === 0) onEvaluate(step, W, b);
  }
  let norm = 0;
  for (let i = 0; i < W.length; i++) norm += W[i] * W[i];
  return { W, b, norm: Math.sqrt(norm) };
}
