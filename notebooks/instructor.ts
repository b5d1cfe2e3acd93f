/**
 * INSTRUCTOR at toy scale: one encoder, many tasks, the task named by an
 * instruction that shapes the text's embedding without being pooled into it.
 *
 * INSTRUCTOR feeds "instruction + text" through a Transformer and mean-pools the
 * text tokens only: the instruction reaches the embedding through attention.
 * Our encoder is a bag of hashed n-grams with no attention, so the instruction
 * gets that role through feature-wise modulation (FiLM): the instruction's own
 * n-grams, embedded with the same table as the text's, produce a scale and a
 * shift for the text's hidden layer. The pooled bag holds the text's n-grams
 * only, as in the paper.
 *
 * The two tasks read the same texts: a gloss is a retrieval document (found by
 * an example sentence of its word) and a topic item (near the glosses of its
 * lexicographer class), so the instruction is the only thing that can tell
 * the encoder which neighbours the gloss should have.
 */
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from './bag.ts';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import { docText, queryText } from './dense.ts';
import { crossEntropy, l2Normalize } from './losses.ts';
import { mrrAtK, recallAtK } from './metrics.ts';
import { glorotVariable, Rng, zerosVariable } from './random.ts';
import { topK } from './retrieval.ts';
import { defaultFeatureOptions, type FeatureOptions } from './text.ts';
import { train, type ProgressCallback } from './train.ts';

export interface InstructedEncoderConfig {
  features: FeatureOptions;
  hidden: number;
  dim: number;
  seed: number;
}

export class InstructedEncoder {
  readonly dim: number;
  readonly variables: tf.Variable[];
  private readonly hidden: number;
  private readonly bag: HashedBagEmbedding;
  private readonly film: tf.Variable;
  private readonly filmBias: tf.Variable;
  private readonly projection: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(config: Partial<InstructedEncoderConfig> = {}) {
    const { features, hidden, dim, seed } = { features: defaultFeatureOptions, hidden: 64, dim: 64, seed: 1, ...config };
    const rng = new Rng(seed);
    this.dim = dim;
    this.hidden = hidden;
    this.bag = new HashedBagEmbedding(features, hidden, rng.seed());
    // Starts at zero so that, before training, every instruction leaves the text's hidden layer unchanged.
    this.film = zerosVariable([hidden, 2 * hidden]);
    this.filmBias = zerosVariable([2 * hidden]);
    this.projection = glorotVariable([hidden, dim], rng.seed());
    this.bias = zerosVariable([dim]);
    this.variables = [this.bag.table, this.film, this.filmBias, this.projection, this.bias];
  }

  /** Embeddings of `texts`, row i read under `instructions[i]` (an empty instruction gives the same modulation to every task). */
  encode(instructions: string[], texts: string[]): tf.Tensor2D {
    if (instructions.length !== texts.length) throw new Error(`${instructions.length} instructions for ${texts.length} texts`);
    return tf.tidy(() => {
      const h = this.hidden;
      const text = this.bag.embed(texts);
      const instruction = tf.tanh(this.bag.embed(instructions));
      const modulation = tf.add(tf.matMul(instruction, this.film), this.filmBias);
      const scale = tf.add(1, modulation.slice([0, 0], [-1, h]));
      const shift = modulation.slice([0, h], [-1, h]);
      const hidden = tf.tanh(tf.add(tf.mul(text, scale), shift));
      return tf.add(tf.matMul(hidden, this.projection), this.bias) as tf.Tensor2D;
    });
  }

