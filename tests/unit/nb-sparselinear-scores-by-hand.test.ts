import { describe, expect, it } from 'vitest';
import { averagePrecision, bestF1Threshold, binaryScores, hashedSparseRow, rocAuc, sparseCosine, trainSparseLogistic } from '../../notebooks/sparselinear.ts';

describe('binary metrics', () => {
  it('TP 2, FP 1, FN 1, TN 2: precision = recall = F1 = 2/3, balanced accuracy 2/3, MCC 1/3', () => {
    // MCC = (2·2 − 1·1) / √(3·3·3·3) = 3/9.
    const s = binaryScores([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0]);
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.f1).toBeCloseTo(2 / 3, 12);
    expect(s.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(s.mcc).toBeCloseTo(1 / 3, 12);
  });

  it('average precision: positives at ranks 1 and 3 give (1/1 + 2/3)/2 = 5/6', () => {
    expect(averagePrecision([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toBeCloseTo(5 / 6, 12);
  });

  it('ROC-AUC counts a tie as half a win', () => {
    // Positives 0.9, 0.5; negatives 0.5, 0.1. Pairs: (0.9>0.5) 1, (0.9>0.1) 1, (0.5=0.5) ½, (0.5>0.1) 1 → 3.5/4.
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(3.5 / 4, 12);
  });

  it('the F1-optimal threshold of a hand example', () => {
    // Sorted: 0.9 (1), 0.8 (0), 0.7 (1), 0.1 (0). Thresholds: 0.9 → F1 2/3; 0.8 → 1/2; 0.7 → 4/5; 0.1 → 2/3.
    expect(bestF1Threshold([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])).toEqual({ threshold: 0.7, f1: 0.8 });
  });
});

describe('sparse logistic regression', () => {
  it('rows are L2-normalised', () => {
    const row = hashedSparseRow('red red shoe', { dim: 64, charNgrams: [], words: true, wordBigrams: false });
    expect(row.value.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
  });

  it('the cosine of two rows counts only the features they share', () => {
    // (2, 1)/√5 against (1, 0, 1)/√2 over features 3, 7 and 9: they share feature 3 only, so 2/√10.
    const x = { index: [3, 7], value: [2 / Math.sqrt(5), 1 / Math.sqrt(5)] };
    const y = { index: [9, 3, 5], value: [1 / Math.sqrt(2), 1 / Math.sqrt(2), 0] };
    expect(sparseCosine(x, y)).toBeCloseTo(2 / Math.sqrt(10), 12);
    expect(sparseCosine(y, x)).toBeCloseTo(2 / Math.sqrt(10), 12);
    expect(sparseCosine(x, { index: [1], value: [1] })).toBe(0);
    const row = hashedSparseRow('a tree and trees', { dim: 256, charNgrams: [3], words: true, wordBigrams: false });
    expect(sparseCosine(row, row)).toBeCloseTo(1, 12);
  });

  it('separates two one-feature classes', () => {
    const rows = [{ index: [0], value: [1] }, { index: [1], value: [1] }];
    const logits = trainSparseLogistic(rows, [1, 0], 2, { steps: 200 })(rows);
    expect(logits[0]).toBeGreaterThan(2);
    expect(logits[1]).toBeLessThan(-2);
  });
});
