import { describe, expect, it } from 'vitest';
import { addKBigram, countNgrams, interpolatedTrigram, kneserNeyBigram, perplexity, unigramModel } from '../../notebooks/ngram.ts';

// Two sentences, padded: predicted tokens a b </s> a a </s>.
// Unigrams: a 3, b 1, </s> 2 (6 tokens). Bigrams: <s> a ×2, a b, b </s>, a a, a </s> (5 types).
const corpus = [
  ['<s>', '<s>', 'a', 'b', '</s>'],
  ['<s>', '<s>', 'a', 'a', '</s>'],
];
const counts = countNgrams(corpus);
const vocab = ['a', 'b', '</s>'];

describe('n-gram models on a two-sentence corpus', () => {
  it('counts unigrams and gives maximum-likelihood unigram probabilities', () => {
    expect(unigramModel(counts)('a', '', '')).toBeCloseTo(3 / 6, 12);
    expect(unigramModel(counts)('</s>', '', '')).toBeCloseTo(2 / 6, 12);
  });

  it('add-1: P(b | a) = (1 + 1) / (3 + 3)', () => {
    expect(addKBigram(counts, 1, vocab.length)('b', 'a', '<s>')).toBeCloseTo(1 / 3, 12);
  });

  it('Kneser–Ney (d = 0.75): discounted count plus continuation mass', () => {
    // After "a": 3 tokens, 3 distinct followers, so the freed mass is 0.75·3/3 = 0.75.
    // Continuation: b follows 1 distinct token of 5 bigram types, a and </s> follow 2 each.
    // P(b|a) = 0.25/3 + 0.75·(1/5); P(a|a) = P(</s>|a) = 0.25/3 + 0.75·(2/5); they sum to 1.
    const kn = kneserNeyBigram(counts, 0.75);
    expect(kn('b', 'a', '')).toBeCloseTo(0.25 / 3 + 0.15, 12);
    expect(kn('a', 'a', '')).toBeCloseTo(0.25 / 3 + 0.3, 12);
    expect(vocab.reduce((s, w) => s + kn(w, 'a', ''), 0)).toBeCloseTo(1, 12);
    // An unseen context uses the continuation distribution alone.
    expect(kn('a', 'zzz', '')).toBeCloseTo(2 / 5, 12);
  });

  it('interpolation sums to one for seen and unseen contexts', () => {
    const model = interpolatedTrigram(counts, 0.5, 0.3);
    for (const [u, v] of [['<s>', '<s>'], ['<s>', 'a'], ['x', 'y']]) {
      expect(vocab.reduce((s, w) => s + model(w, v, u), 0)).toBeCloseTo(1, 12);
    }
  });

  it('perplexity is the inverse geometric mean of the probabilities', () => {
    // Probabilities 1/2 and 1/8 on two predicted tokens: (1/16)^(−1/2) = 4.
    const toy = (w: string) => (w === 'x' ? 1 / 2 : 1 / 8);
    expect(perplexity(toy, [['<s>', '<s>', 'x', 'y']])).toBeCloseTo(4, 12);
  });
});
