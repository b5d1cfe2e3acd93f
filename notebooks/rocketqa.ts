/**
 * RocketQA at toy scale on wn-retrieval: in-batch vs cross-batch negatives
 * (more simulated devices, more shared negatives), then hard negatives mined
 * from the retriever, with and without cross-encoder denoising.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import {
  createDualEncoder, docText, evaluateRetriever, queryText, retrieve, sampleHardNegatives, trainDualEncoder,
  type DualExample, type DualTrainConfig, type RetrievalScores,
} from './dense.ts';
import { CrossEncoder, type CrossEncoderConfig } from './rerank.ts';
import { Rng } from './random.ts';
import { train, type ProgressCallback } from './train.ts';

export interface RocketQaConfig {
  /** Per-device batch B. */
  batchPerDevice: number;
  /** Devices A for the in-batch baseline and for mining. */
  devices: number;
  /** Device counts tried with cross-batch negatives (A·B − 1 negatives each). */
  crossBatchDevices: number[];
  epochs: number;
  learningRate: number;
  scale: number;
  /** Hard negatives are drawn from the mining retriever's top `depth` glosses. */
  depth: number;
  crossEncoderEpochs: number;
  /** Retrieved negatives per query used to train the cross-encoder. */
  crossEncoderNegatives: number;
  /** A mined negative is kept only if the cross-encoder's relevance probability is below this. */
  denoiseBelow: number;
  /** Use at most this many training queries (all when undefined). */
  maxTrainQueries?: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaConfig: RocketQaConfig = {
  batchPerDevice: 16, devices: 4, crossBatchDevices: [2, 4, 8], epochs: 4, learningRate: 2e-3, scale: 20,
  depth: 30, crossEncoderEpochs: 3, crossEncoderNegatives: 3, denoiseBelow: 0.1, seed: 1,
};

export interface RocketQaRow extends RetrievalScores {
  setting: string;
  /** Negatives each query is scored against in training. */
  negatives: number;
  seconds: number;
}

export interface RocketQaResult {
  rows: RocketQaRow[];
  /** Share of mined hard-negative candidates the cross-encoder flagged as likely positives. */
  denoisedShare: number;
}

/** Trains a cross-encoder on positives and the retriever's own top-ranked negatives (pointwise, sigmoid cross-entropy). */
export async function trainCrossEncoder(
  data: RetrievalDataset, queries: RetrievalQuery[], rankings: number[][],
  options: {
    negatives: number; depth: number; epochs: number; learningRate: number; seed: number; onProgress?: ProgressCallback;
    /** Architecture overrides (e.g. fewer hash buckets for a page-sized run). */
    model?: Partial<Omit<CrossEncoderConfig, 'seed'>>;
  },
): Promise<CrossEncoder> {
  const rng = new Rng(options.seed);
  const examples: { q: string; d: string; label: number }[] = [];
  queries.forEach((query, i) => {
    examples.push({ q: queryText(query), d: docText(data.docs[query.positive]), label: 1 });
    const pool = rankings[i].slice(0, options.depth).filter((d) => d !== query.positive);
    for (const j of rng.sample(pool.length, options.negatives)) examples.push({ q: queryText(query), d: docText(data.docs[pool[j]]), label: 0 });
  });
  const model = new CrossEncoder({ ...options.model, seed: options.seed });
  await train({
    examples, variables: model.variables, epochs: options.epochs, batchSize: 64, learningRate: options.learningRate, seed: options.seed,
    onProgress: options.onProgress,
    loss: (batch) => tf.losses.sigmoidCrossEntropy(tf.tensor1d(batch.map((e) => e.label)), model.score(batch.map((e) => e.q), batch.map((e) => e.d))) as tf.Scalar,
  });
  return model;
}

export async function runRocketQa(data: RetrievalDataset, config: Partial<RocketQaConfig> = {}): Promise<RocketQaResult> {
  const c = { ...defaultRocketQaConfig, ...config };
  const trainQueries = c.maxTrainQueries ? data.train.slice(0, c.maxTrainQueries) : data.train;
  const plain: DualExample[] = trainQueries.map((query) => ({ query }));
  const rows: RocketQaRow[] = [];
  const base: Partial<DualTrainConfig> = { batchPerDevice: c.batchPerDevice, epochs: c.epochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed };
  const progress = (stage: string): ProgressCallback => (done, total) => c.onProgress?.(stage, done, total);

  const fit = async (setting: string, examples: DualExample[], devices: number, crossBatch: boolean, hard: boolean) => {
    const started = performance.now();
    const model = createDualEncoder(c.seed);
    await trainDualEncoder(model, data, examples, { ...base, devices, crossBatch, onProgress: progress(setting) });
    const shard = crossBatch ? devices * c.batchPerDevice : c.batchPerDevice;
    const negatives = shard - 1 + (hard ? shard : 0);
    rows.push({ setting, negatives, ...evaluateRetriever(model, data, data.test), seconds: (performance.now() - started) / 1000 });
    return model;
  };

  (await fit(`in-batch (A=${c.devices}, B=${c.batchPerDevice})`, plain, c.devices, false, false)).dispose();
  let miner: ReturnType<typeof createDualEncoder> | undefined;
  for (const devices of c.crossBatchDevices) {
    const model = await fit(`cross-batch (A=${devices}, B=${c.batchPerDevice})`, plain, devices, true, false);
    if (devices === c.devices) miner = model;
    else model.dispose();
  }
  miner ??= await fit(`cross-batch (A=${c.devices}, B=${c.batchPerDevice})`, plain, c.devices, true, false);

  const rankings = retrieve(miner, data, trainQueries, c.depth);
  miner.dispose();
  const cross = await trainCrossEncoder(data, trainQueries, rankings, {
    negatives: c.crossEncoderNegatives, depth: c.depth, epochs: c.crossEncoderEpochs, learningRate: c.learningRate, seed: c.seed,
    onProgress: progress('cross-encoder'),
  });
  // Probability that each mined candidate is relevant, as the cross-encoder judges it.
  const pairs = trainQueries.flatMap((q, i) => rankings[i].filter((d) => d !== q.positive).map((d) => ({ i, d })));
  const probs = cross.probabilities(pairs.map((p) => queryText(trainQueries[p.i])), pairs.map((p) => docText(data.docs[p.d])));
  cross.dispose();
  const flagged = new Set<string>();
  pairs.forEach((p, k) => { if (probs[k] >= c.denoiseBelow) flagged.add(`${p.i}:${p.d}`); });

  const undenoised = sampleHardNegatives(rankings, trainQueries, data.docs.length, c.depth, c.seed);
  const denoised = sampleHardNegatives(rankings, trainQueries, data.docs.length, c.depth, c.seed, (i, d) => !flagged.has(`${i}:${d}`));
  (await fit(`+ hard negatives, not denoised (A=${c.devices})`, undenoised, c.devices, true, true)).dispose();
  (await fit(`+ denoised hard negatives (A=${c.devices})`, denoised, c.devices, true, true)).dispose();
  return { rows, denoisedShare: flagged.size / Math.max(1, pairs.length) };
}
