/**
 * Trains the site's dense retriever at build time, seeded, on pairs mined from
 * the notes (src/search/dense/corpus.ts) with the notebooks' BagEncoder and
 * in-batch InfoNCE, then embeds every section of every page and averages each
 * page's section vectors into its vector. No pretrained weights, nothing
 * downloaded, and never the search benchmark's queries.
 */
import * as tf from '@tensorflow/tfjs';
import { BagEncoder } from '../../../notebooks/encoders.ts';
import { infoNceLoss, l2Normalize } from '../../../notebooks/losses.ts';
import { train } from '../../../notebooks/train.ts';
import { minePairs, pageTexts, type PageDoc } from './corpus.ts';
import { denseFeatures, quantize, tableLevels, type DenseIndex } from './model.ts';

export interface DenseTraining {
  seed: number;
  hidden: number;
  dim: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
}

export const defaultDenseTraining: DenseTraining = { seed: 19, hidden: 32, dim: 32, epochs: 8, batchSize: 256, learningRate: 0.02, temperature: 0.05 };

export async function trainDenseIndex(pages: PageDoc[], config: DenseTraining = defaultDenseTraining): Promise<{ index: DenseIndex; pairs: number; seconds: number }> {
  const started = performance.now();
  const pairs = minePairs(pages);
  const encoder = new BagEncoder({ features: denseFeatures, hidden: config.hidden, dim: config.dim, seed: config.seed });
  try {
    await train({
      examples: pairs,
      variables: encoder.variables,
      epochs: config.epochs,
      batchSize: Math.min(config.batchSize, pairs.length),
      learningRate: config.learningRate,
      seed: config.seed,
      // About 230 steps over 7k pairs: with lazy row updates dev recall@5
      // fell (fusion 0.92 to 0.84, dense alone 0.81 to 0.74; 0.86 and 0.77
      // with twice the epochs), since most hash buckets are read in only a
      // few of those steps and dense Adam's momentum moves them further.
      tableUpdates: 'dense',
      loss: (batch) =>
        tf.tidy(() =>
          infoNceLoss(l2Normalize(encoder.encode(batch.map((p) => p[0]))), l2Normalize(encoder.encode(batch.map((p) => p[1]))), config.temperature),
        ),
    });
    const vectors = new Float32Array(pages.length * config.dim);
    pages.forEach((page, i) => {
      const mean = tf.tidy(() => l2Normalize(tf.mean(l2Normalize(encoder.encode(pageTexts(page))), 0, true) as tf.Tensor2D));
      vectors.set(mean.dataSync(), i * config.dim);
      mean.dispose();
    });
    const [table, projection, bias] = encoder.variables.map((v) => v.dataSync() as Float32Array);
    const tableClip = percentileAbs(table, 0.999);
    const q = quantize(table, tableClip, tableLevels);
    const v = quantize(vectors, 1);
    const index: DenseIndex = {
      hidden: config.hidden,
      dim: config.dim,
      table: q.data,
      tableScale: q.scale,
      projection: Float32Array.from(projection),
      bias: Float32Array.from(bias),
      pages: pages.map((p) => ({ path: p.path, title: p.title })),
      vectors: v.data,
      vectorScale: v.scale,
    };
    return { index, pairs: pairs.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    encoder.dispose();
  }
}

function percentileAbs(values: Float32Array, q: number): number {
  const abs = Float32Array.from(values, Math.abs).sort();
  return abs[Math.min(abs.length - 1, Math.floor(q * abs.length))] || 1;
}
