/**
 * RocketQAv2 at toy scale: after a shared warm-up, the retriever either keeps
 * training alone on candidate lists (contrastive loss) or trains jointly with
 * the re-ranker by dynamic listwise distillation (KL + re-ranker CE).
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset } from './data.ts';
import {
  createDualEncoder, docText, evaluateRetriever, queryText, retrieve, scoreRankings, trainDualEncoder,
  type DualEncoder, type RetrievalScores,
} from './dense.ts';
import { l2Normalize, listwiseDistillationLoss } from './losses.ts';
import { Rng } from './random.ts';
import { CrossEncoder } from './rerank.ts';
import { trainCrossEncoder } from './rocketqa.ts';
import { train } from './train.ts';

export interface RocketQaV2Config {
  warmupEpochs: number;
  jointEpochs: number;
  /** Candidates per list: the positive first, then negatives from the warm-up retriever's top `depth`. */
  listSize: number;
  depth: number;
  /** Queries per listwise batch. */
  batchSize: number;
  learningRate: number;
  scale: number;
  /** Re-rank this many retrieved glosses when scoring the re-ranker. */
  rerankDepth: number;
  maxTrainQueries?: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaV2Config: RocketQaV2Config = {
  warmupEpochs: 3, jointEpochs: 2, listSize: 8, depth: 30, batchSize: 16, learningRate: 2e-3, scale: 20, rerankDepth: 50, seed: 1,
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

/** Re-ranks each query's retrieved glosses by the cross-encoder. */
function rerank(cross: CrossEncoder, data: RetrievalDataset, queries: RetrievalDataset['test'], rankings: number[][]): number[][] {
  return queries.map((q, i) => {
    const probs = cross.probabilities(rankings[i].map(() => queryText(q)), rankings[i].map((d) => docText(data.docs[d])));
    return rankings[i].map((d, j) => ({ d, p: probs[j] })).sort((a, b) => b.p - a.p).map((x) => x.d);
  });
}

export async function runRocketQaV2(data: RetrievalDataset, config: Partial<RocketQaV2Config> = {}): Promise<RocketQaV2Row[]> {
  const c = { ...defaultRocketQaV2Config, ...config };
  const trainQueries = c.maxTrainQueries ? data.train.slice(0, c.maxTrainQueries) : data.train;
  const progress = (stage: string) => (done: number, total: number) => c.onProgress?.(stage, done, total);
  const rows: RocketQaV2Row[] = [];

  const warmUp = async () => {
    const model = createDualEncoder(c.seed);
    await trainDualEncoder(model, data, trainQueries.map((query) => ({ query })), {
      epochs: c.warmupEpochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed, onProgress: progress('warm-up'),
    });
    return model;
  };

  // Retriever alone: the same lists, contrastive loss over each list, no teacher.
  const alone = await warmUp();
  rows.push({ setting: 'retriever after warm-up', ...evaluateRetriever(alone, data, data.test) });
  const candidateLists = lists(data, trainQueries, retrieve(alone, data, trainQueries, c.depth), c.listSize, c.depth, c.seed);
  const positiveFirst = (n: number) => tf.zeros([n], 'int32') as tf.Tensor1D;
  await train({
    examples: candidateLists, variables: [...alone.query.variables, ...alone.passage.variables], epochs: c.jointEpochs,
    batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed, onProgress: progress('retriever alone'),
    loss: (batch) => tf.losses.softmaxCrossEntropy(tf.oneHot(positiveFirst(batch.length), c.listSize), listScores(alone, data, batch, c.scale)) as tf.Scalar,
  });
  rows.push({ setting: 'retriever alone (+ list training)', ...evaluateRetriever(alone, data, data.test) });
  alone.dispose();

  // Joint: warm-up retriever and a warmed-up re-ranker, trained together by listwise distillation.
  const retriever = await warmUp();
  const mined = retrieve(retriever, data, trainQueries, c.depth);
  const reranker = await trainCrossEncoder(data, trainQueries, mined, {
    negatives: c.listSize - 1, depth: c.depth, epochs: 1, learningRate: c.learningRate, seed: c.seed, onProgress: progress('re-ranker warm-up'),
  });
  await train({
    examples: candidateLists, variables: [...retriever.query.variables, ...retriever.passage.variables, ...reranker.variables],
    epochs: c.jointEpochs, batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed, onProgress: progress('joint'),
    loss: (batch) => {
      const de = listScores(retriever, data, batch, c.scale);
      const ce = reranker.score(batch.flatMap((e) => e.docs.map(() => e.query)), batch.flatMap((e) => e.docs.map((d) => docText(data.docs[d])))).reshape([batch.length, c.listSize]);
      return listwiseDistillationLoss(de, ce as tf.Tensor2D).total;
    },
  });
  rows.push({ setting: 'retriever, joint listwise distillation', ...evaluateRetriever(retriever, data, data.test) });
  const retrieved = retrieve(retriever, data, data.test, c.rerankDepth);
  rows.push({ setting: `joint re-ranker over top ${c.rerankDepth}`, ...scoreRankings(rerank(reranker, data, data.test, retrieved), data.test.map((q) => q.positive)) });
  retriever.dispose();
  reranker.dispose();
  return rows;
}
