import { describe, expect, it } from 'vitest';
import type { StsPair } from '../../notebooks/data.ts';
import { matchPairs, wordOverlap } from '../../notebooks/overlap.ts';

describe('wordOverlap', () => {
  it('is the Jaccard similarity of the word sets, by hand', () => {
    // {a, dog, that, barks} vs {a, dog, that, bites}: 3 shared of 5 distinct words.
    expect(wordOverlap('a dog that barks', 'A dog, that bites!')).toBeCloseTo(3 / 5, 12);
    // Repeated words count once: {the, cat} vs {the}: 1 of 2.
    expect(wordOverlap('the the cat', 'the')).toBeCloseTo(1 / 2, 12);
    expect(wordOverlap('', '')).toBe(0);
    expect(wordOverlap('red', 'blue')).toBe(0);
  });
});

describe('matchPairs', () => {
  // Overlaps by hand: n1 1, n2 1/3 ({x, y} vs {x, z}), n3 0, n4 1/2 ({p, q} vs {p}); two matches, so k = 2.
  const pairs: StsPair[] = [
    { a: 'x y', b: 'x z', score: 0.2 }, // n2
    { a: 'cat', b: 'feline', score: 0.9 }, // match
    { a: 'same words', b: 'same words', score: 0.1 }, // n1
    { a: 'red', b: 'blue', score: 0.5 }, // n3
    { a: 'dog', b: 'hound', score: 0.8 }, // match (at the cut)
    { a: 'p q', b: 'p', score: 0.3 }, // n4
  ];

  it('keeps every match and the k non-matches that share the most words, in input order', () => {
    expect(matchPairs(pairs, { matchCut: 0.8, negatives: 'most' }).map((p) => [p.a, p.score])).toEqual([
      ['cat', 1], ['same words', 0], ['dog', 1], ['p q', 0],
    ]);
  });

  it('keeps the k that share the fewest words for the low-overlap end', () => {
    expect(matchPairs(pairs, { matchCut: 0.8, negatives: 'least' }).map((p) => [p.a, p.score])).toEqual([
      ['x y', 0], ['cat', 1], ['red', 0], ['dog', 1],
    ]);
  });

  it('takes both ends without repeating a pair when there are too few non-matches for 2k', () => {
    // Four non-matches, two matches: k = min(2, 4 / 2) = 2, the top two and the bottom two.
    const both = matchPairs(pairs, { matchCut: 0.8, negatives: 'both' });
    expect(both.map((p) => p.a)).toEqual(['x y', 'cat', 'same words', 'red', 'dog', 'p q']);
    // Three non-matches: k = 1, one from each end.
    expect(matchPairs(pairs.slice(0, 5), { matchCut: 0.8, negatives: 'both' }).map((p) => p.a)).toEqual(['cat', 'same words', 'red', 'dog']);
  });

  it('breaks ties in overlap towards the earlier pair', () => {
    const tied: StsPair[] = [
      { a: 'a', b: 'b', score: 0 },
      { a: 'c', b: 'd', score: 0 },
      { a: 'm', b: 'n', score: 1 },
    ];
    expect(matchPairs(tied, { matchCut: 0.8, negatives: 'most' }).map((p) => p.a)).toEqual(['a', 'm']);
  });
});
