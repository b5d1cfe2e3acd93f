/**
 * A simple (Elman) RNN on plain arrays, h_t = φ(W_h h_{t−1} + W_x x_t), and the
 * hand-written backward recursion that gives ‖∂L/∂h_k‖ for L = uᵀh_T at every
 * step k — the quantity that vanishes or explodes with the scale of W_h.
 */
import type { Rng } from './rng.ts';

export type Matrix = number[][];

const matVec = (m: Matrix, v: number[]): number[] => m.map((row) => row.reduce((s, x, i) => s + x * v[i], 0));
const transpose = (m: Matrix): Matrix => m[0].map((_, j) => m.map((row) => row[j]));

/** A standard normal draw by Box–Muller from two uniforms of `rng`. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** A random n × n orthogonal matrix: Gram–Schmidt on Gaussian rows. */
export function orthogonalMatrix(n: number, rng: Rng): Matrix {
  const rows: Matrix = [];
  while (rows.length < n) {
    let v = Array.from({ length: n }, () => gaussian(rng));
    for (const r of rows) {
      const dot = r.reduce((s, x, i) => s + x * v[i], 0);
      v = v.map((x, i) => x - dot * r[i]);
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((x) => x / norm));
  }
  return rows;
}

/** States h_0 … h_T for inputs xs (T of them); `linear` drops the tanh. */
export function rnnStates(Wh: Matrix, Wx: Matrix, xs: number[][], h0: number[], linear = false): number[][] {
  const hs = [h0];
  for (let t = 0; t < xs.length; t++) {
    const input = matVec(Wx, xs[t]);
    const a = matVec(Wh, hs[t]).map((v, i) => v + input[i]);
    hs.push(linear ? a : a.map(Math.tanh));
  }
  return hs;
}

/**
 * ‖∂L/∂h_k‖ for k = 0 … T with L = uᵀh_T, by the recursion g_T = u,
 * g_{k−1} = W_hᵀ((1 − h_k²) ⊙ g_k) (the factor is 1 for a linear RNN).
 */
export function hiddenGradientNorms(Wh: Matrix, Wx: Matrix, xs: number[][], h0: number[], u: number[], linear = false): number[] {
  const hs = rnnStates(Wh, Wx, xs, h0, linear);
  const WhT = transpose(Wh);
  let g = u.slice();
  const norms = [Math.hypot(...g)];
  for (let k = xs.length; k >= 1; k--) {
    const local = linear ? g : g.map((x, i) => x * (1 - hs[k][i] ** 2));
    g = matVec(WhT, local);
    norms.unshift(Math.hypot(...g));
  }
  return norms;
}