  /** Normalised embeddings of many texts under one instruction, in batches (no gradient; caller disposes). */
  embed(instruction: string, texts: string[], batch = 512): tf.Tensor2D {
    const parts: tf.Tensor2D[] = [];
    for (let i = 0; i < texts.length; i += batch) {
      const chunk = texts.slice(i, i + batch);
      parts.push(tf.tidy(() => l2Normalize(this.encode(chunk.map(() => instruction), chunk))));
    }
    const out = tf.concat(parts) as tf.Tensor2D;
    tf.dispose(parts);
    return out;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/**
 * INSTRUCTOR's loss on a batch of (query, document) pairs: cross-entropy over
 * cos / γ in both directions, query → every document of the batch and
 * document → every query. Rows sharing a `group` with row i (another copy of
 * its positive, another text of its class) are removed from i's candidates
 * rather than counted as negatives.
 */
export function bidirectionalLoss(queries: tf.Tensor2D, docs: tf.Tensor2D, groups: number[], gamma: number): tf.Scalar {
  return tf.tidy(() => {
    const n = groups.length;
    const mask = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && groups[i] === groups[j]) mask[i * n + j] = -1e9;
    const cos = tf.matMul(l2Normalize(queries), l2Normalize(docs), false, true);
    const logits = tf.add(tf.div(cos, gamma), tf.tensor2d(mask, [n, n])) as tf.Tensor2D;
    const targets = tf.range(0, n, 1, 'int32') as tf.Tensor1D;
    return tf.div(tf.add(crossEntropy(logits, targets), crossEntropy(tf.transpose(logits) as tf.Tensor2D, targets)), 2) as tf.Scalar;
  });
}

export type InstructorTask = 'retrieval' | 'topic';

/** What each side of each task is told; the baseline is told nothing. */
export interface Instructions {
  retrievalQuery: string;
  retrievalDoc: string;
  topic: string;
}

export const defaultInstructions: Instructions = {
  retrievalQuery: 'Represent the example sentence for retrieving the definition of the missing word:',
  retrievalDoc: 'Represent the dictionary entry for retrieval:',
  topic: 'Represent the dictionary entry for classifying its semantic category:',
};

export const noInstructions: Instructions = { retrievalQuery: '', retrievalDoc: '', topic: '' };

export interface InstructorConfig {
  /** Training pairs per task. */
  retrievalPairs: number;
  topicPairs: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Temperature γ of cos / γ. */
  gamma: number;
  encoder: Partial<InstructedEncoderConfig>;
  /** Glosses of the test pool: every test positive, every other sense of a test word, then random glosses up to this size. */
  poolSize: number;
  seed: number;
  onProgress?: ProgressCallback;
}

export const defaultInstructorConfig: InstructorConfig = {
  retrievalPairs: 2000, topicPairs: 2000, epochs: 3, batchSize: 32, learningRate: 3e-3, gamma: 0.05,
  encoder: { features: { ...defaultFeatureOptions, dim: 4096 }, hidden: 64, dim: 64 }, poolSize: 3000, seed: 1,
};

interface Pair {
  query: string;
  doc: string;
  group: number;
}

/** A batch drawn from one task only, as in INSTRUCTOR's training. */
export interface TaskBatch {
  task: InstructorTask;
  pairs: Pair[];
}

/** Indices of the test pool's glosses (see `poolSize`); the pool does not depend on the seed, so every seed is scored on the same glosses. */
export function testPool(data: RetrievalDataset, queries: RetrievalQuery[], size: number): number[] {
  const words = new Set(queries.map((q) => q.word.toLowerCase()));
  const pool = new Set(queries.map((q) => q.positive));
  data.docs.forEach((d, i) => {
    if (d.lemmas.some((l) => words.has(l.toLowerCase().replaceAll('_', ' ')))) pool.add(i);
  });
  for (const i of new Rng(0).permutation(data.docs.length)) {
    if (pool.size >= size) break;
    pool.add(i);
  }
  return [...pool];
}

/**
 * The training set, cut into single-task batches. Retrieval pairs are
 * (blanked example sentence, its gloss); topic pairs are two glosses of one
 * lexicographer class, both outside `pool`, so no test gloss is trained on.
 * Every gloss is written as `docText` in both tasks.
 */
export function taskBatches(data: RetrievalDataset, pool: number[], c: InstructorConfig): TaskBatch[] {
  const rng = new Rng(c.seed);
  const retrievalPairs: Pair[] = data.train.slice(0, c.retrievalPairs)
    .map((q) => ({ query: queryText(q), doc: docText(data.docs[q.positive]), group: q.positive }));
  const inPool = new Set(pool);
  const byClass = new Map<number, number[]>();
  data.docs.forEach((d, i) => {
    if (!inPool.has(i)) byClass.set(d.lexname, [...(byClass.get(d.lexname) ?? []), i]);
  });
  const anchors = rng.shuffle([...byClass.values()].flat()).filter((i) => byClass.get(data.docs[i].lexname)!.length > 1);
  const topicPairs: Pair[] = anchors.slice(0, c.topicPairs).map((i) => {
    const same = byClass.get(data.docs[i].lexname)!;
    let j = same[rng.int(same.length)];
    while (j === i) j = same[rng.int(same.length)];
    return { query: docText(data.docs[i]), doc: docText(data.docs[j]), group: data.docs[i].lexname };
  });
  const cut = (task: InstructorTask, pairs: Pair[]): TaskBatch[] => {
    const shuffled = rng.shuffle(pairs.slice());
    const out: TaskBatch[] = [];
    for (let i = 0; i + c.batchSize <= shuffled.length; i += c.batchSize) out.push({ task, pairs: shuffled.slice(i, i + c.batchSize) });
    return out;
  };
  return [...cut('retrieval', retrievalPairs), ...cut('topic', topicPairs)];
}

/** The instructions that each side of a task's pairs is read under. */
export function sides(task: InstructorTask, instructions: Instructions): { query: string; doc: string } {
  return task === 'retrieval'
    ? { query: instructions.retrievalQuery, doc: instructions.retrievalDoc }
    : { query: instructions.topic, doc: instructions.topic };
}

export async function trainInstructor(batches: TaskBatch[], instructions: Instructions, config: Partial<InstructorConfig> = {}): Promise<{ encoder: InstructedEncoder; losses: number[] }> {
  const c = { ...defaultInstructorConfig, ...config };
  const encoder = new InstructedEncoder({ ...c.encoder, seed: c.seed });
  const result = await train({
    // Each "example" is a whole single-task batch, so batches never mix tasks while their order is shuffled every epoch.
    examples: batches, batchSize: 1, epochs: c.epochs, learningRate: c.learningRate, seed: c.seed, variables: encoder.variables,
    loss: ([batch]) => {
      const { query, doc } = sides(batch.task, instructions);
      const q = encoder.encode(batch.pairs.map(() => query), batch.pairs.map((p) => p.query));
      const d = encoder.encode(batch.pairs.map(() => doc), batch.pairs.map((p) => p.doc));
      return bidirectionalLoss(q, d, batch.pairs.map((p) => p.group), c.gamma);
    },
    onProgress: c.onProgress,
  });
  return { encoder, losses: result.history.map((h) => h.loss) };
}

/**
 * For each row of `labels`, the share of its k nearest other rows (by the dot
 * product of the unit rows of `x`) with the same label, and whether the
 * nearest one has it. The row itself is never its own neighbour.
 */
export function sameLabelNeighbours(x: tf.Tensor2D, labels: number[], k: number): { top1: number; precision: number } {
  const n = labels.length;
  const ranked = tf.tidy(() => {
    const self = tf.mul(tf.eye(n), -1e9);
    return tf.topk(tf.add(tf.matMul(x, x, false, true), self), Math.min(k, n - 1)).indices.arraySync() as number[][];
  });
  let top1 = 0, precision = 0;
  ranked.forEach((row, i) => {
    if (labels[row[0]] === labels[i]) top1++;
    precision += row.filter((j) => labels[j] === labels[i]).length / row.length;
  });
  return { top1: top1 / n, precision: precision / n };
}

export interface InstructorScores {
  /** Retrieval: the gloss of the blanked word's sense among the pool. */
  retrievalMrr10: number;
  retrievalRecall1: number;
  /** Topic: each pool gloss's nearest other pool glosses of the same class. */
  topicTop1: number;
  topicPrecision10: number;
  /** Mean cosine between a pool gloss read as a retrieval document and read as a topic item (1 when both instructions are the same). */
  sameTextCosine: number;
}

export function evaluateInstructor(encoder: InstructedEncoder, instructions: Instructions, data: RetrievalDataset, pool: number[]): InstructorScores {
  const texts = pool.map((i) => docText(data.docs[i]));
  const docs = encoder.embed(instructions.retrievalDoc, texts);
  const topic = encoder.embed(instructions.topic, texts);
  const q = encoder.embed(instructions.retrievalQuery, data.test.map(queryText));
  try {
    const ranked = topK(q, docs, 10, { metric: 'dot' }).indices.map((row) => row.map((j) => pool[j]));
    const positives = data.test.map((x) => x.positive);
    const classes = sameLabelNeighbours(topic, pool.map((i) => data.docs[i].lexname), 10);
    const cosine = tf.tidy(() => tf.mean(tf.sum(tf.mul(docs, topic), 1)).dataSync()[0]);
    return {
      retrievalMrr10: mrrAtK(ranked, positives, 10),
      retrievalRecall1: recallAtK(ranked, positives, 1),
      topicTop1: classes.top1,
      topicPrecision10: classes.precision,
      sameTextCosine: cosine,
    };
  } finally {
    tf.dispose([docs, topic, q]);
  }
}

/** Indices into `pool` of the `k` glosses nearest to pool gloss `at` under `instruction`, itself left out. */
export function nearestInPool(encoder: InstructedEncoder, instruction: string, data: RetrievalDataset, pool: number[], at: number, k: number): number[] {
  const x = encoder.embed(instruction, pool.map((i) => docText(data.docs[i])));
  const order = tf.tidy(() => tf.topk(tf.matMul(x, x.slice([at, 0], [1, -1]), false, true).squeeze([1]), k + 1).indices.arraySync() as number[]);
  x.dispose();
  return order.filter((j) => j !== at).slice(0, k);
}

export interface InstructorRow {
  model: 'with instructions' | 'without instructions';
  scores: InstructorScores;
  finalLoss: number;
}

/**
 * One seed of the comparison: the same batches for both models, one read
 * under `instructions`, one under empty ones; `keep` receives each trained
 * encoder (else it is disposed).
 */
export async function runInstructor(data: RetrievalDataset, pool: number[], config: Partial<InstructorConfig> & { instructions?: Instructions } = {},
  keep?: (model: InstructorRow['model'], encoder: InstructedEncoder) => void): Promise<InstructorRow[]> {
  const c = { ...defaultInstructorConfig, ...config };
  const batches = taskBatches(data, pool, c);
  const rows: InstructorRow[] = [];
  for (const [model, instructions] of [['with instructions', config.instructions ?? defaultInstructions], ['without instructions', noInstructions]] as const) {
    const { encoder, losses } = await trainInstructor(batches, instructions, c);
    rows.push({ model, scores: evaluateInstructor(encoder, instructions, data, pool), finalLoss: losses[losses.length - 1] });
    if (keep) keep(model, encoder);
    else encoder.dispose();
  }
  return rows;
}
