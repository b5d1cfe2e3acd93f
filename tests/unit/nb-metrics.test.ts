import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  accuracy, alignment, anisotropy, averageRanks, bestThreshold, f1, mrrAtK, ndcgAtK, pearson, recallAtK, spearman,
  spearmanTieCorrected, uniformity,
} from '../../notebooks/metrics.ts';

describe('Spearman with ties', () => {
  // x = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4]; y = [1, 3, 2, 4] → ranks [1, 3, 2, 4].
  // Pearson of the ranks: Σdxdy = 2.25 + 2.25 = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5 / √22.5 = 0.948683.
  // Tie-corrected form: n³ − n = 60, Σd² = 0.5, Tx = 2³ − 2 = 6, Ty = 0 → (60 − 3 − 3) / √(54 · 60) = 0.948683.
  // The tie-free shortcut 1 − 6Σd²/(n(n² − 1)) = 0.95 would be wrong here.
  const x = [1, 2, 2, 3];
  const y = [1, 3, 2, 4];

  it('gives tied values the average of their ranks', () => {
    expect(averageRanks(x)).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([5, 5, 5, 1])).toEqual([3, 3, 3, 1]);
  });

  it('matches the known value and the tie-corrected formula', () => {
    expect(spearman(x, y)).toBeCloseTo(0.948683, 6);
    expect(spearmanTieCorrected(x, y)).toBeCloseTo(0.948683, 6);
    const a = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const b = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
    expect(spearmanTieCorrected(a, b)).toBeCloseTo(spearman(a, b), 10);
  });

  it('Pearson is 1 on a line and −1 on a falling one', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});

describe('ranking metrics on toy rankings', () => {
  // Query 0: relevant 1, found at rank 2. Query 1: relevant {0, 1}, found at ranks 2 and 3.
  const rankings = [[3, 1, 2], [2, 0, 1]];
  const relevant = [1, [0, 1]];

  it('recall@k', () => {
    expect(recallAtK(rankings, relevant, 1)).toBe(0);
    expect(recallAtK(rankings, relevant, 2)).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(recallAtK(rankings, relevant, 3)).toBeCloseTo(1, 12);
  });

  it('MRR@k', () => {
    expect(mrrAtK(rankings, relevant, 1)).toBe(0);
    expect(mrrAtK(rankings, relevant, 3)).toBeCloseTo(0.5, 12);
  });

  it('nDCG@k', () => {
    const q0 = 1 / Math.log2(3);
    const q1 = (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3));
    expect(ndcgAtK(rankings, relevant, 3)).toBeCloseTo((q0 + q1) / 2, 12);
    expect(ndcgAtK(rankings, relevant, 3)).toBeCloseTo(0.66218, 4);
  });
});

describe('embedding geometry', () => {
  it('alignment is 0 for identical pairs and 2 for orthogonal unit pairs', () => {
    const x = tf.tensor2d([[1, 0], [0, 3]]);
    expect(alignment(x, x)).toBeCloseTo(0, 6);
    expect(alignment(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 2]]))).toBeCloseTo(2, 5);
  });

  it('uniformity of two antipodal points is log e^{−2·4} = −8', () => {
    // ‖a − b‖² = 4 for antipodal unit vectors, t = 2 → log e^{−8} = −8
    expect(uniformity(tf.tensor2d([[1, 0], [-1, 0]]))).toBeCloseTo(-8, 4);
  });

  it('anisotropy is the mean cosine of distinct rows', () => {
    // cosines: (1,0)·(0,1) = 0, (1,0)·(1,1)/√2 = 0.7071, (0,1)·(1,1)/√2 = 0.7071 → mean 0.4714
    expect(anisotropy(tf.tensor2d([[1, 0], [0, 1], [1, 1]]))).toBeCloseTo((2 * Math.SQRT1_2) / 3, 5);
  });
});

describe('classification metrics', () => {
  it('accuracy and F1', () => {
    expect(accuracy([1, 0, 1, 1], [1, 0, 0, 1])).toBe(0.75);
    // tp = 2, fp = 1, fn = 1 → 4 / 6
    expect(f1([1, 0, 1, 1, 0], [1, 1, 0, 1, 0])).toBeCloseTo(4 / 6, 12);
  });

  it('threshold scan finds the split with the best accuracy', () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2];
    const labels = [0, 1, 0, 1, 1, 0];
    const best = bestThreshold(scores, labels);
    expect(best.accuracy).toBe(1);
    expect(best.threshold).toBeCloseTo(0.375, 12);
    // one label that no threshold can fit
    expect(bestThreshold([0.1, 0.2, 0.3], [1, 0, 1]).accuracy).toBeCloseTo(2 / 3, 12);
  });
});
