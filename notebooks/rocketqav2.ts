/**
 * RocketQAv2 at toy scale, one seed per call: a warmed-up retriever and a
 * warmed-up re-ranker (checked to be the stronger ranker before anything is
 * distilled), then two runs from the same retriever on the same hybrid lists
 * with the same updates, one trained on the label alone and one by dynamic
 * listwise distillation, with the KL to the re-ranker tracked on held-out lists.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import { docText, evaluateRetriever, queryText, retrieve, scoreRankings, trainDualEncoder, type DualEncoder } from './dense.ts';
import { l2Normalize, listwiseDistillationLoss, oneHotRows } from './losses.ts';
import { Rng } from './random.ts';
import { CrossEncoder } from './rerank.ts';
import { trainCrossEncoder } from './rocketqa.ts';
import { defaultFeatureOptions } from './text.ts';
import { createSmallDualEncoder } from './toyqa.ts';
import { train } from './train.ts';

export interface RocketQaV2Config {
  /** Hash buckets of both models, hidden and output width of the retriever. */
  buckets: number;
  hidden: number;
  dim: number;
  /** Hidden width of the re-ranker. */
  rerankerHidden: number;
  /** Retriever scores are scale · cosine. */
  scale: number;
  /** Warm-up of the retriever: cross-batch negatives over `devices` × `perDevice` queries. */
  warmupEpochs: number;
  devices: number;
  perDevice: number;
  learningRate: number;
  /** Lists and the re-ranker's negatives come from the warm-up retriever's top `depth`. */
  depth: number;
  /** Warm-up of the re-ranker (pointwise, as in RocketQA), with this many negatives per query. */
  rerankerEpochs: number;
  rerankerNegatives: number;
  /** Candidates per list: the positive first, then negatives. */
  listSize: number;
  /** Hybrid lists: this many denoised negatives (re-ranker probability below `negativeBelow`), the rest undenoised. */
  denoisedNegatives: number;
  negativeBelow: number;
  /** List training, alone or joint: the same epochs, batch and learning rate. */
  listEpochs: number;
  listBatch: number;
  listLearningRate: number;
  /** Measure the KL on the test lists every this many updates. */
  checkEvery: number;
  /** The re-ranker is scored on each retriever's top `rerankDepth`. */
  rerankDepth: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultRocketQaV2Config: RocketQaV2Config = {
  buckets: 2048, hidden: 64, dim: 64, rerankerHidden: 64, scale: 20,
  warmupEpochs: 3, devices: 4, perDevice: 16, learningRate: 1e-2,
  depth: 20, rerankerEpochs: 2, rerankerNegatives: 3,
  listSize: 8, denoisedNegatives: 4, negativeBelow: 0.1,
  listEpochs: 2, listBatch: 16, listLearningRate: 3e-3, checkEvery: 20, rerankDepth: 20, seed: 1,
};

/** A candidate list: gloss indices, the positive first. */
export interface CandidateList {
  query: string;
  docs: number[];
}

export interface KlPoint {
  run: 'alone' | 'joint' | 'joint, to its own teacher';
  /** Updates done when the KL was measured. */
  step: number;
  kl: number;
}

export interface RocketQaV2Row {
  setting: 'retriever after warm-up' | 're-ranker after warm-up' | 'retriever alone' | 'retriever, joint' | 're-ranker, joint';
  mrr10: number;
  /** Undefined for a re-ranker, which only reorders a short list. */
  recall50?: number;
}

export interface RocketQaV2Result {
  rows: RocketQaV2Row[];
  kl: KlPoint[];
  /** Share of mined candidates the re-ranker found possibly relevant (excluded from the denoised negatives). */
  flagged: number;
  updates: number;
}

/**
 * Hybrid data augmentation: per query, the positive first, up to `denoised`
 * negatives drawn among the candidates `clean(i, d)` accepts, the rest drawn
 * from all candidates, topped up with random glosses if the pool runs out.
 * A negative never repeats within a list and is never the positive.
 */
