/**
 * Backward-compatible training on wn-lexname: an old encoder embeds the
 * gallery; a new encoder, trained on more data, must embed queries that are
 * comparable with that old gallery. BCT adds the influence loss (the frozen
 * old classifier applied to the new embeddings).
 */
import * as tf from '@tensorflow/tfjs';
import type { LabelledText, LexnameDataset } from './data.ts';
import { BagEncoder, embedAll, type TextEncoder } from './encoders.ts';
import { crossEntropy, influenceLoss, l2Normalize } from './losses.ts';
import { glorotVariable, zerosVariable } from './random.ts';
import { topK } from './retrieval.ts';
import { defaultFeatureOptions } from './text.ts';
import { train, type ProgressCallback } from './train.ts';

export interface BctConfig {
  /** Embedding size, shared by old and new models so their vectors can be compared. */
  dim: number;
  oldHidden: number;
  newHidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** λ of the influence loss. */
  lambda: number;
  /** Hash buckets of the bag-of-n-grams input; fewer train faster. */
  featureDim: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** The new encoders have twice the old one's hidden units; tables this size train all three models of a seed in well under a minute on one core. */
export const defaultBctConfig: BctConfig = { dim: 64, oldHidden: 64, newHidden: 128, featureDim: 4096, epochs: 6, batchSize: 64, learningRate: 2e-3, lambda: 1, seed: 1 };

interface Classifier {
  encoder: TextEncoder;
  weight: tf.Variable;
  bias: tf.Variable;
  dispose(): void;
}

function classifier(hidden: number, dim: number, classes: number, seed: number, featureDim: number): Classifier {
  const encoder = new BagEncoder({ hidden, dim, seed, features: { ...defaultFeatureOptions, dim: featureDim } });
  const weight = glorotVariable([dim, classes], seed + 1);
  const bias = zerosVariable([classes]);
  return { encoder, weight, bias, dispose: () => { encoder.dispose(); tf.dispose([weight, bias]); } };
}

export interface BctRetrieval {
  /** Share of queries whose nearest gallery item has the query's class. */
  top1: number;
  /** Mean share of the 10 nearest gallery items with the query's class. */
  precision10: number;
}

/** Class-match retrieval of `query` embeddings against `gallery` embeddings, by cosine. */
export function classRetrieval(query: tf.Tensor2D, gallery: tf.Tensor2D, queryLabels: number[], galleryLabels: number[]): BctRetrieval {
  const { indices } = topK(query, gallery, 10);
  let top1 = 0, p10 = 0;
  indices.forEach((row, i) => {
    if (galleryLabels[row[0]] === queryLabels[i]) top1++;
    p10 += row.filter((g) => galleryLabels[g] === queryLabels[i]).length / row.length;
  });
  return { top1: top1 / indices.length, precision10: p10 / indices.length };
}

export interface BctRow extends BctRetrieval {
  setting: string;
}

export interface BctResult {
  rows: BctRow[];
  /** M(new-BCT query, old gallery) > M(old query, old gallery), by top-1. */
  compatible: boolean;
  /** The same criterion for the new model trained without the influence loss. */
  compatibleWithoutBct: boolean;
}

export async function runBct(data: LexnameDataset, config: Partial<BctConfig> = {}): Promise<BctResult> {
  const c = { ...defaultBctConfig, ...config };
  const classes = data.classes.length;
  const oldClasses = new Set(data.old.map((e) => e.label));
  const progress = (stage: string): ProgressCallback => (d, t) => c.onProgress?.(stage, d, t);
  const fit = async (model: Classifier, examples: LabelledText[], stage: string, oldHead?: Classifier) => {
    await train({
      examples, variables: [...model.encoder.variables, model.weight, model.bias], epochs: c.epochs, batchSize: c.batchSize,
      learningRate: c.learningRate, seed: c.seed, onProgress: progress(stage),
      loss: (batch) => {
        const emb = model.encoder.encode(batch.map((e) => e.text));
        const labels = tf.tensor1d(batch.map((e) => e.label), 'int32');
        if (!oldHead) return crossEntropy(tf.add(tf.matMul(emb, model.weight), model.bias) as tf.Tensor2D, labels);
        const mask = tf.tensor1d(batch.map((e) => (oldClasses.has(e.label) ? 1 : 0)));
        return influenceLoss(emb, labels, { weight: model.weight as tf.Tensor2D, bias: model.bias as tf.Tensor1D }, { weight: oldHead.weight as tf.Tensor2D, bias: oldHead.bias as tf.Tensor1D }, mask, c.lambda);
      },
    });
  };

  const oldModel = classifier(c.oldHidden, c.dim, classes, c.seed, c.featureDim);
  await fit(oldModel, data.old, 'old model');
  const independent = classifier(c.newHidden, c.dim, classes, c.seed + 100, c.featureDim);
  await fit(independent, data.new, 'new model');
  const compatibleModel = classifier(c.newHidden, c.dim, classes, c.seed + 100, c.featureDim);
  await fit(compatibleModel, data.new, 'new model with influence loss', oldModel);

  const embed = (m: Classifier, items: LabelledText[]) => tf.tidy(() => l2Normalize(embedAll(m.encoder, items.map((e) => e.text))));
  const qLabels = data.query.map((e) => e.label);
  const gLabels = data.gallery.map((e) => e.label);
  const oldGallery = embed(oldModel, data.gallery);
  const rows: BctRow[] = [];
  const evaluate = (setting: string, queryModel: Classifier, gallery: tf.Tensor2D) => {
    const q = embed(queryModel, data.query);
    rows.push({ setting, ...classRetrieval(q, gallery, qLabels, gLabels) });
    q.dispose();
  };
  evaluate('old query / old gallery', oldModel, oldGallery);
  const newGallery = embed(independent, data.gallery);
  evaluate('new query / new gallery (independent)', independent, newGallery);
  evaluate('new query / old gallery (independent)', independent, oldGallery);
  const bctGallery = embed(compatibleModel, data.gallery);
  evaluate('new query / new gallery (BCT)', compatibleModel, bctGallery);
  evaluate('new query / old gallery (BCT)', compatibleModel, oldGallery);
  tf.dispose([oldGallery, newGallery, bctGallery]);
  oldModel.dispose();
  independent.dispose();
  compatibleModel.dispose();
  const top1 = (setting: string) => rows.find((r) => r.setting === setting)!.top1;
  return {
    rows,
    compatible: top1('new query / old gallery (BCT)') > top1('old query / old gallery'),
    compatibleWithoutBct: top1('new query / old gallery (independent)') > top1('old query / old gallery'),
  };
}
