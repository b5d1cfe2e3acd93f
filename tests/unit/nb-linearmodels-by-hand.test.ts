import { describe, expect, it } from 'vitest';
import { ridgeRegression, softmax, solveLinearSystem, sparseLogits, trainSparseSoftmax } from '../../notebooks/linearmodels.ts';

describe('linear systems and ridge regression', () => {
  it('solves a 2×2 system that needs pivoting', () => {
    // 0·x + 1·y = 2, 3·x + 1·y = 5  →  y = 2, x = 1.
    const w = solveLinearSystem([[0, 1], [3, 1]], [2, 5]);
    expect(w[0]).toBeCloseTo(1, 12);
    expect(w[1]).toBeCloseTo(2, 12);
  });

  it('one feature: w = Σxy / (Σx² + λ)', () => {
    // x = (1, 2), y = (2, 4): Σxy = 10, Σx² = 5; λ = 0 gives 2, λ = 5 gives 1.
    expect(ridgeRegression([[1], [2]], [2, 4], 0)[0]).toBeCloseTo(2, 12);
    expect(ridgeRegression([[1], [2]], [2, 4], 5)[0]).toBeCloseTo(1, 12);
  });
});

describe('softmax regression', () => {
  it('softmax of (0, ln 3) is (1/4, 3/4)', () => {
    const p = softmax([0, Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
  });

  it('sparse logits read the right weights', () => {
    // K = 2, D = 3; W rows (1, 2, 3) and (4, 5, 6); row: feature 2 with value 0.5, biases (0.1, 0.2).
    const z = sparseLogits(Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([0.1, 0.2]), 3, [2], [0.5]);
    expect(z[0]).toBeCloseTo(1.6, 12);
    expect(z[1]).toBeCloseTo(3.2, 12);
  });

  it('learns three one-feature classes, and an L2 penalty shrinks the weights', () => {
    const rows = [0, 1, 2].map((c) => ({ index: [c], value: [1], label: c }));
    let accuracy = 0;
    const free = trainSparseSoftmax(rows, 3, 3, { steps: 100, every: 100, onEvaluate: (_, W, b) => {
      accuracy = rows.filter((r) => { const z = sparseLogits(W, b, 3, r.index, r.value); return z.indexOf(Math.max(...z)) === r.label; }).length / 3;
    } });
    const penalised = trainSparseSoftmax(rows, 3, 3, { steps: 100, lambda: 0.5 });
    expect(accuracy).toBe(1);
    expect(penalised.norm).toBeLessThan(free.norm);
  });
});