export function hybridLists(
  queries: RetrievalQuery[], pools: number[][], clean: (query: number, doc: number) => boolean,
  options: { size: number; denoised: number; corpus: number; seed: number },
): CandidateList[] {
  const rng = new Rng(options.seed);
  return queries.map((q, i) => {
    const pool = pools[i].filter((d) => d !== q.positive);
    const chosen = new Set<number>();
    const draw = (from: number[], count: number) => {
      const left = from.filter((d) => !chosen.has(d));
      for (const j of rng.sample(left.length, Math.min(count, left.length))) chosen.add(left[j]);
    };
    draw(pool.filter((d) => clean(i, d)), options.denoised);
    draw(pool, options.size - 1 - chosen.size);
    while (chosen.size < options.size - 1) {
      const d = rng.int(options.corpus);
      if (d !== q.positive) chosen.add(d);
    }
    return { query: queryText(q), docs: [q.positive, ...chosen] };
  });
}

/** Retriever scores [lists, listSize]: scale · cosine between each query and its own candidates. */
function retrieverScores(model: DualEncoder, data: RetrievalDataset, lists: CandidateList[], scale: number): tf.Tensor2D {
  const n = lists[0].docs.length;
  const q = l2Normalize(model.query.encode(lists.map((e) => e.query)));
  const p = l2Normalize(model.passage.encode(lists.flatMap((e) => e.docs.map((d) => docText(data.docs[d]))))).reshape([lists.length, n, -1]);
  return tf.squeeze(tf.matMul(p, q.expandDims(2)), [2]).mul(scale) as tf.Tensor2D;
}

/** Re-ranker logits [lists, listSize]. */
function rerankerScores(model: CrossEncoder, data: RetrievalDataset, lists: CandidateList[]): tf.Tensor2D {
  const n = lists[0].docs.length;
  return model.score(lists.flatMap((e) => e.docs.map(() => e.query)), lists.flatMap((e) => e.docs.map((d) => docText(data.docs[d])))).reshape([lists.length, n]) as tf.Tensor2D;
}

/** Each query's retrieved glosses, reordered by the re-ranker's probability. */
function rerank(model: CrossEncoder, data: RetrievalDataset, queries: RetrievalQuery[], rankings: number[][]): number[][] {
  const probs = model.probabilities(queries.flatMap((q, i) => rankings[i].map(() => queryText(q))), rankings.flatMap((r) => r.map((d) => docText(data.docs[d]))));
  let k = 0;
  return rankings.map((ranking) => ranking.map((d) => ({ d, p: probs[k++] })).sort((a, b) => b.p - a.p).map((x) => x.d));
}

/** A second model with the same architecture and weights, trained by neither run: the fixed reference of the KL curves. */
function frozenCopy(model: CrossEncoder, c: RocketQaV2Config): CrossEncoder {
  const copy = new CrossEncoder({ features: { ...defaultFeatureOptions, dim: c.buckets }, hidden: c.rerankerHidden, seed: c.seed });
  copy.variables.forEach((v, i) => v.assign(model.variables[i]));
  return copy;
}

function copyRetriever(source: DualEncoder, c: RocketQaV2Config): DualEncoder {
  const twin = createSmallDualEncoder(c.seed, { buckets: c.buckets, hidden: c.hidden, dim: c.dim, shared: true });
  twin.query.variables.forEach((v, i) => v.assign(source.query.variables[i]));
  return twin;
}

