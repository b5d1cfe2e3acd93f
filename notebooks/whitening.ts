/**
 * BERT-whitening: x̃ = (x − μ) W with W = U Λ^{-1/2} from Σ = U Λ Uᵀ.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Hand-written because tfjs has no eig or SVD; the covariance of an embedding
 * is at most a few hundred wide, where Jacobi converges in a few sweeps.
 * Returns eigenvalues in descending order and the eigenvectors as columns.
 *
 * It stops when the off-diagonal part is below 1e-15 of the matrix's
 * Frobenius norm, a bound relative to the matrix's own scale (rotations keep
 * that norm), so a covariance of data at scale 1e-6 is diagonalised as fully
 * as the same data at scale 1. ml-matrix's EigenvalueDecomposition would do
 * too, but the notebooks may import only tfjs and each other in the browser.
 */
export function symmetricEigen(matrix: number[][], maxSweeps = 60): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  let norm = 0;
  matrix.forEach((row, i) => {
    if (row.length !== n) throw new Error(`symmetricEigen needs a square matrix; row ${i} has ${row.length} entries for ${n} rows`);
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) throw new RangeError(`symmetricEigen: entry (${i}, ${j}) is ${value}`);
      if (Math.abs(value - matrix[j][i]) > 1e-9 * (Math.abs(value) + Math.abs(matrix[j][i]))) throw new Error(`symmetricEigen needs a symmetric matrix; (${i}, ${j}) ≠ (${j}, ${i})`);
      norm += value * value;
    });
  });
  const a = matrix.map((row) => row.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off <= 1e-30 * norm) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return { values: order.map((i) => a[i][i]), vectors: v.map((row) => order.map((i) => row[i])) };
}

export interface Whitening {
  mu: tf.Tensor1D;
  /** [dim, k] */
  w: tf.Tensor2D;
  dispose(): void;
}

/** Fits μ and W = U Λ^{-1/2} (first k columns, i.e. the top-k principal directions) on rows of x. */
export function fitWhitening(x: tf.Tensor2D, k?: number): Whitening {
  const [n, d] = x.shape;
  const keep = k ?? d;
  if (n < 2) throw new Error(`whitening needs at least 2 rows, got ${n}`);
  if (!Number.isInteger(keep) || keep < 1 || keep > d) throw new RangeError(`whitening to k = ${keep} dimensions of ${d}`);
  const mu = tf.mean(x, 0) as tf.Tensor1D;
  const cov = tf.tidy(() => {
    const centred = tf.sub(x, mu);
    return tf.matMul(centred, centred, true, false).div(n);
  });
  const covRows = cov.arraySync() as number[][];
  cov.dispose();
  // Covariance is accumulated in float32 by tfjs; Jacobi runs in float64 on it.
  const { values, vectors } = symmetricEigen(covRows);
  if (!(values[0] > 0)) {
    tf.dispose(mu);
    throw new Error('whitening: the rows do not vary (the covariance is zero)');
  }
  // Directions with no variance relative to the largest (rank-deficient data)
  // are floored there rather than divided by ~0; an absolute floor would
  // swallow every direction of data at a small scale.
  const floor = 1e-12 * values[0];
  const scaled = vectors.map((row) => row.slice(0, keep).map((u, j) => u / Math.sqrt(Math.max(values[j], floor))));
  const w = tf.tensor2d(scaled, [d, keep]);
  return { mu, w, dispose: () => tf.dispose([mu, w]) };
}

export function applyWhitening(x: tf.Tensor2D, whitening: Whitening): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.sub(x, whitening.mu), whitening.w) as tf.Tensor2D);
}
