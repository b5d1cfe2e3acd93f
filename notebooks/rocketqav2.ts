/**
 * RocketQAv2 at toy scale: after a shared warm-up, the retriever either keeps
 * training alone on candidate lists (contrastive loss) or trains jointly with
 * the re-ranker by dynamic listwise distillation (KL + re-ranker CE).
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset } from './data.ts';
import {
  docText, evaluateRetriever, queryText, retrieve, scoreRankings, trainDualEncoder,
  type DualEncoder, type RetrievalScores,
} from './dense.ts';
import { l2Normalize, listwiseDistillationLoss, oneHotRows } from './losses.ts';
import { Rng } from './random.ts';
import { CrossEncoder, type CrossEncoderConfig } from './rerank.ts';
import { defaultRocketQaConfig, trainCrossEncoder } from './rocketqa.ts';
import { createSmallDualEncoder, type SmallEncoderOptions } from './toyqa.ts';
import { train } from './train.ts';

export interface RocketQaV2Config {
  warmupEpochs: number;
  jointEpochs: number;
  /** Candidates per list: the positive first, then negatives from the warm-up retriever's top `depth`. */
  listSize: number;
  depth: number;
  /** Queries per listwise batch. */
  batchSize: number;
  /** Warm-up learning rate. */
  learningRate: number;
  /** Learning rate of the list training (alone and joint), which fine-tunes the warm retriever. */
  listLearningRate: number;
  scale: number;
  /** Re-rank this many retrieved glosses when scoring the re-ranker. */
  rerankDepth: number;
  /** The retriever, with shared towers by default for the reason given at `RocketQaConfig.encoder`. */
  encoder: SmallEncoderOptions & { shared: boolean };
  /** Re-ranker architecture overrides. */
  crossEncoder: Partial<Omit<CrossEncoderConfig, 'seed'>>;
  maxTrainQueries?: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaV2Config: RocketQaV2Config = {
  warmupEpochs: 3, jointEpochs: 1, listSize: 8, depth: 20, batchSize: 16, learningRate: 1e-2, listLearningRate: 2e-3, scale: 20, rerankDepth: 50,
  encoder: defaultRocketQaConfig.encoder, crossEncoder: defaultRocketQaConfig.crossEncoder, seed: 1,
};

export interface RocketQaV2Row extends RetrievalScores {
  setting: string;
}

interface ListExample {
  query: string;
  /** Gloss indices, positive first. */
  docs: number[];
}

function lists(data: RetrievalDataset, queries: RetrievalDataset['train'], rankings: number[][], size: number, depth: number, seed: number): ListExample[] {
  const rng = new Rng(seed);
  return queries.map((q, i) => {
    const pool = rankings[i].slice(0, depth).filter((d) => d !== q.positive);
    const negatives = rng.sample(pool.length, size - 1).map((j) => pool[j]);
    while (negatives.length < size - 1) negatives.push(rng.int(data.docs.length));
    return { query: queryText(q), docs: [q.positive, ...negatives] };
  });
}

function listScores(model: DualEncoder, data: RetrievalDataset, batch: ListExample[], scale: number): tf.Tensor2D {
  const n = batch[0].docs.length;
  const q = l2Normalize(model.query.encode(batch.map((e) => e.query)));
  const p = l2Normalize(model.passage.encode(batch.flatMap((e) => e.docs.map((d) => docText(data.docs[d]))))).reshape([batch.length, n, -1]);
  return tf.squeeze(tf.matMul(p, q.expandDims(2)), [2]).mul(scale) as tf.Tensor2D;
}

/** Re-ranks each query's retrieved glosses by the cross-encoder, every pair scored in one batched pass. */
function rerank(cross: CrossEncoder, data: RetrievalDataset, queries: RetrievalDataset['test'], rankings: number[][]): number[][] {
  const probs = cross.probabilities(queries.flatMap((q, i) => rankings[i].map(() => queryText(q))), rankings.flatMap((r) => r.map((d) => docText(data.docs[d]))));
  let offset = 0;
  return rankings.map((ranking) => {
    const scored = ranking.map((d, j) => ({ d, p: probs[offset + j] }));
    offset += ranking.length;
    return scored.sort((a, b) => b.p - a.p).map((x) => x.d);
  });
}