export async function runRocketQaV2(data: RetrievalDataset, config: Partial<RocketQaV2Config> = {}): Promise<RocketQaV2Result> {
  const c = { ...defaultRocketQaV2Config, ...config };
  const progress = (stage: string) => (done: number, total: number) => c.onProgress?.(stage, done, total);
  const testPositives = data.test.map((q) => q.positive);

  // Shared towers: a from-scratch encoder with two towers cannot match a query word to the same word in an unseen gloss.
  const warm = createSmallDualEncoder(c.seed, { buckets: c.buckets, hidden: c.hidden, dim: c.dim, shared: true });
  await trainDualEncoder(warm, data, data.train.map((query) => ({ query })), {
    devices: c.devices, batchPerDevice: c.perDevice, crossBatch: true, epochs: c.warmupEpochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed,
    onProgress: progress('warm-up retriever'),
  });
  const mined = retrieve(warm, data, data.train, c.depth);
  const reranker = await trainCrossEncoder(data, data.train, mined, {
    negatives: c.rerankerNegatives, depth: c.depth, epochs: c.rerankerEpochs, learningRate: c.learningRate, seed: c.seed,
    model: { features: { ...defaultFeatureOptions, dim: c.buckets }, hidden: c.rerankerHidden }, onProgress: progress('warm-up re-ranker'),
  });
  const rows: RocketQaV2Row[] = [];
  const warmScores = evaluateRetriever(warm, data, data.test);
  rows.push({ setting: 'retriever after warm-up', mrr10: warmScores.mrr10, recall50: warmScores.recall50 });
  const warmTop = retrieve(warm, data, data.test, Math.max(c.rerankDepth, c.listSize));
  rows.push({ setting: 're-ranker after warm-up', mrr10: scoreRankings(rerank(reranker, data, data.test, warmTop.map((r) => r.slice(0, c.rerankDepth))), testPositives).mrr10 });

  // Hybrid lists: the re-ranker's probability decides which mined candidates count as denoised negatives.
  const pools = data.train.map((q, i) => mined[i].filter((d) => d !== q.positive));
  const probs = reranker.probabilities(data.train.flatMap((q, i) => pools[i].map(() => queryText(q))), pools.flatMap((pool) => pool.map((d) => docText(data.docs[d]))));
  const possiblyRelevant = new Set<string>();
  let k = 0;
  pools.forEach((pool, i) => pool.forEach((d) => { if (probs[k++] >= c.negativeBelow) possiblyRelevant.add(`${i}:${d}`); }));
  const lists = hybridLists(data.train, pools, (i, d) => !possiblyRelevant.has(`${i}:${d}`), { size: c.listSize, denoised: c.denoisedNegatives, corpus: data.docs.length, seed: c.seed });

  // Held-out lists for the KL curves: the gold gloss and the warm-up retriever's top others, as at serving time.
  const testLists: CandidateList[] = data.test.map((q, i) => ({ query: queryText(q), docs: [q.positive, ...warmTop[i].filter((d) => d !== q.positive)].slice(0, c.listSize) }));
  const reference = frozenCopy(reranker, c);
  const klTo = (retriever: DualEncoder, teacher: CrossEncoder) => tf.tidy(() =>
    listwiseDistillationLoss(retrieverScores(retriever, data, testLists, c.scale), rerankerScores(teacher, data, testLists)).kl.dataSync()[0]);
  const kl: KlPoint[] = [];
  const track = (run: 'alone' | 'joint', retriever: DualEncoder, step: number) => {
    kl.push({ run, step, kl: klTo(retriever, reference) });
    if (run === 'joint') kl.push({ run: 'joint, to its own teacher', step, kl: klTo(retriever, reranker) });
  };
  const every = (run: 'alone' | 'joint', retriever: DualEncoder) => (done: number, total: number) => {
    c.onProgress?.(run === 'alone' ? 'retriever alone' : 'joint listwise distillation', done, total);
    if (done % c.checkEvery === 0 || done === total) track(run, retriever, done);
  };

  const alone = copyRetriever(warm, c);
  const aloneProgress = every('alone', alone);
  track('alone', alone, 0);
  let updates = 0;
  await train({
    examples: lists, variables: alone.query.variables, epochs: c.listEpochs, batchSize: c.listBatch, learningRate: c.listLearningRate, seed: c.seed,
    onProgress: (done, total) => { updates = total; aloneProgress(done, total); },
    loss: (batch) => tf.losses.softmaxCrossEntropy(oneHotRows(tf.zeros([batch.length], 'int32') as tf.Tensor1D, c.listSize), retrieverScores(alone, data, batch, c.scale)) as tf.Scalar,
  });
  const joint = copyRetriever(warm, c);
  track('joint', joint, 0);
  await train({
    examples: lists, variables: [...joint.query.variables, ...reranker.variables], epochs: c.listEpochs, batchSize: c.listBatch, learningRate: c.listLearningRate, seed: c.seed,
    onProgress: every('joint', joint),
    loss: (batch) => listwiseDistillationLoss(retrieverScores(joint, data, batch, c.scale), rerankerScores(reranker, data, batch)).total,
  });

  for (const [setting, model] of [['retriever alone', alone], ['retriever, joint', joint]] as const) {
    const s = evaluateRetriever(model, data, data.test);
    rows.push({ setting, mrr10: s.mrr10, recall50: s.recall50 });
  }
  rows.push({ setting: 're-ranker, joint', mrr10: scoreRankings(rerank(reranker, data, data.test, retrieve(joint, data, data.test, c.rerankDepth)), testPositives).mrr10 });
  for (const m of [warm, alone, joint, reranker, reference]) m.dispose();
  return { rows, kl, flagged: possiblyRelevant.size / probs.length, updates };
}
