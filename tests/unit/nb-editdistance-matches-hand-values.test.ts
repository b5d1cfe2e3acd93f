import { describe, expect, it } from 'vitest';
import { edits1, levenshtein } from '../../notebooks/editdistance.ts';

describe('levenshtein', () => {
  it('gives the textbook distances', () => {
    // kitten → sitten (substitute k/s) → sittin (substitute e/i) → sitting (insert g): 3.
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    // From or to the empty string: one insertion or deletion per character.
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });

  it('counts an adjacent swap as two edits, or one with transpositions', () => {
    // teh → the: two substitutions (e/h, h/e) in Levenshtein, one swap in OSA.
    expect(levenshtein('teh', 'the')).toBe(2);
    expect(levenshtein('teh', 'the', true)).toBe(1);
    // OSA may not edit a swapped pair again: ca → abc is 3 (true Damerau distance 2: swap to ac, insert b).
    expect(levenshtein('ca', 'abc', true)).toBe(3);
  });
});

describe('edits1', () => {
  it('lists every one-edit string, counted by hand for a two-letter word', () => {
    // "ab" over {a, b}: inserts a|b at 3 places → aab, bab, aab, abb, aba, abb (unique: aab, bab, abb, aba);
    // deletes → b, a; substitutes → bb, aa; swap → ba. "ab" itself is excluded.
    expect([...edits1('ab', 'ab')].sort()).toEqual(['a', 'aa', 'aab', 'aba', 'abb', 'b', 'ba', 'bab', 'bb']);
    expect(edits1('ab', 'ab', false).has('ba')).toBe(false);
  });

  it('contains exactly the strings at OSA distance 1, on a small alphabet', () => {
    const word = 'abca';
    const neighbours = edits1(word, 'abc');
    for (const s of neighbours) expect(levenshtein(word, s, true)).toBe(1);
  });
});
