/**
 * Count-based n-gram language models up to trigrams: maximum likelihood,
 * add-k, linear interpolation and interpolated Kneser–Ney (bigram), plus
 * perplexity. Sentences are padded by the caller with two start markers and an
 * end marker; the predicted positions are index 2 onward.
 */

/** P(w | u v): the probability of `w` after the two previous tokens `u`, `v`. */
export type NgramModel = (w: string, v: string, u: string) => number;

export interface NgramCounts {
  unigram: Map<string, number>;
  bigram: Map<string, number>;
  trigram: Map<string, number>;
  /** Counts of each one-token context v (as the token before a predicted one). */
  context1: Map<string, number>;
  /** Counts of each two-token context "u v". */
  context2: Map<string, number>;
  /** Distinct tokens seen after each context v: N₁₊(v •). */
  followers: Map<string, number>;
  /** Distinct tokens seen before each token w: N₁₊(• w). */
  predecessors: Map<string, number>;
  tokens: number;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function countNgrams(sentences: string[][]): NgramCounts {
  const c: NgramCounts = { unigram: new Map(), bigram: new Map(), trigram: new Map(), context1: new Map(), context2: new Map(), followers: new Map(), predecessors: new Map(), tokens: 0 };
  for (const s of sentences) {
    for (let i = 2; i < s.length; i++) {
      bump(c.unigram, s[i]);
      bump(c.bigram, `${s[i - 1]} ${s[i]}`);
      bump(c.trigram, `${s[i - 2]} ${s[i - 1]} ${s[i]}`);
      bump(c.context1, s[i - 1]);
      bump(c.context2, `${s[i - 2]} ${s[i - 1]}`);
      c.tokens++;
    }
  }
  for (const key of c.bigram.keys()) {
    const [v, w] = key.split(' ');
    bump(c.followers, v);
    bump(c.predecessors, w);
  }
  return c;
}

export function unigramModel(c: NgramCounts): NgramModel {
  return (w) => (c.unigram.get(w) ?? 0) / c.tokens;
}

/** Add-k bigram over a vocabulary of `vocabSize` predicted tokens. */
export function addKBigram(c: NgramCounts, k: number, vocabSize: number): NgramModel {
  return (w, v) => ((c.bigram.get(`${v} ${w}`) ?? 0) + k) / ((c.context1.get(v) ?? 0) + k * vocabSize);
}

/**
 * λ₃·P_ML(w|u v) + λ₂·P_ML(w|v) + (1 − λ₃ − λ₂)·P(w); when a context was never
 * seen its weight moves to the orders below, so each distribution still sums to 1.
 */
export function interpolatedTrigram(c: NgramCounts, l3: number, l2: number): NgramModel {
  const p1 = unigramModel(c);
  return (w, v, u) => {
    const n2 = c.context2.get(`${u} ${v}`) ?? 0;
    const n1 = c.context1.get(v) ?? 0;
    const a3 = n2 > 0 ? l3 : 0;
    const a2 = n1 > 0 ? (n2 > 0 ? l2 : l2 + l3) : 0;
    const p3 = n2 > 0 ? (c.trigram.get(`${u} ${v} ${w}`) ?? 0) / n2 : 0;
    const p2 = n1 > 0 ? (c.bigram.get(`${v} ${w}`) ?? 0) / n1 : 0;
    return a3 * p3 + a2 * p2 + (1 - a3 - a2) * p1(w, v, u);
  };
}

/** Interpolated Kneser–Ney bigram with discount d; an unseen context falls back to the continuation distribution. */
export function kneserNeyBigram(c: NgramCounts, d: number): NgramModel {
  const bigramTypes = c.bigram.size;
  return (w, v) => {
    const pCont = (c.predecessors.get(w) ?? 0) / bigramTypes;
    const n = c.context1.get(v) ?? 0;
    if (n === 0) return pCont;
    return Math.max((c.bigram.get(`${v} ${w}`) ?? 0) - d, 0) / n + ((d * (c.followers.get(v) ?? 0)) / n) * pCont;
  };
}

/** exp of the mean negative log-probability over the predicted positions of `sentences`. */
export function perplexity(model: NgramModel, sentences: string[][]): number {
  let nll = 0;
  let n = 0;
  for (const s of sentences) {
    for (let i = 2; i < s.length; i++) {
      nll -= Math.log(model(s[i], s[i - 1], s[i - 2]));
      n++;
    }
  }
  return Math.exp(nll / n);
}
