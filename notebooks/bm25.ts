/**
 * BM25 over an in-memory inverted index, for weighted bags of query terms:
 *   score(q, d) = Σ_t w_t · IDF(t) · f(t,d)(k1 + 1) / (f(t,d) + k1(1 − b + b·|d|/avgdl)),
 *   IDF(t) = ln(1 + (N − n_t + 0.5)/(n_t + 0.5))   (the non-negative Lucene variant).
 * Documents are given already tokenised.
 */

export interface Bm25Options {
  k1: number;
  b: number;
}

export const defaultBm25Options: Bm25Options = { k1: 1.2, b: 0.75 };

export class Bm25Index {
  readonly docs: string[][];
  readonly avgdl: number;
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly options: Bm25Options;

  constructor(docs: string[][], options: Partial<Bm25Options> = {}) {
    this.docs = docs;
    this.options = { ...defaultBm25Options, ...options };
    this.avgdl = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length);
    docs.forEach((terms, i) => {
      for (const t of terms) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = new Map()));
        p.set(i, (p.get(i) ?? 0) + 1);
      }
    });
  }

  /** Number of documents containing `term`. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  idf(term: string): number {
    const n = this.documentFrequency(term);
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** The top `k` documents for a weighted bag of query terms, as [doc index, score], best first. */
  search(query: Map<string, number>, k: number): [number, number][] {
    const { k1, b } = this.options;
    const scores = new Map<number, number>();
    for (const [t, w] of query) {
      const p = this.postings.get(t);
      if (!p) continue;
      const weight = w * this.idf(t);
      for (const [d, f] of p) scores.set(d, (scores.get(d) ?? 0) + (weight * f * (k1 + 1)) / (f + k1 * (1 - b + (b * this.docs[d].length) / this.avgdl)));
    }
    return [...scores].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, k);
  }
}

/** A bag of terms with counts (times `weight`), the query form `search` takes. */
export function termBag(terms: string[], weight = 1): Map<string, number> {
  const bag = new Map<string, number>();
  for (const t of terms) bag.set(t, (bag.get(t) ?? 0) + weight);
  return bag;
}
