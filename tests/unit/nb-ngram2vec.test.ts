/** The ngram2vec note's scoring helpers, checked by hand. */
import { describe, expect, it } from 'vitest';
import { separation, wordPairs } from '../../notebooks/ngram2vec.ts';
import type { RetrievalDataset } from '../../notebooks/data.ts';

describe('separation', () => {
  it('is the share of (positive, negative) pairs the positive wins, ties counted half', () => {
    expect(separation([3, 4], [1, 2])).toBe(1);
    expect(separation([1, 2], [3, 4])).toBe(0);
    // 1 > 0, 1 < 3, 2 > 0, 2 < 3: two of four.
    expect(separation([1, 2], [0, 3])).toBe(0.5);
    expect(separation([2], [2])).toBe(0.5);
  });
});

describe('wordPairs', () => {
  it('pairs the known lemmas of each synset and draws as many random pairs from the same words', () => {
    const data = { docs: [{ lemmas: ['car', 'auto', 'automobile'] }, { lemmas: ['big', 'large'] }] } as unknown as RetrievalDataset;
    const known = new Map([['car', 0], ['auto', 1], ['big', 2], ['large', 3]]);
    const { synonyms, random } = wordPairs(data, known, 1);
    expect(synonyms).toEqual([['car', 'auto'], ['big', 'large']]);
    expect(random).toHaveLength(2);
    for (const pair of random) for (const w of pair) expect(known.has(w)).toBe(true);
    expect(wordPairs(data, known, 1).random).toEqual(random);
  });
});