export async function runRocketQaV2(data: RetrievalDataset, config: Partial<RocketQaV2Config> = {}): Promise<RocketQaV2Row[]> {
  const c = { ...defaultRocketQaV2Config, ...config };
  const trainQueries = c.maxTrainQueries ? data.train.slice(0, c.maxTrainQueries) : data.train;
  const progress = (stage: string) => (done: number, total: number) => c.onProgress?.(stage, done, total);
  const rows: RocketQaV2Row[] = [];

  // One warm-up, snapshotted, so both branches start from the same retriever without training it twice.
  const retriever = createSmallDualEncoder(c.seed, c.encoder);
  const retrieverVariables = [...retriever.query.variables, ...retriever.passage.variables];
  // The warm-up is RocketQA's cross-batch retriever (its A and B), the starting point the paper also uses.
  const { devices, batchPerDevice } = defaultRocketQaConfig;
  await trainDualEncoder(retriever, data, trainQueries.map((query) => ({ query })), {
    devices, batchPerDevice, crossBatch: true, epochs: c.warmupEpochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed, onProgress: progress('warm-up'),
  });
  const warm = retrieverVariables.map((v) => tf.clone(v));
  rows.push({ setting: 'retriever after warm-up', ...evaluateRetriever(retriever, data, data.test) });
  const mined = retrieve(retriever, data, trainQueries, c.depth);
  const candidateLists = lists(data, trainQueries, mined, c.listSize, c.depth, c.seed);
  const testPositives = data.test.map((q) => q.positive);

  // Retriever alone: the same lists, contrastive loss over each list, no teacher.
  const positiveFirst = (n: number) => tf.zeros([n], 'int32') as tf.Tensor1D;
  await train({
    examples: candidateLists, variables: retrieverVariables, epochs: c.jointEpochs,
    batchSize: c.batchSize, learningRate: c.listLearningRate, seed: c.seed, onProgress: progress('retriever alone'),
    loss: (batch) => tf.losses.softmaxCrossEntropy(oneHotRows(positiveFirst(batch.length), c.listSize), listScores(retriever, data, batch, c.scale)) as tf.Scalar,
  });
  rows.push({ setting: 'retriever alone (+ list training)', ...evaluateRetriever(retriever, data, data.test) });

  // Joint: the warm-up retriever and a warmed-up re-ranker, trained together by listwise distillation.
  retrieverVariables.forEach((v, i) => v.assign(warm[i]));
  tf.dispose(warm);
  const reranker = await trainCrossEncoder(data, trainQueries, mined, {
    negatives: c.listSize - 1, depth: c.depth, epochs: 1, learningRate: c.learningRate, seed: c.seed, model: c.crossEncoder, onProgress: progress('re-ranker warm-up'),
  });
  const warmRetrieved = retrieve(retriever, data, data.test, c.rerankDepth);
  rows.push({ setting: `re-ranker after warm-up, over top ${c.rerankDepth}`, ...scoreRankings(rerank(reranker, data, data.test, warmRetrieved), testPositives) });
  await train({
    examples: candidateLists, variables: [...retrieverVariables, ...reranker.variables],
    epochs: c.jointEpochs, batchSize: c.batchSize, learningRate: c.listLearningRate, seed: c.seed, onProgress: progress('joint'),
    loss: (batch) => {
      const de = listScores(retriever, data, batch, c.scale);
      const ce = reranker.score(batch.flatMap((e) => e.docs.map(() => e.query)), batch.flatMap((e) => e.docs.map((d) => docText(data.docs[d])))).reshape([batch.length, c.listSize]);
      return listwiseDistillationLoss(de, ce as tf.Tensor2D).total;
    },
  });
  rows.push({ setting: 'retriever, joint listwise distillation', ...evaluateRetriever(retriever, data, data.test) });
  const retrieved = retrieve(retriever, data, data.test, c.rerankDepth);
  rows.push({ setting: `joint re-ranker, over top ${c.rerankDepth}`, ...scoreRankings(rerank(reranker, data, data.test, retrieved), testPositives) });
  retriever.dispose();
  reranker.dispose();
  return rows;
}
