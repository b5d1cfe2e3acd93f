import { describe, expect, it } from 'vitest';
import { hiddenGradientNorms, orthogonalMatrix, rnnStates } from '../../notebooks/rnn.ts';
import { Rng } from '../../notebooks/rng.ts';

describe('simple RNN gradients', () => {
  it('a one-unit tanh RNN: ∂L/∂h_0 = w (1 − h_1²) u, worked by hand', () => {
    // w = 0.5, input weight 1, x_1 = 0.2, h_0 = 0.4: a = 0.5·0.4 + 0.2 = 0.4, h_1 = tanh 0.4.
    const h1 = Math.tanh(0.4);
    expect(rnnStates([[0.5]], [[1]], [[0.2]], [0.4])[1][0]).toBeCloseTo(h1, 12);
    const norms = hiddenGradientNorms([[0.5]], [[1]], [[0.2]], [0.4], [1]);
    expect(norms[1]).toBe(1); // ∂L/∂h_T = u
    expect(norms[0]).toBeCloseTo(0.5 * (1 - h1 * h1), 12);
  });

  it('an orthogonal matrix has QQᵀ = I', () => {
    const Q = orthogonalMatrix(5, new Rng(1));
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      expect(Q[i].reduce((s, x, k) => s + x * Q[j][k], 0)).toBeCloseTo(i === j ? 1 : 0, 10);
    }
  });

  it('a linear RNN with W = g·Q gives ‖∂L/∂h_k‖ = g^(T−k) for a unit u', () => {
    const rng = new Rng(2);
    const Q = orthogonalMatrix(4, rng);
    const g = 1.3;
    const Wh = Q.map((row) => row.map((x) => g * x));
    const Wx = [[1], [0], [0], [0]];
    const xs = [[0.1], [0.2], [0.3]];
    const norms = hiddenGradientNorms(Wh, Wx, xs, [0, 0, 0, 0], [1, 0, 0, 0], true);
    norms.forEach((n, k) => expect(n).toBeCloseTo(g ** (3 - k), 10));
  });
});
