/** Seeded assignment of synsets to train/dev/test, so that no synset's text crosses splits. */
import type { Random } from './prng.ts';

export type Split = 'train' | 'dev' | 'test';
export const splitNames: Split[] = ['train', 'dev', 'test'];

export interface SplitShares {
  dev: number;
  test: number;
}

export function assignSplits(random: Random, ids: readonly string[], shares: SplitShares): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const id of ids) {
    const u = random();
    out.set(id, u < shares.test ? 'test' : u < shares.test + shares.dev ? 'dev' : 'train');
  }
  return out;
}

/** Keeps the first synset of each distinct text, so that an identical text never labels two things. */
export function uniqueByText<T>(items: readonly T[], text: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = text(item).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
