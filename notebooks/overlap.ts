/**
 * Binary matching sets cut from graded wn-sts pairs, whose non-matches are
 * chosen by how many words the two texts share: the most (hard negatives, the
 * PAWS-like case where shared words mislead) or the fewest (easy negatives).
 */
import type { StsDataset, StsPair } from './data.ts';
import { tokenize } from './text.ts';

/** Jaccard similarity of the two texts' word sets (0 when both are empty). */
export function wordOverlap(a: string, b: string): number {
  const left = new Set(tokenize(a));
  const right = new Set(tokenize(b));
  let shared = 0;
  for (const w of left) if (right.has(w)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}

export type NegativeEnd = 'most' | 'least' | 'both';

export interface MatchOptions {
  /** Pairs scoring at least this are matches (label 1). */
  matchCut: number;
  /** Which non-matches to keep: the k sharing the most words, the k sharing the fewest, or both (k = the number of matches). */
  negatives: NegativeEnd;
}

/**
 * Every match of `pairs` relabelled 1, and k non-matches per chosen end of the
 * word-overlap order relabelled 0, in the order of `pairs` (the data builder
 * shuffled it), so a prefix of the result mixes both labels. Ties in overlap
 * go to the earlier pair, so the result depends on nothing but `pairs`.
 */
export function matchPairs(pairs: readonly StsPair[], options: MatchOptions): StsPair[] {
  const matches = pairs.filter((p) => p.score >= options.matchCut).length;
  const others = pairs
    .map((p, index) => ({ index, overlap: wordOverlap(p.a, p.b), match: p.score >= options.matchCut }))
    .filter((p) => !p.match)
    .sort((x, y) => y.overlap - x.overlap || x.index - y.index);
  const k = Math.min(matches, Math.floor(others.length / (options.negatives === 'both' ? 2 : 1)));
  const chosen = new Set<number>();
  if (options.negatives !== 'least') for (const p of others.slice(0, k)) chosen.add(p.index);
  if (options.negatives !== 'most') for (const p of others.slice(others.length - k)) chosen.add(p.index);
  return pairs.flatMap((p, index) => (p.score >= options.matchCut ? [{ ...p, score: 1 }] : chosen.has(index) ? [{ ...p, score: 0 }] : []));
}

/** `matchPairs` applied to every split of a wn-sts dataset. */
export function matchDataset(data: StsDataset, options: MatchOptions): StsDataset {
  return { ...data, train: matchPairs(data.train, options), dev: matchPairs(data.dev, options), test: matchPairs(data.test, options) };
}
