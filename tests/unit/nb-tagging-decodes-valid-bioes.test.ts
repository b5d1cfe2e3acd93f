import { describe, expect, it } from 'vitest';
import { constrainedViterbi, decodeTags, encodeSpans, isValidSequence } from '../../notebooks/tagging.ts';

describe('spans and tags', () => {
  const spans = [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'PER' },
    { start: 5, end: 6, type: 'LOC' },
  ];

  it('encodes "Ada Lovelace met Babbage in London" as written by hand', () => {
    expect(encodeSpans(spans, 6, 'BIO')).toEqual(['B-PER', 'I-PER', 'O', 'B-PER', 'O', 'B-LOC']);
    expect(encodeSpans(spans, 6, 'BIOES')).toEqual(['B-PER', 'E-PER', 'O', 'S-PER', 'O', 'S-LOC']);
  });

  it('decodes both schemes back to the same spans', () => {
    expect(decodeTags(encodeSpans(spans, 6, 'BIO'))).toEqual(spans);
    expect(decodeTags(encodeSpans(spans, 6, 'BIOES'))).toEqual(spans);
  });

  it('reads a stray I leniently and flags invalid sequences', () => {
    expect(decodeTags(['O', 'I-LOC', 'I-LOC'])).toEqual([{ start: 1, end: 3, type: 'LOC' }]);
    expect(isValidSequence(['O', 'I-LOC'], 'BIO')).toBe(false);
    expect(isValidSequence(['B-PER', 'O'], 'BIOES')).toBe(false); // an entity opened and never closed
    expect(isValidSequence(['B-PER', 'E-PER', 'S-LOC'], 'BIOES')).toBe(true);
  });
});

describe('constrainedViterbi', () => {
  it('repairs a greedy B-PER O into the cheapest valid sequence', () => {
    const tagSet = ['O', 'B-PER', 'I-PER', 'E-PER', 'S-PER'];
    const ln = Math.log;
    // Token 1: B-PER 0.6, S-PER 0.3; token 2: O 0.5, E-PER 0.4 (others share the rest).
    // Greedy: B-PER O (invalid). Valid options: B-PER E-PER = 0.6·0.4 = 0.24; S-PER O = 0.3·0.5 = 0.15. Best: B-PER E-PER.
    const logProbs = [
      [ln(0.05), ln(0.6), ln(0.025), ln(0.025), ln(0.3)],
      [ln(0.5), ln(0.04), ln(0.03), ln(0.4), ln(0.03)],
    ];
    expect(constrainedViterbi(logProbs, tagSet, 'BIOES')).toEqual(['B-PER', 'E-PER']);
  });
});
