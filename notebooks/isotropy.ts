/**
 * Anisotropy and whitening on wn-sts: sentence vectors before and after
 * BERT-whitening, from an unsupervised encoder (mean of SGNS word vectors,
 * standing in for raw BERT) and from a supervised CoSENT encoder.
 */
import * as tf from '@tensorflow/tfjs';
import type { StsDataset } from './data.ts';
import { embedAll } from './encoders.ts';
import { l2Normalize, pairCosine } from './losses.ts';
import { alignment, anisotropy, spearman, uniformity } from './metrics.ts';
import { sentenceVectors, trainSgns, type SgnsConfig } from './sgns.ts';
import { trainStsEncoder, type StsConfig } from './sts.ts';
import { applyWhitening, fitWhitening } from './whitening.ts';

/** The anisotropy note's grid: both encoders, each raw, whitened and whitened to every reduced k, on fixed data. */
export interface WhiteningGridConfig {
  /** Unlabelled training definitions for the word vectors and the whitening fit. */
  corpusTexts: number;
  sgns: Partial<SgnsConfig>;
  cosent: Partial<StsConfig>;
  /** Whitening that also keeps only the top-k principal directions. */
  reducedDims: number[];
  /** Test definitions for anisotropy, uniformity and the cosine histogram. */
  geometrySample: number;
  /** Test pairs at or above this gold score count as positives for alignment. */
  positiveScore: number;
  seed: number;
  /** Also return the pairwise cosines of the raw and whitened test sample, for a histogram. */
  keepCosines: boolean;
  onProgress?: (label: string, done: number, total: number) => void;
}

/** The note's default sizes: a few seconds a seed in Node. */
export const defaultWhiteningGrid: Omit<WhiteningGridConfig, 'seed' | 'keepCosines' | 'onProgress'> = {
  corpusTexts: 8000,
  sgns: { dim: 64, epochs: 2 },
  cosent: { objective: 'cosent', maxTrain: 2000, epochs: 3, bag: { featureDim: 4096, hidden: 64, dim: 64 } },
  reducedDims: [32, 16],
  geometrySample: 600,
  positiveScore: 0.8,
};

export const whiteningEncoders = ['mean of SGNS vectors', 'CoSENT bag encoder'] as const;

export interface WhiteningGridRow {
  encoder: string;
  transform: string;
  anisotropy: number;
  testSpearman: number;
  alignment: number;
  uniformity: number;
}

export interface WhiteningGridResult {
  rows: WhiteningGridRow[];
  /** Raw and whitened pairwise cosines of the test sample, per encoder (empty unless keepCosines). */
  cosines: { encoder: string; transform: string; values: Float32Array }[];
  vocabulary: number;
  /** The CoSENT encoder's epoch kept by early stopping on dev Spearman. */
  bestEpoch: number;
}

/** Transform names in the grid's order: raw, whitened, then whitened to each reduced k. */
export function whiteningTransforms(reducedDims: readonly number[]): string[] {
  return ['raw', 'whitened', ...reducedDims.map((k) => `whitened, k = ${k}`)];
}

/** One seed of the note's grid: trains SGNS and the CoSENT encoder, fits the whitenings on the corpus, measures on the test split. */
export async function runWhiteningGrid(data: StsDataset, config: Partial<WhiteningGridConfig> = {}): Promise<WhiteningGridResult> {
  const c: WhiteningGridConfig = { ...defaultWhiteningGrid, seed: 1, keepCosines: false, ...config };
  const corpus = [...new Set(data.train.flatMap((p) => [p.a, p.b]))].slice(0, c.corpusTexts);
  const sample = [...new Set(data.test.flatMap((p) => [p.a, p.b]))].slice(0, c.geometrySample);
  const positives = data.test.filter((p) => p.score >= c.positiveScore);
  const gold = data.test.map((p) => p.score);
  const names = whiteningTransforms(c.reducedDims);
  const sgns = trainSgns(corpus, { ...c.sgns, seed: c.seed, onProgress: (done, total) => c.onProgress?.(`SGNS word vectors, seed ${c.seed}`, done, total) });
  const cosent = await trainStsEncoder(data, {
    objective: 'cosent', ...c.cosent, seed: c.seed, onProgress: (done, total) => c.onProgress?.(`CoSENT encoder, seed ${c.seed}`, done, total),
  });
  const encoders: { name: string; embed: (texts: string[]) => tf.Tensor2D }[] = [
    { name: whiteningEncoders[0], embed: (texts) => sentenceVectors(sgns, texts) },
    { name: whiteningEncoders[1], embed: (texts) => embedAll(cosent.encoder, texts) },
  ];
  const rows: WhiteningGridRow[] = [];
  const cosines: WhiteningGridResult['cosines'] = [];
  try {
    for (const encoder of encoders) {
      const fitOn = encoder.embed(corpus);
      const whitenings = [undefined, ...c.reducedDims].map((k) => fitWhitening(fitOn, k));
      fitOn.dispose();
      const transforms = [(x: tf.Tensor2D) => x, ...whitenings.map((w) => (x: tf.Tensor2D) => applyWhitening(x, w))];
      // Each text set is embedded once per encoder; only the transform differs between rows.
      const raw = {
        sample: encoder.embed(sample),
        testA: encoder.embed(data.test.map((p) => p.a)),
        testB: encoder.embed(data.test.map((p) => p.b)),
        positiveA: encoder.embed(positives.map((p) => p.a)),
        positiveB: encoder.embed(positives.map((p) => p.b)),
      };
      transforms.forEach((apply, t) => tf.tidy(() => {
        const x = apply(raw.sample);
        const cos = pairCosine(apply(raw.testA), apply(raw.testB)).dataSync();
        rows.push({
          encoder: encoder.name,
          transform: names[t],
          anisotropy: anisotropy(x),
          testSpearman: spearman(cos, gold),
          alignment: alignment(apply(raw.positiveA), apply(raw.positiveB)),
          uniformity: uniformity(x),
        });
        if (c.keepCosines && t < 2) cosines.push({ encoder: encoder.name, transform: names[t], values: pairwiseCosines(x) });
      }));
      for (const tensor of Object.values(raw)) tensor.dispose();
      for (const w of whitenings) w.dispose();
    }
  } finally {
    cosent.encoder.dispose();
  }
  return { rows, cosines, vocabulary: sgns.words.length, bestEpoch: cosent.bestEpoch };
}

/**
 * Cosines of every pair of distinct rows (i < j), for a histogram of how
 * spread out the embeddings are. n rows give n(n − 1)/2 values.
 */
export function pairwiseCosines(x: tf.Tensor2D): Float32Array {
  const n = x.shape[0];
  const cos = tf.tidy(() => {
    const z = l2Normalize(x);
    return tf.matMul(z, z, false, true);
  });
  const all = cos.dataSync();
  cos.dispose();
  const out = new Float32Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[k++] = all[i * n + j];
  return out;
}
