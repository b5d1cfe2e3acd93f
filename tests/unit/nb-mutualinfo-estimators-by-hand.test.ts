import { describe, expect, it } from 'vitest';
import { donskerVaradhanBound, gaussianMutualInformation, histogramMutualInformation, infoNceBound, logMeanExp } from '../../notebooks/mutualinfo.ts';

describe('mutual-information helpers', () => {
  it('Gaussian MI: 0 at ρ = 0, ln 2 at ρ = √3/2 (1 − ρ² = 1/4)', () => {
    expect(gaussianMutualInformation(0)).toBeCloseTo(0, 12);
    expect(gaussianMutualInformation(Math.sqrt(3) / 2)).toBeCloseTo(Math.log(2), 12);
  });

  it('logMeanExp of (0, ln 3) is ln 2', () => {
    expect(logMeanExp([0, Math.log(3)])).toBeCloseTo(Math.log(2), 12);
  });

  it('a constant critic proves nothing: both bounds are 0', () => {
    const x = [0.1, -0.4, 1.2, 0.7];
    const y = [0.3, 0.2, -1, 0.5];
    expect(donskerVaradhanBound(() => 2.5, x, y, 1)).toBeCloseTo(0, 12);
    expect(infoNceBound(() => 2.5, x, y, 2)).toBeCloseTo(0, 12);
  });

  it('InfoNCE with a perfect separating critic reaches log N and no more', () => {
    // x_i = y_i distinct; T = −100·(x − y)²: the true partner scores 0, others about −100 or less.
    const x = [0, 1, 2, 3];
    const T = (a: number, b: number) => -100 * (a - b) ** 2;
    expect(infoNceBound(T, x, x, 4)).toBeCloseTo(Math.log(4), 6);
  });

  it('histogram: y = x in two equally filled bins gives exactly ln 2', () => {
    // Each of the cells (low, low) and (high, high) holds half the mass; marginals are ½ each: 2 · ½ · ln(½ / ¼) = ln 2.
    const x = [-1, -1, 1, 1];
    expect(histogramMutualInformation(x, x, 2)).toBeCloseTo(Math.log(2), 12);
  });
});
