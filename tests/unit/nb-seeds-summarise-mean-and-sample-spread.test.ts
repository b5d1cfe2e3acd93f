import { describe, expect, it } from 'vitest';
import { formatSpread, overSeeds, pairedGap, spread, spreadTable, summariseOverSeeds } from '../../notebooks/seeds.ts';

describe('seeds', () => {
  it('spread is the mean and the sample (n − 1) standard deviation', () => {
    // mean 2, squared deviations 1 + 0 + 1 = 2, over n − 1 = 2 → std 1.
    expect(spread([1, 2, 3])).toEqual({ mean: 2, std: 1, min: 1, max: 3, n: 3 });
    expect(spread([0.5])).toEqual({ mean: 0.5, std: 0, min: 0.5, max: 0.5, n: 1 });
    expect(formatSpread(spread([0.36, 0.37, 0.38]))).toBe('0.370 ± 0.010');
  });

  it('refuses an empty list and non-finite values instead of returning NaN', () => {
    expect(() => spread([])).toThrow(RangeError);
    expect(() => spread([1, Number.NaN])).toThrow(/finite/);
  });

  it('runs once per seed in order', async () => {
    expect(await overSeeds([3, 1, 2], async (seed) => seed * 10)).toEqual([30, 10, 20]);
    await expect(overSeeds([], () => 0)).rejects.toThrow(RangeError);
  });

  it('groups rows by their key columns across seeds, in first-seen order', () => {
    const runs = [
      [{ objective: 'mse', score: 0.3, epochs: 2 }, { objective: 'cosent', score: 0.5, epochs: 2 }],
      [{ objective: 'mse', score: 0.1, epochs: 4 }, { objective: 'cosent', score: 0.7, epochs: 4 }],
    ];
    const summary = summariseOverSeeds(runs, ['objective']);
    expect(summary.map((row) => row.key)).toEqual(['mse', 'cosent']);
    expect(summary[0].metrics.score.mean).toBeCloseTo(0.2, 12);
    // deviations ±0.1 → sample variance 0.02 → std √0.02.
    expect(summary[1].metrics.score.std).toBeCloseTo(Math.SQRT2 / 10, 12);
    expect(spreadTable(summary, 'objective')).toEqual([
      { objective: 'mse', score: '0.200 ± 0.141', epochs: '3.000 ± 1.414' },
      { objective: 'cosent', score: '0.600 ± 0.141', epochs: '3.000 ± 1.414' },
    ]);
  });
});

describe('pairedGap', () => {
  it('takes a − b seed by seed (hand example)', () => {
    // Differences 0.02, 0.04, 0.06: mean 0.04, sample std 0.02; all positive and 0.04 > 0.02.
    const g = pairedGap([0.52, 0.44, 0.36], [0.5, 0.4, 0.3]);
    expect(g.mean).toBeCloseTo(0.04, 12);
    expect(g.std).toBeCloseTo(0.02, 12);
    expect(g.wins).toBe(3);
    expect(g.clear).toBe(true);
  });

  it('is not clear when seeds disagree, or when the spread swamps the mean', () => {
    expect(pairedGap([1, 0], [0, 1]).clear).toBe(false);
    // Differences 0.01, 0.01, 0.5: all positive, mean 0.173 below std 0.283.
    const g = pairedGap([0.01, 0.01, 0.5], [0, 0, 0]);
    expect(g.wins).toBe(3);
    expect(g.clear).toBe(false);
    expect(pairedGap([0, 0], [1, 1]).clear).toBe(true); // b ahead on every seed by the same amount
    expect(() => pairedGap([1], [1, 2])).toThrow(RangeError);
  });
});
