/**
 * RocketQA at toy scale on wn-retrieval, one seed at a time: in-batch vs
 * cross-batch negatives (more simulated devices sharing their passages, at the
 * same batch and the same number of updates), a cross-encoder that flags
 * likely unlabelled positives among the mined hard negatives, hard negatives
 * with and without that denoising, and cross-encoder-labelled queries added.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import {
  docText, queryText, retrieve, sampleHardNegatives, scoreRankings, trainDualEncoder,
  type DualEncoder, type DualExample, type RetrievalScores,
} from './dense.ts';
import { mrrAtK } from './metrics.ts';
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
   * Both must be present; hard negatives are added to the full cross-batch setting.
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
  /** A mined negative is kept only if the cross-encoder's relevance probability is below this (the paper's 0.1). */
  negativeBelow: number;
  /** An unlabelled query's best candidate becomes its pseudo-positive above this probability (the paper's 0.9). */
  positiveAbove: number;
  /**
   * The retriever. Shared towers: a from-scratch query tower cannot learn that a
   * query word matches the same word in a gloss unless it met that word in
   * training, and test queries are about synsets never seen in training
   * (separate towers score near chance on the test set).
   */
  encoder: SmallEncoderOptions & { shared: boolean };
  /** Cross-encoder architecture overrides. */
  crossEncoder: Partial<Omit<CrossEncoderConfig, 'seed'>>;
  /** Flagged top-ranked negatives returned for display. */
  examples: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaConfig: RocketQaConfig = {
  devices: 8, batchPerDevice: 8, sharing: [1, 8], epochs: 3, learningRate: 1e-2, scale: 20,
  depth: 10, crossEncoderEpochs: 3, crossEncoderNegatives: 3, negativeBelow: 0.1, positiveAbove: 0.9, examples: 10,
  encoder: { buckets: 4096, hidden: 64, dim: 64, shared: true },
  crossEncoder: { features: { ...defaultFeatureOptions, dim: 4096 }, hidden: 64 },
  seed: 1,
};

