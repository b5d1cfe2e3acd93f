/**
 * BERT-whitening: x̃ = (x − μ) W with W = U Λ^{-1/2} from Σ = U Λ Uᵀ.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Hand-written because tfjs has no eig or SVD; the covariance of an embedding
 * is at most a few hundred wide, where Jacobi converges in a few sweeps.
 * Returns eigenvalues in descending order and the eigenvectors as columns.
 */
export function symmetricEigen(matrix: number[][], maxSweeps = 60): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
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
  const mu = tf.mean(x, 0) as tf.Tensor1D;
  const cov = tf.tidy(() => {
    const centred = tf.sub(x, mu);
    return tf.matMul(centred, centred, true, false).div(n);
  });
  const covRows = cov.arraySync() as number[][];
  cov.dispose();
  // Covariance is accumulated in float32 by tfjs; Jacobi runs in float64 on it.
  const { values, vectors } = symmetricEigen(covRows);
  const scaled = vectors.map((row) => row.slice(0, keep).map((u, j) => u / Math.sqrt(Math.max(values[j], 1e-12))));
  const w = tf.tensor2d(scaled, [d, keep]);
  return { mu, w, dispose: () => tf.dispose([mu, w]) };
}

export function applyWhitening(x: tf.Tensor2D, whitening: Whitening): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.sub(x, whitening.mu), whitening.w) as tf.Tensor2D);
}
