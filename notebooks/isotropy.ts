/**
 * Anisotropy and whitening on wn-sts: sentence vectors before and after
 * BERT-whitening, from an unsupervised encoder (mean of SGNS word vectors,
 * standing in for raw BERT) and from a supervised CoSENT encoder.
 */
import * as tf from '@tensorflow/tfjs';
import type { StsDataset, StsPair } from './data.ts';
import { embedAll } from './encoders.ts';
import { l2Normalize, pairCosine } from './losses.ts';
import { anisotropy, spearman } from './metrics.ts';
import { sentenceVectors, trainSgns, type SgnsConfig } from './sgns.ts';
import { trainStsEncoder, type StsConfig } from './sts.ts';
import { applyWhitening, fitWhitening } from './whitening.ts';

export interface IsotropyConfig {
  sgns: Partial<SgnsConfig>;
  sts: Partial<StsConfig>;
  /** Also whiten to this many dimensions. */
  reducedDim: number;
  seed: number;
}

/** The CoSENT encoder at the size the CoSENT note trains (a 4096-bucket bag, 64 hidden units), so three seeds run in minutes. */
export const defaultIsotropyConfig: IsotropyConfig = {
  sgns: {}, sts: { objective: 'cosent', bag: { featureDim: 4096, hidden: 64, dim: 64 } }, reducedDim: 32, seed: 1,
};

export interface IsotropyRow {
  encoder: string;
  transform: string;
  anisotropy: number;
  testSpearman: number;
}

function evaluate(encoderName: string, embed: (texts: string[]) => tf.Tensor2D, data: StsDataset, reducedDim: number): IsotropyRow[] {
  const fitTexts = [...new Set(data.train.flatMap((p) => [p.a, p.b]))];
  const testTexts = [...new Set(data.test.flatMap((p) => [p.a, p.b]))];
  const rows: IsotropyRow[] = [];
  const measure = (transform: string, apply: (x: tf.Tensor2D) => tf.Tensor2D) => {
    const score = (pairs: StsPair[]) => {
      const cos = tf.tidy(() => pairCosine(apply(embed(pairs.map((p) => p.a))), apply(embed(pairs.map((p) => p.b)))));
      const values = cos.dataSync();
      cos.dispose();
      return spearman(values, pairs.map((p) => p.score));
    };
    const vectors = tf.tidy(() => apply(embed(testTexts)));
    rows.push({ encoder: encoderName, transform, anisotropy: anisotropy(vectors), testSpearman: score(data.test) });
    vectors.dispose();
  };
  measure('raw', (x) => x);
  const fitOn = embed(fitTexts);
  for (const k of [undefined, reducedDim]) {
    const w = fitWhitening(fitOn, k);
    measure(k ? `whitened, k = ${k}` : 'whitened', (x) => applyWhitening(x, w));
    w.dispose();
  }
  fitOn.dispose();
  return rows;
}

export async function runIsotropy(data: StsDataset, config: Partial<IsotropyConfig> = {}): Promise<IsotropyRow[]> {
  const c = { ...defaultIsotropyConfig, ...config };
  const corpus = [...new Set(data.train.flatMap((p) => [p.a, p.b]))];
  const sgns = trainSgns(corpus, { seed: c.seed, ...c.sgns });
  const rows = evaluate('mean of SGNS word vectors', (texts) => sentenceVectors(sgns, texts), data, c.reducedDim);
  const { encoder } = await trainStsEncoder(data, { seed: c.seed, ...c.sts });
  rows.push(...evaluate(`bag encoder trained with ${c.sts.objective ?? 'cosent'}`, (texts) => embedAll(encoder, texts), data, c.reducedDim));
  encoder.dispose();
  return rows;
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
