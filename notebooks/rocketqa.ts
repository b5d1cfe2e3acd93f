/**
 * RocketQA at toy scale on wn-retrieval: in-batch vs cross-batch negatives
 * (more simulated devices sharing their passages, at the same batch and the
 * same number of updates), then hard negatives mined from the retriever, with
 * and without cross-encoder denoising.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import {
  docText, evaluateRetriever, queryText, retrieve, sampleHardNegatives, trainDualEncoder,
  type DualEncoder, type DualExample, type DualTrainConfig, type RetrievalScores,
} from './dense.ts';
import { CrossEncoder, type CrossEncoderConfig } from './rerank.ts';
import { Rng } from './random.ts';
import { createSmallDualEncoder, type SmallEncoderOptions } from './toyqa.ts';
import { defaultFeatureOptions } from './text.ts';
import { train, type ProgressCallback } from './train.ts';

export interface RocketQaConfig {
  /** Simulated devices A: every training step sees A·B queries, whatever the setting. */
  devices: number;
  /** Per-device batch B. */
  batchPerDevice: number;
  /**
   * How many devices share their passages, one setting each (each must divide A):
   * 1 is in-batch training (B − 1 negatives), A is RocketQA's cross-batch (A·B − 1).
   * Hard negatives are added to the full cross-batch setting.
   */
  sharing: number[];
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
  /**
   * The retriever. Shared towers: a from-scratch query tower cannot learn that a
   * query word matches the same word in a gloss unless it met that word in
   * training, and test queries are about synsets never seen in training
   * (separate towers score near chance on the test set).
   */
  encoder: SmallEncoderOptions & { shared: boolean };
  /** Cross-encoder architecture overrides. */
  crossEncoder: Partial<Omit<CrossEncoderConfig, 'seed'>>;
  /** Use at most this many training queries (all when undefined). */
  maxTrainQueries?: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaConfig: RocketQaConfig = {
  devices: 8, batchPerDevice: 8, sharing: [1, 4, 8], epochs: 3, learningRate: 1e-2, scale: 20,
  depth: 20, crossEncoderEpochs: 2, crossEncoderNegatives: 3, denoiseBelow: 0.1,
  encoder: { buckets: 4096, hidden: 64, dim: 64, shared: true },
  // Scoring every mined candidate dominates a run: a narrow cross-encoder keeps three seeds within minutes.
  crossEncoder: { features: { ...defaultFeatureOptions, dim: 4096 }, hidden: 32 },
  seed: 1,
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

/**
 * RocketQA's denoising: a mined candidate (query i, gloss d) whose
 * cross-encoder relevance probability is at least `below` is taken for an
 * unlabelled positive and not used as a negative. `keep` is the filter
 * sampleHardNegatives takes; `flagged` counts the candidates dropped.
 */
export function denoisingFilter(candidates: { i: number; d: number }[], probabilities: number[], below: number): { keep: (query: number, doc: number) => boolean; flagged: number } {
  if (candidates.length !== probabilities.length) throw new Error(`${candidates.length} candidates but ${probabilities.length} probabilities`);
  const flagged = new Set<string>();
  candidates.forEach((p, k) => { if (probabilities[k] >= below) flagged.add(`${p.i}:${p.d}`); });
  return { keep: (query, doc) => !flagged.has(`${query}:${doc}`), flagged: flagged.size };
}

export async function runRocketQa(data: RetrievalDataset, config: Partial<RocketQaConfig> = {}): Promise<RocketQaResult> {
  const c = { ...defaultRocketQaConfig, ...config };
  const trainQueries = c.maxTrainQueries ? data.train.slice(0, c.maxTrainQueries) : data.train;
  const plain: DualExample[] = trainQueries.map((query) => ({ query }));
  const rows: RocketQaRow[] = [];
  const base: Partial<DualTrainConfig> = { epochs: c.epochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed };
  const progress = (stage: string): ProgressCallback => (done, total) => c.onProgress?.(stage, done, total);

  // `group` devices share passages: simulated as A/group devices of group·B queries each, so every setting makes the same updates.
  const fit = async (setting: string, examples: DualExample[], group: number, hard: boolean): Promise<DualEncoder> => {
    if (c.devices % group !== 0) throw new Error(`${group} sharing devices do not divide A = ${c.devices}`);
    const started = performance.now();
    const model = createSmallDualEncoder(c.seed, c.encoder);
    await trainDualEncoder(model, data, examples, {
      ...base, devices: c.devices / group, batchPerDevice: group * c.batchPerDevice, crossBatch: group === c.devices, onProgress: progress(setting),
    });
    const shard = group * c.batchPerDevice;
    rows.push({ setting, negatives: shard - 1 + (hard ? shard : 0), ...evaluateRetriever(model, data, data.test), seconds: (performance.now() - started) / 1000 });
    return model;
  };

  let miner: DualEncoder | undefined;
  for (const group of c.sharing) {
    const name = group === 1 ? `in-batch (A=${c.devices}, B=${c.batchPerDevice})` : `cross-batch, ${group} devices share (B=${c.batchPerDevice})`;
    const model = await fit(name, plain, group, false);
    if (group === c.devices) miner = model;
    else model.dispose();
  }
  miner ??= await fit(`cross-batch, ${c.devices} devices share (B=${c.batchPerDevice})`, plain, c.devices, false);

  const rankings = retrieve(miner, data, trainQueries, c.depth);
  miner.dispose();
  const cross = await trainCrossEncoder(data, trainQueries, rankings, {
    negatives: c.crossEncoderNegatives, depth: c.depth, epochs: c.crossEncoderEpochs, learningRate: c.learningRate, seed: c.seed,
    model: c.crossEncoder, onProgress: progress('cross-encoder'),
  });
  // Probability that each mined candidate is relevant, as the cross-encoder judges it.
  const pairs = trainQueries.flatMap((q, i) => rankings[i].filter((d) => d !== q.positive).map((d) => ({ i, d })));
  const probs = cross.probabilities(pairs.map((p) => queryText(trainQueries[p.i])), pairs.map((p) => docText(data.docs[p.d])));
  cross.dispose();
  const filter = denoisingFilter(pairs, probs, c.denoiseBelow);

  const undenoised = sampleHardNegatives(rankings, trainQueries, data.docs.length, c.depth, c.seed);
  const denoised = sampleHardNegatives(rankings, trainQueries, data.docs.length, c.depth, c.seed, filter.keep);
  (await fit('+ hard negatives, not denoised', undenoised, c.devices, true)).dispose();
  (await fit('+ denoised hard negatives', denoised, c.devices, true)).dispose();
  return { rows, denoisedShare: filter.flagged / Math.max(1, pairs.length) };
}
