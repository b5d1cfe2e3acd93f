import { describe, expect, it } from 'vitest';
import { CacheLm, logProbScore, searchPrompt } from '../../notebooks/sgpt.ts';

// Corpus "a b", "a c": counts a:2 b:1 c:1 (4 tokens, 3 types), bigrams a→b, a→c.
const lm = new CacheLm(['a b', 'a c'], { bigramWeight: 0.6, cacheWeight: 0.3 });

describe('CacheLm', () => {
  it('add-one unigram keeps a slot for unseen words', () => {
    expect(lm.unigram('a')).toBeCloseTo(3 / 8, 12);
    expect(lm.unigram('zebra')).toBeCloseTo(1 / 8, 12);
  });

  it('interpolates bigram and unigram, and falls back to the unigram after an unseen word', () => {
    expect(lm.ngram('b', 'a')).toBeCloseTo(0.6 * 0.5 + 0.4 * (2 / 8), 12);
    expect(lm.ngram('a', 'b')).toBeCloseTo(3 / 8, 12);
  });

  it('moves mass to words already in the context', () => {
    expect(lm.probability('b', ['x', 'a'])).toBeCloseTo(0.7 * 0.4, 12);
    expect(lm.probability('a', ['a'])).toBeCloseTo(0.7 * 0.4 * (3 / 8) + 0.3, 12);
  });
});

describe('logProbScore', () => {
  it('sums log p(q_i | prompt(d), q_<i), each query token joining the context', () => {
    const { score, tokens } = logProbScore(lm, 'b a', 'a', (d) => d);
    expect(tokens.map((t) => t.token)).toEqual(['b', 'a']);
    expect(tokens[0].logProb).toBeCloseTo(Math.log(0.28), 12);
    expect(tokens[1].logProb).toBeCloseTo(Math.log(0.7 * (3 / 8) + 0.3 * 0.5), 12);
    expect(score).toBeCloseTo(tokens[0].logProb + tokens[1].logProb, 12);
  });

  it('prefers the document that shares the query words', () => {
    const corpus = new CacheLm(['the river bank was muddy', 'the bank lent money', 'money and loans']);
    const query = 'he borrowed money';
    const finance = logProbScore(corpus, query, 'a financial institution that lends money').score;
    const river = logProbScore(corpus, query, 'sloping land beside a river').score;
    expect(finance).toBeGreaterThan(river);
    expect(searchPrompt('x')).toContain('x');
  });
});
