import { describe, expect, it } from 'vitest';
import { Bm25Index, termBag } from '../../notebooks/bm25.ts';

describe('Bm25Index', () => {
  // Three documents; avgdl = (2 + 3 + 1) / 3 = 2.
  const docs = [['red', 'shoe'], ['red', 'red', 'dress'], ['hat']];
  const index = new Bm25Index(docs);

  it('computes IDF with the Lucene formula', () => {
    // "red" is in 2 of 3 documents: ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln(1.6).
    expect(index.idf('red')).toBeCloseTo(Math.log(1.6), 12);
    // An unseen term: ln(1 + 3.5/0.5) = ln 8.
    expect(index.idf('boot')).toBeCloseTo(Math.log(8), 12);
  });

  it('scores documents as the formula does by hand', () => {
    // Query "red": doc 1 has f = 2, |d| = 3: ln1.6 · 2·2.2 / (2 + 1.2·(0.25 + 0.75·3/2)) = ln1.6 · 4.4 / 3.65.
    // Doc 0 has f = 1, |d| = 2 = avgdl: ln1.6 · 2.2 / (1 + 1.2) = ln1.6.
    const results = index.search(termBag(['red']), 10);
    expect(results.map(([d]) => d)).toEqual([1, 0]);
    expect(results[0][1]).toBeCloseTo((Math.log(1.6) * 4.4) / 3.65, 12);
    expect(results[1][1]).toBeCloseTo(Math.log(1.6), 12);
  });

  it('weights query terms linearly and ignores unknown ones', () => {
    const once = index.search(termBag(['hat']), 1)[0][1];
    const half = index.search(termBag(['hat'], 0.5), 1)[0][1];
    expect(half).toBeCloseTo(once / 2, 12);
    expect(index.search(termBag(['boot']), 5)).toEqual([]);
  });
});
