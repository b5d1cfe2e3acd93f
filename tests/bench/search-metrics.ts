/** Ranking metrics of the search benchmark, over page keys (a page and its twin are one answer). */

/** 1 if any answer is in the first k keys, else 0. */
export function recallAt(k: number, ranked: string[], answers: string[]): number {
  return ranked.slice(0, k).some((key) => answers.includes(key)) ? 1 : 0;
}

/** 1 / rank of the first answer within the first k keys, else 0. */
export function reciprocalRankAt(k: number, ranked: string[], answers: string[]): number {
  const rank = ranked.slice(0, k).findIndex((key) => answers.includes(key));
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