export interface RocketQaRow extends RetrievalScores {
  setting: string;
  /** Reciprocal rank within the top 10 (0 beyond) of each test query's gold gloss: MRR@10 is their mean. */
  reciprocalRanks: number[];
  /** Negatives each query is scored against in training. */
  negatives: number;
  seconds: number;
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

/** The labelled queries the pipeline trains on, and the unlabelled ones step 4 labels with the cross-encoder. */
export interface RocketQaSplit {
  labelled: RetrievalQuery[];
  /** Their gold glosses are never trained on: they only measure how often a pseudo-positive is right. */
  unlabelled: RetrievalQuery[];
}

/** A flagged hard negative: the top-ranked mined gloss of a labelled query that the cross-encoder calls relevant. */
export interface FlaggedNegative {
  /** Index into the split's labelled queries. */
  query: number;
  doc: number;
  probability: number;
}

export interface RocketQaResult {
  rows: RocketQaRow[];
  /** Share of mined candidates (labelled queries, positive excluded) the cross-encoder flags as likely positives. */
  flaggedShare: number;
  /** The most confident flagged top-ranked negatives, at most `examples` of them. */
  flagged: FlaggedNegative[];
  /**
   * Per test query, the reciprocal rank@10 of the gold gloss among the
   * cross-batch retriever's top `depth` glosses, in the retriever's order and
   * re-ordered by the cross-encoder: whether the filter judges relevance better
   * than the model it cleans up after.
   */
  rerank: { retriever: number[]; crossEncoder: number[] };
  augmentation: {
    /** Unlabelled queries that got a confident pseudo-positive (and a confident negative). */
    added: number;
    /** How many of those pseudo-positives are the hidden gold gloss. */
    correct: number;
  };
}

/**
 * The four steps of RocketQA on one seed, each compared with the simpler
 * choice it replaces: passages shared across 1…A devices (in-batch to
 * cross-batch), a cross-encoder trained on the cross-batch retriever's
 * candidates, one hard negative per query with and without denoising, and the
 * denoised retriever retrained with cross-encoder-labelled queries added. Every
 * retriever starts from the same seed's initial weights.
 */
export async function runRocketQa(data: RetrievalDataset, split: RocketQaSplit, config: Partial<RocketQaConfig> = {}): Promise<RocketQaResult> {
  const c = { ...defaultRocketQaConfig, ...config };
  if (!c.sharing.includes(1) || !c.sharing.includes(c.devices)) throw new Error(`sharing must include 1 (in-batch) and A = ${c.devices} (cross-batch), got ${c.sharing.join(', ')}`);
  const { labelled, unlabelled } = split;
  const rows: RocketQaRow[] = [];
  const positives = data.test.map((q) => q.positive);
  const progress = (stage: string): ProgressCallback => (done, total) => c.onProgress?.(stage, done, total);

  // `group` devices share passages: simulated as A/group devices of group·B queries each, so every setting makes the same updates per epoch.
  const fit = async (setting: string, examples: DualExample[], group: number): Promise<DualEncoder> => {
    if (c.devices % group !== 0) throw new Error(`${group} sharing devices do not divide A = ${c.devices}`);
    const started = performance.now();
    const model = createSmallDualEncoder(c.seed, c.encoder);
    await trainDualEncoder(model, data, examples, {
      devices: c.devices / group, batchPerDevice: group * c.batchPerDevice, crossBatch: group === c.devices,
      epochs: c.epochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed, onProgress: progress(setting),
    });
    const shard = group * c.batchPerDevice;
    const hard = examples.some((e) => e.hardNegative !== undefined);
    const rankings = retrieve(model, data, data.test, 100);
    rows.push({
      setting, negatives: shard - 1 + (hard ? shard : 0), ...scoreRankings(rankings, positives), reciprocalRanks: reciprocalRanks(rankings, positives),
      seconds: (performance.now() - started) / 1000,
    });
    return model;
  };

  // Step 1: in-batch to cross-batch, the cross-batch retriever kept to mine hard negatives.
  const plain: DualExample[] = labelled.map((query) => ({ query }));
  let miner!: DualEncoder;
  for (const group of [...c.sharing].sort((a, b) => a - b)) {
    const model = await fit(sharingSetting(group, c.devices), plain, group);
    if (group === c.devices) miner = model;
    else model.dispose();
  }

  // Step 2: a cross-encoder on the miner's candidates, then its judgement of every mined negative.
  const mined = retrieve(miner, data, labelled, c.depth);
  const testCandidates = retrieve(miner, data, data.test, c.depth);
  miner.dispose();
  const cross = await trainCrossEncoder(data, labelled, mined, {
    negatives: c.crossEncoderNegatives, depth: c.depth, epochs: c.crossEncoderEpochs, learningRate: c.learningRate, seed: c.seed,
    model: c.crossEncoder, onProgress: progress('cross-encoder'),
  });
  const judge = (queries: RetrievalQuery[], pairs: { i: number; d: number }[]) =>
    cross.probabilities(pairs.map((p) => queryText(queries[p.i])), pairs.map((p) => docText(data.docs[p.d])));
  const testPairs = data.test.flatMap((_, i) => testCandidates[i].map((d) => ({ i, d })));
  const testProbs = judge(data.test, testPairs);
  const reranked = testCandidates.map((list, i) => list
    .map((d, j) => ({ d, p: testProbs[i * c.depth + j] }))
    .sort((a, b) => b.p - a.p)
    .map((x) => x.d));
  const rerank = { retriever: reciprocalRanks(testCandidates, positives), crossEncoder: reciprocalRanks(reranked, positives) };

  const pairs = labelled.flatMap((q, i) => mined[i].filter((d) => d !== q.positive).map((d) => ({ i, d })));
  const probs = judge(labelled, pairs);
  const filter = denoisingFilter(pairs, probs, c.negativeBelow);
  // Candidates keep the retriever's order, so a query's first pair is its top-ranked negative.
  const top = new Map<number, FlaggedNegative>();
  pairs.forEach((p, k) => { if (!top.has(p.i)) top.set(p.i, { query: p.i, doc: p.d, probability: probs[k] }); });
  const flagged = [...top.values()].filter((t) => t.probability >= c.negativeBelow).sort((a, b) => b.probability - a.probability).slice(0, c.examples);

  // Step 3: one hard negative per query from the same candidates, drawn from all of them or only from those the cross-encoder rejects.
  const undenoised = sampleHardNegatives(mined, labelled, data.docs.length, c.depth, c.seed);
  const denoised = sampleHardNegatives(mined, labelled, data.docs.length, c.depth, c.seed, filter.keep);
  (await fit(hardSettings.undenoised, undenoised, c.devices)).dispose();
  const denoisedModel = await fit(hardSettings.denoised, denoised, c.devices);

  // Step 4: the denoised retriever proposes glosses for unlabelled queries; confident cross-encoder decisions become training pairs.
  const pool = retrieve(denoisedModel, data, unlabelled, c.depth);
  denoisedModel.dispose();
  const poolProbs = judge(unlabelled, unlabelled.flatMap((_, i) => pool[i].map((d) => ({ i, d }))));
  cross.dispose();
  const rng = new Rng(c.seed);
  const augmented: DualExample[] = [];
  let correct = 0;
  unlabelled.forEach((q, i) => {
    const p = poolProbs.slice(i * c.depth, (i + 1) * c.depth);
    const best = p.indexOf(Math.max(...p));
    const negatives = pool[i].filter((_, j) => p[j] < c.negativeBelow);
    if (p[best] <= c.positiveAbove || negatives.length === 0) return;
    if (pool[i][best] === q.positive) correct++;
    augmented.push({ query: { ...q, positive: pool[i][best] }, hardNegative: negatives[rng.int(negatives.length)] });
  });
  (await fit(hardSettings.augmented, [...denoised, ...augmented], c.devices)).dispose();

  return { rows, flaggedShare: filter.flagged / Math.max(1, pairs.length), flagged, rerank, augmentation: { added: augmented.length, correct } };
}

/** Each query's reciprocal rank within the top 10, 0 when its positive is not there. */
function reciprocalRanks(rankings: number[][], positives: number[]): number[] {
  return rankings.map((ranking, q) => mrrAtK([ranking], [positives[q]], 10));
}

/** The row name of a sharing setting: 1 device is in-batch training, all A devices RocketQA's cross-batch. */
export function sharingSetting(group: number, devices: number): string {
  return group === 1 ? 'in-batch' : group === devices ? 'cross-batch' : `${group} devices share`;
}

/** The row names of steps 3 and 4. */
export const hardSettings = {
  undenoised: '+ hard negatives, not denoised',
  denoised: '+ denoised hard negatives',
  augmented: '+ data augmentation',
} as const;
