/**
 * SGPT-CE's scoring rule on a language model small enough to read: a bigram
 * model with a cache. SGPT-CE scores a query by the log-probability a causal
 * language model gives its tokens after a prompt that contains the document;
 * a bigram model alone would see only the prompt's last word, so a cache
 * component (probability mass on words already in the context) is what lets
 * the document change the query's probability, the role attention plays in GPT.
 */
import { tokenize } from './text.ts';

export interface CacheLmOptions {
  /** Weight of the bigram estimate against the unigram one. */
  bigramWeight: number;
  /** Weight of the context cache against the n-gram model. */
  cacheWeight: number;
}

export const defaultCacheLmOptions: CacheLmOptions = { bigramWeight: 0.6, cacheWeight: 0.3 };

/** Marks the start of a text in bigram counts. */
const START = '<s>';

export class CacheLm {
  readonly options: CacheLmOptions;
  private readonly unigrams = new Map<string, number>();
  private readonly bigrams = new Map<string, Map<string, number>>();
  private readonly following = new Map<string, number>();
  private tokenCount = 0;

  constructor(corpus: string[], options: Partial<CacheLmOptions> = {}) {
    this.options = { ...defaultCacheLmOptions, ...options };
    for (const text of corpus) {
      let prev = START;
      for (const token of tokenize(text)) {
        this.unigrams.set(token, (this.unigrams.get(token) ?? 0) + 1);
        let row = this.bigrams.get(prev);
        if (!row) this.bigrams.set(prev, (row = new Map()));
        row.set(token, (row.get(token) ?? 0) + 1);
        this.following.set(prev, (this.following.get(prev) ?? 0) + 1);
        this.tokenCount++;
        prev = token;
      }
    }
  }

  /** Add-one unigram probability; one extra type stands for every unseen word. */
  unigram(token: string): number {
    return ((this.unigrams.get(token) ?? 0) + 1) / (this.tokenCount + this.unigrams.size + 1);
  }

  /** Bigram estimate interpolated with the unigram one (the unigram alone after an unseen word). */
  ngram(token: string, prev: string): number {
    const total = this.following.get(prev) ?? 0;
    const uni = this.unigram(token);
    if (total === 0) return uni;
    const { bigramWeight } = this.options;
    return bigramWeight * ((this.bigrams.get(prev)?.get(token) ?? 0) / total) + (1 - bigramWeight) * uni;
  }

  /** p(token | context): the n-gram model mixed with the share of `token` among the context's words. */
  probability(token: string, context: string[]): number {
    const prev = context.length > 0 ? context[context.length - 1] : START;
    const base = this.ngram(token, prev);
    if (context.length === 0) return base;
    const hits = context.reduce((n, t) => n + (t === token ? 1 : 0), 0);
    const { cacheWeight } = this.options;
    return (1 - cacheWeight) * base + cacheWeight * (hits / context.length);
  }
}

export interface QueryScore {
  /** Σ_i log p(q_i | prompt(d), q_<i). */
  score: number;
  tokens: { token: string; logProb: number }[];
}

/** The prompt that puts a document in front of the query (our wording of SGPT-CE's idea). */
export function searchPrompt(document: string): string {
  return `search the documents for a match. document: ${document}. this document is a good search result for:`;
}

/**
 * SGPT-CE's score of `query` for `document`: the query's log-likelihood after
 * the prompt. Each query token joins the context once scored, as in an
 * autoregressive model.
 */
export function logProbScore(lm: CacheLm, query: string, document: string, prompt: (d: string) => string = searchPrompt): QueryScore {
  const context = tokenize(prompt(document));
  const tokens: QueryScore['tokens'] = [];
  let score = 0;
  for (const token of tokenize(query)) {
    const logProb = Math.log(lm.probability(token, context));
    tokens.push({ token, logProb });
    score += logProb;
    context.push(token);
  }
  return { score, tokens };
}
