/**
 * A dual-encoder retriever over wn-retrieval: query and passage encoders
 * trained with a contrastive loss, evaluated by exact search over all glosses.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalDoc, RetrievalQuery } from './data.ts';
import { BagEncoder, embedAll, type TextEncoder } from './encoders.ts';
import { l2Normalize, shardedContrastiveLoss } from './losses.ts';
import { mrrAtK, ndcgAtK, recallAtK } from './metrics.ts';
import { Rng } from './random.ts';
import { topK } from './retrieval.ts';
import { train, type EpochRecord, type ProgressCallback } from './train.ts';

/** A query as the model reads it: the blanked word in front, so the task is picking the right sense's gloss. */
export function queryText(q: RetrievalQuery): string {
  return `${q.word}: ${q.text}`;
}

/** A gloss as the model reads it: its lemmas, then its definition. */
export function docText(d: RetrievalDoc): string {
  return `${d.lemmas.join(', ').replaceAll('_', ' ')}: ${d.text}`;
}

export interface DualEncoder {
  query: TextEncoder;
  passage: TextEncoder;
  dispose(): void;
}

export function createDualEncoder(seed: number, dim = 128): DualEncoder {
  const query = new BagEncoder({ seed, dim });
  const passage = new BagEncoder({ seed: seed + 1, dim });
  return { query, passage, dispose: () => { query.dispose(); passage.dispose(); } };
}

/**
 * One encoder for both sides (the passage side exposes no variables of its
 * own, so an optimiser sees each weight once): a from-scratch encoder then
 * matches a query word with the same word in a gloss from the start.
 */
export function sharedTower(encoder: TextEncoder): DualEncoder {
  return {
    query: encoder,
    passage: { dim: encoder.dim, variables: [], encode: (texts: string[]) => encoder.encode(texts), dispose: () => {} },
    dispose: () => encoder.dispose(),
  };
}

/** Normalised embeddings of every gloss (caller disposes). */
export function embedDocs(model: DualEncoder, docs: RetrievalDoc[]): tf.Tensor2D {
  return tf.tidy(() => l2Normalize(embedAll(model.passage, docs.map(docText))));
}

export function embedQueries(model: DualEncoder, queries: RetrievalQuery[]): tf.Tensor2D {
  return tf.tidy(() => l2Normalize(embedAll(model.query, queries.map(queryText))));
}

export interface RetrievalScores {
  mrr10: number;
  recall1: number;
  recall10: number;
  recall50: number;
  recall100: number;
  ndcg10: number;
}

export function scoreRankings(rankings: number[][], positives: number[]): RetrievalScores {
  return {
    mrr10: mrrAtK(rankings, positives, 10),
    recall1: recallAtK(rankings, positives, 1),
    recall10: recallAtK(rankings, positives, 10),
    recall50: recallAtK(rankings, positives, 50),
    recall100: recallAtK(rankings, positives, 100),
    ndcg10: ndcgAtK(rankings, positives, 10),
  };
}

/** Top-`k` gloss indices for each query, by cosine. */
export function retrieve(model: DualEncoder, data: RetrievalDataset, queries: RetrievalQuery[], k: number): number[][] {
  const d = embedDocs(model, data.docs);
  const q = embedQueries(model, queries);
  try {
    return topK(q, d, k, { metric: 'dot' }).indices;
  } finally {
    tf.dispose([d, q]);
  }
}

export function evaluateRetriever(model: DualEncoder, data: RetrievalDataset, queries: RetrievalQuery[]): RetrievalScores {
  return scoreRankings(retrieve(model, data, queries, 100), queries.map((q) => q.positive));
}

/** A training example: a query, its positive, and optionally one hard negative gloss. */
export interface DualExample {
  query: RetrievalQuery;
  hardNegative?: number;
}

export interface DualTrainConfig {
  /** Simulated devices A; the batch holds A shards of `batchPerDevice` queries. */
  devices: number;
  batchPerDevice: number;
  /** Share passages across devices (RocketQA's cross-batch negatives). */
  crossBatch: boolean;
  epochs: number;
  learningRate: number;
  /** Scores are scale · cosine (a temperature of 1/scale). */
  scale: number;
  seed: number;
  onProgress?: ProgressCallback;
}

export const defaultDualTrainConfig: DualTrainConfig = {
  devices: 4, batchPerDevice: 16, crossBatch: true, epochs: 4, learningRate: 2e-3, scale: 20, seed: 1,
};

/** Trains `model` in place; returns the per-epoch history with dev MRR@10. */
export async function trainDualEncoder(model: DualEncoder, data: RetrievalDataset, examples: DualExample[], config: Partial<DualTrainConfig> = {}): Promise<EpochRecord[]> {
  const c = { ...defaultDualTrainConfig, ...config };
  const withHard = examples.some((e) => e.hardNegative !== undefined);
  const loss = (batch: DualExample[]) => {
    const q = l2Normalize(model.query.encode(batch.map((e) => queryText(e.query))));
    const p = l2Normalize(model.passage.encode(batch.map((e) => docText(data.docs[e.query.positive]))));
    const hard = withHard
      ? l2Normalize(model.passage.encode(batch.map((e) => docText(data.docs[e.hardNegative!]))))
      : undefined;
    return shardedContrastiveLoss(q, p, { devices: c.devices, crossBatch: c.crossBatch, hardNegatives: hard, temperature: 1 / c.scale });
  };
  const result = await train({
    examples, variables: [...model.query.variables, ...model.passage.variables], loss,
    epochs: c.epochs, batchSize: c.devices * c.batchPerDevice, learningRate: c.learningRate, seed: c.seed, onProgress: c.onProgress,
  });
  return result.history;
}

/**
 * One hard negative per query, drawn from the retriever's top `depth` glosses
 * (the positive excluded); `keep` filters candidates (denoising). A query with
 * no candidate left gets a random gloss, so every batch keeps its shape.
 */
export function sampleHardNegatives(
  rankings: number[][], queries: RetrievalQuery[], docCount: number, depth: number, seed: number,
  keep: (query: number, doc: number) => boolean = () => true,
): DualExample[] {
  const rng = new Rng(seed);
  return queries.map((query, i) => {
    const candidates = rankings[i].slice(0, depth).filter((d) => d !== query.positive && keep(i, d));
    if (candidates.length > 0) return { query, hardNegative: candidates[rng.int(candidates.length)] };
    let random = rng.int(docCount);
    while (random === query.positive) random = rng.int(docCount);
    return { query, hardNegative: random };
  });
}
