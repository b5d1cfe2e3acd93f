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
 */
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from './bag.ts';
import type { LexnameDataset, RetrievalDataset, RetrievalQuery } from './data.ts';
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

export type InstructorTask = 'retrieval' | 'lexname';

/** What each side of each task is told; the baseline is told nothing. */
export interface Instructions {
  retrievalQuery: string;
  retrievalDoc: string;
  lexname: string;
}

export const defaultInstructions: Instructions = {
  retrievalQuery: 'Represent the example sentence for retrieving the definition of the missing word:',
  retrievalDoc: 'Represent the dictionary definition for retrieval:',
  lexname: 'Represent the dictionary definition for classifying its semantic category:',
};

export const noInstructions: Instructions = { retrievalQuery: '', retrievalDoc: '', lexname: '' };

export interface InstructorConfig {
  /** Training pairs per task. */
  retrievalPairs: number;
  lexnamePairs: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Temperature γ of cos / γ. */
  gamma: number;
  encoder: Partial<InstructedEncoderConfig>;
  /** Glosses the retrieval test ranks: every test positive, every other sense of a test word, then others up to this size. */
  retrievalPool: number;
  seed: number;
  onProgress?: ProgressCallback;
}

export const defaultInstructorConfig: InstructorConfig = {
  retrievalPairs: 2000, lexnamePairs: 2000, epochs: 3, batchSize: 32, learningRate: 3e-3, gamma: 0.05,
  encoder: { features: { ...defaultFeatureOptions, dim: 4096 }, hidden: 64, dim: 64 }, retrievalPool: 3000, seed: 1,
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

/**
 * The mixed training set, cut into single-task batches: retrieval pairs are
 * (blanked example sentence, its gloss), lexname pairs are two glosses of the
 * same lexicographer class.
 */
export function taskBatches(retrieval: RetrievalDataset, lexname: LexnameDataset, c: InstructorConfig): TaskBatch[] {
  const rng = new Rng(c.seed);
  const retrievalPairs: Pair[] = retrieval.train.slice(0, c.retrievalPairs)
    .map((q) => ({ query: queryText(q), doc: docText(retrieval.docs[q.positive]), group: q.positive }));
  const byClass = new Map<number, string[]>();
  for (const t of lexname.new) byClass.set(t.label, [...(byClass.get(t.label) ?? []), t.text]);
  const lexnamePairs: Pair[] = rng.shuffle(lexname.new.slice()).slice(0, c.lexnamePairs).map((t) => {
    const same = byClass.get(t.label)!.filter((other) => other !== t.text);
    return { query: t.text, doc: same[rng.int(same.length)], group: t.label };
  }).filter((p) => p.doc !== undefined);
  const cut = (task: InstructorTask, pairs: Pair[]): TaskBatch[] => {
    const shuffled = rng.shuffle(pairs.slice());
    const out: TaskBatch[] = [];
    for (let i = 0; i + c.batchSize <= shuffled.length; i += c.batchSize) out.push({ task, pairs: shuffled.slice(i, i + c.batchSize) });
    return out;
  };
  return [...cut('retrieval', retrievalPairs), ...cut('lexname', lexnamePairs)];
}

/** The instructions that each side of a task's pairs is read under. */
export function sides(task: InstructorTask, instructions: Instructions): { query: string; doc: string } {
  return task === 'retrieval'
    ? { query: instructions.retrievalQuery, doc: instructions.retrievalDoc }
    : { query: instructions.lexname, doc: instructions.lexname };
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

/** Indices of the glosses the retrieval test ranks (see `retrievalPool` in the config). */
export function retrievalPool(data: RetrievalDataset, queries: RetrievalQuery[], size: number, seed: number): number[] {
  const words = new Set(queries.map((q) => q.word.toLowerCase()));
  const pool = new Set(queries.map((q) => q.positive));
  data.docs.forEach((d, i) => {
    if (d.lemmas.some((l) => words.has(l.toLowerCase().replaceAll('_', ' ')))) pool.add(i);
  });
  for (const i of new Rng(seed).permutation(data.docs.length)) {
    if (pool.size >= size) break;
    pool.add(i);
  }
  return [...pool];
}

export interface InstructorScores {
  /** Retrieval: the gloss of the blanked word's sense among the pool. */
  retrievalMrr10: number;
  retrievalRecall1: number;
  /** Lexname: queries' nearest gallery glosses of the same class. */
  lexnameTop1: number;
  lexnamePrecision10: number;
}

export function evaluateInstructor(encoder: InstructedEncoder, instructions: Instructions, retrieval: RetrievalDataset, lexname: LexnameDataset, pool: number[]): InstructorScores {
  const queries = retrieval.test;
  const docs = encoder.embed(instructions.retrievalDoc, pool.map((i) => docText(retrieval.docs[i])));
  const q = encoder.embed(instructions.retrievalQuery, queries.map(queryText));
  const ranked = topK(q, docs, 10, { metric: 'dot' }).indices.map((row) => row.map((j) => pool[j]));
  tf.dispose([docs, q]);
  const positives = queries.map((x) => x.positive);

  const gallery = encoder.embed(instructions.lexname, lexname.gallery.map((t) => t.text));
  const lq = encoder.embed(instructions.lexname, lexname.query.map((t) => t.text));
  const neighbours = topK(lq, gallery, 10, { metric: 'dot' }).indices;
  tf.dispose([gallery, lq]);
  let top1 = 0, precision = 0;
  neighbours.forEach((row, i) => {
    const label = lexname.query[i].label;
    if (lexname.gallery[row[0]].label === label) top1++;
    precision += row.filter((j) => lexname.gallery[j].label === label).length / row.length;
  });
  return {
    retrievalMrr10: mrrAtK(ranked, positives, 10),
    retrievalRecall1: recallAtK(ranked, positives, 1),
    lexnameTop1: top1 / neighbours.length,
    lexnamePrecision10: precision / neighbours.length,
  };
}
