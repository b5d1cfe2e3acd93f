/**
 * SGPT at toy scale. The bi-encoder part: the pooling grid (causal and
 * bidirectional Transformers of one size, each pooled three ways), trained
 * and scored on a wn-retrieval slice.
 *
 * SGPT-CE's scoring rule on a language model small enough to read: a bigram
 * model with a cache. SGPT-CE scores a query by the log-probability a causal
 * language model gives its tokens after a prompt that contains the document;
 * a bigram model alone would see only the prompt's last word, so a cache
 * component (probability mass on words already in the context) is what lets
 * the document change the query's probability, the role attention plays in GPT.
 */
import type { RetrievalDataset } from './data.ts';
import { evaluateRetriever, sharedTower, trainDualEncoder } from './dense.ts';
import { TransformerEncoder, type Pooling, type TransformerConfig } from './encoders.ts';
import { tokenize } from './text.ts';

export type Attention = 'causal' | 'bidirectional';

export interface PoolingGridConfig {
  /** The one encoder size of the grid; the mask and the pooling come from the grid. */
  encoder: Omit<TransformerConfig, 'seed' | 'causal' | 'pooling'>;
  attentions: readonly Attention[];
  poolings: readonly Pooling[];
  /** Training queries used, from the start of the slice's training queries. */
  queries: number;
  epochs: number;
  /** In-batch negatives: batchSize − 1 per query. */
  batchSize: number;
  learningRate: number;
  /** 1 / temperature. */
  scale: number;
  seed: number;
  onProgress?: (label: string, done: number, total: number) => void;
}

export const defaultPoolingGrid: PoolingGridConfig = {
  encoder: { vocab: 4096, maxLen: 16, dim: 32, heads: 2, layers: 1, ffn: 64 },
  attentions: ['causal', 'bidirectional'],
  poolings: ['mean', 'weighted-mean', 'last'],
  queries: 800, epochs: 2, batchSize: 64, learningRate: 0.005, scale: 20, seed: 1,
};

export interface PoolingRow {
  attention: Attention;
  pooling: Pooling;
  mrr10: number;
  recall10: number;
  /** Mean training loss of the last epoch. */
  finalLoss: number;
}

/**
 * One shared-tower retriever per (attention, pooling), every one from the
 * seed's initial weights, on the same batches for the same updates: only the
 * mask and the pooling differ.
 */
export async function runPoolingGrid(data: RetrievalDataset, config: Partial<PoolingGridConfig> = {}): Promise<PoolingRow[]> {
  const c = { ...defaultPoolingGrid, ...config };
  const examples = data.train.slice(0, c.queries).map((query) => ({ query }));
  const rows: PoolingRow[] = [];
  for (const attention of c.attentions) {
    for (const pooling of c.poolings) {
      const tower = sharedTower(new TransformerEncoder({ ...c.encoder, causal: attention === 'causal', pooling, seed: c.seed }));
      try {
        const label = `${attention}, ${pooling}`;
        const history = await trainDualEncoder(tower, data, examples, {
          devices: 1, batchPerDevice: c.batchSize, crossBatch: false, epochs: c.epochs,
          learningRate: c.learningRate, scale: c.scale, seed: c.seed,
          onProgress: (done, total) => c.onProgress?.(label, done, total),
        });
        const scores = evaluateRetriever(tower, data, data.test);
        rows.push({ attention, pooling, mrr10: scores.mrr10, recall10: scores.recall10, finalLoss: history[history.length - 1].loss });
      } finally {
        tower.dispose();
      }
    }
  }
  return rows;
}

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
