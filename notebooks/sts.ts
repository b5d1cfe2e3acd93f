/**
 * Sentence similarity on wn-sts: train a bi-encoder with CoSENT or one of
 * Sentence-BERT's objectives, evaluate by Spearman of cos(u, v) against the
 * gold scores.
 */
import * as tf from '@tensorflow/tfjs';
import type { StsDataset, StsPair } from './data.ts';
import { createEncoder, embedAll, type EncoderKind, type TextEncoder } from './encoders.ts';
import { cosentLoss, cosineMseLoss, pairCosine, sbertSoftmaxLoss } from './losses.ts';
import { spearman } from './metrics.ts';
import { glorotVariable, zerosVariable } from './random.ts';
import { defaultFeatureOptions } from './text.ts';
import { train, type EpochRecord, type ProgressCallback } from './train.ts';

export type StsObjective = 'cosent' | 'cosine-mse' | 'softmax';

export interface StsConfig {
  objective: StsObjective;
  encoder: EncoderKind;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** CoSENT's scale λ. */
  lambda: number;
  /** Sentence-BERT softmax: gold scores cut into this many equal-width classes. */
  softmaxClasses: number;
  /** Size of the bag-of-n-grams encoder (its defaults when undefined); smaller trains faster in a page. */
  bag?: { dim?: number; hidden?: number; featureDim?: number };
  /** Use at most this many training pairs (all when undefined). */
  maxTrain?: number;
  /** Epochs without dev improvement before stopping. */
  patience: number;
  seed: number;
  onProgress?: ProgressCallback;
}

export const defaultStsConfig: StsConfig = {
  objective: 'cosent', encoder: 'bag', epochs: 5, batchSize: 32, learningRate: 2e-3, lambda: 20, softmaxClasses: 3, patience: 2, seed: 1,
};

/** Spearman ×1 of cos(u, v) against the gold scores of `pairs`. */
export function stsSpearman(encoder: TextEncoder, pairs: StsPair[]): number {
  const cos = tf.tidy(() => {
    const u = embedAll(encoder, pairs.map((p) => p.a));
    const v = embedAll(encoder, pairs.map((p) => p.b));
    return pairCosine(u, v);
  });
  const values = cos.dataSync();
  cos.dispose();
  return spearman(values, pairs.map((p) => p.score));
}

export interface StsTraining {
  encoder: TextEncoder;
  history: EpochRecord[];
  bestEpoch: number;
  seconds: number;
}

/** Trains an encoder on the train split with early stopping on dev Spearman; the caller owns (and disposes) the encoder. */
export async function trainStsEncoder(data: StsDataset, config: Partial<StsConfig> = {}): Promise<StsTraining> {
  const c = { ...defaultStsConfig, ...config };
  const started = performance.now();
  const encoder = createEncoder(c.encoder, {
    seed: c.seed, dim: c.bag?.dim, hidden: c.bag?.hidden,
    features: c.bag?.featureDim ? { ...defaultFeatureOptions, dim: c.bag.featureDim } : undefined,
  });
  const examples = c.maxTrain ? data.train.slice(0, c.maxTrain) : data.train;
  const head = c.objective === 'softmax'
    ? { weight: glorotVariable([3 * encoder.dim, c.softmaxClasses], c.seed + 7), bias: zerosVariable([c.softmaxClasses]) }
    : undefined;
  const classOf = (score: number) => Math.min(c.softmaxClasses - 1, Math.floor(score * c.softmaxClasses));
  const loss = (batch: StsPair[]) => {
    const u = encoder.encode(batch.map((p) => p.a));
    const v = encoder.encode(batch.map((p) => p.b));
    const scores = tf.tensor1d(batch.map((p) => p.score));
    if (c.objective === 'cosent') return cosentLoss(u, v, scores, c.lambda);
    if (c.objective === 'cosine-mse') return cosineMseLoss(u, v, scores);
    return sbertSoftmaxLoss(u, v, tf.tensor1d(batch.map((p) => classOf(p.score)), 'int32'), head!.weight as tf.Tensor2D, head!.bias as tf.Tensor1D);
  };
  const variables = head ? [...encoder.variables, head.weight, head.bias] : encoder.variables;
  try {
    const result = await train({
      examples, variables, loss, epochs: c.epochs, batchSize: c.batchSize, learningRate: c.learningRate, seed: c.seed,
      evaluate: () => stsSpearman(encoder, data.dev), patience: c.patience, onProgress: c.onProgress,
    });
    return { encoder, history: result.history, bestEpoch: result.bestEpoch, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (head) tf.dispose([head.weight, head.bias]);
  }
}

export interface StsResult {
  objective: StsObjective;
  devSpearman: number;
  testSpearman: number;
  /** Dev Spearman after each epoch, for a learning-curve plot. */
  devCurve: number[];
  lossCurve: number[];
  bestEpoch: number;
  seconds: number;
}

export async function runSts(data: StsDataset, config: Partial<StsConfig> = {}): Promise<StsResult> {
  const c = { ...defaultStsConfig, ...config };
  const { encoder, history, bestEpoch, seconds } = await trainStsEncoder(data, c);
  try {
    return {
      objective: c.objective,
      devSpearman: stsSpearman(encoder, data.dev),
      testSpearman: stsSpearman(encoder, data.test),
      devCurve: history.map((h) => h.dev ?? NaN),
      lossCurve: history.map((h) => h.loss),
      bestEpoch,
      seconds,
    };
  } finally {
    encoder.dispose();
  }
}
