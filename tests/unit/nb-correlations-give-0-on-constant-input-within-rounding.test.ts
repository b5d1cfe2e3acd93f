import { describe, expect, it } from 'vitest';
import { pearson, spearman, spearmanTieCorrected } from '../../notebooks/metrics.ts';

describe('correlations on constant input', () => {
  it('give 0 for constant input even when its mean does not round-trip (0.1 and 0.7 gave 1 and −1)', () => {
    // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002 in binary: the deviations are not exactly 0.
    expect(pearson([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])).toBe(0);
    expect(pearson([0.7, 0.7, 0.7], [0.1, 0.2, 0.3])).toBe(0);
    expect(spearman([0.7, 0.7, 0.7], [0.1, 0.2, 0.3])).toBe(0);
  });

  it('agree with each other: the tie-corrected form gives 0 too (it gave NaN)', () => {
    expect(spearmanTieCorrected([1, 1, 1], [1, 2, 3])).toBe(0);
    expect(spearmanTieCorrected([1, 2, 3], [4, 4, 4])).toBe(0);
  });

  it('still measure values that vary only far from the origin: scipy.stats.pearsonr gives 1 here', () => {
    expect(pearson([1e6, 1e6 + 1, 1e6 + 2], [1, 2, 3])).toBeCloseTo(1, 9);
    // Spread 2e-6 of the magnitude is far above the 1e-12 rounding tolerance.
    expect(spearman([1e6, 1e6 + 2, 1e6 + 1], [1, 2, 3])).toBeCloseTo(0.5, 12);
  });

  it('refuse non-finite values and unequal lengths instead of returning NaN', () => {
    expect(() => pearson([1, NaN, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/same length/);
    expect(() => spearmanTieCorrected([1], [1])).toThrow(/≥ 2/);
  });
});
