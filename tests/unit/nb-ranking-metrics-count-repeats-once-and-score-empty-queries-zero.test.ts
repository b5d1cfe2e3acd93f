import { describe, expect, it } from 'vitest';
import { mrrAtK, ndcgAtK, recallAtK } from '../../notebooks/metrics.ts';

describe('ranking metrics at the edges', () => {
  it('count a document repeated in a ranking once, at its first position', () => {
    // Relevant {5, 1}; ranking 5, 5, 1: both found in the top 3 → recall 1 (it was 1.5).
    // nDCG: hits at ranks 1 and 3 (the repeat keeps its slot) → (1 + 1/log2 4) / (1 + 1/log2 3) = 1.5 / 1.630930 = 0.919721.
    expect(recallAtK([[5, 5, 1]], [[5, 1]], 3)).toBe(1);
    expect(ndcgAtK([[5, 5, 1]], [[5, 1]], 3)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
    expect(ndcgAtK([[5, 5, 1]], [[5, 1]], 3)).toBeCloseTo(0.919721, 6);
    // MRR: relevant 1 first appears at rank 3 → 1/3.
    expect(mrrAtK([[5, 5, 1]], [[1]], 3)).toBeCloseTo(1 / 3, 12);
  });

  it('score a query without relevant documents 0 and keep it in the mean, as sklearn.metrics.ndcg_score does', () => {
    // Query 0: no relevant document → 0. Query 1: relevant 1 at rank 2 → 1/log2 3 = 0.630930. Mean 0.315465.
    expect(ndcgAtK([[0, 1, 2], [3, 1, 0]], [[], 1], 3)).toBeCloseTo(1 / Math.log2(3) / 2, 12);
    expect(recallAtK([[0, 1, 2], [3, 1, 0]], [[], 1], 3)).toBe(0.5);
    expect(mrrAtK([[0, 1, 2], [3, 1, 0]], [[], 1], 3)).toBe(0.25);
  });

  it('score k = 0 as 0, take the whole ranking at k = Infinity, and refuse k < 0 or a fractional k', () => {
    expect([recallAtK([[1]], [1], 0), mrrAtK([[1]], [1], 0), ndcgAtK([[1]], [1], 0)]).toEqual([0, 0, 0]);
    expect(recallAtK([[2, 3, 1]], [1], Infinity)).toBe(1);
    for (const f of [recallAtK, mrrAtK, ndcgAtK]) {
      expect(() => f([[1]], [1], -1)).toThrow(RangeError);
      expect(() => f([[1]], [1], 1.5)).toThrow(RangeError);
      expect(() => f([], [], 1)).toThrow(/no queries/);
      expect(() => f([[1], [2]], [1], 1)).toThrow(/2 rankings but 1/);
    }
  });
});
