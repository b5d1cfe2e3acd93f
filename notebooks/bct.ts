/**
 * Backward-compatible training on wn-lexname: an old encoder embeds the
 * gallery; a new encoder, trained on more data, must embed queries that are
 * comparable with that old gallery. BCT adds the influence loss (the frozen
 * old classifier applied to the new embeddings); the L2 baseline instead pulls
 * each new embedding toward the old embedding of the same text.
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
  /** μ of the L2 baseline: weight of the mean squared distance between a new embedding and the old one of the same text. */
  l2Weight: number;
  /** Hash buckets of the bag-of-n-grams input; fewer train faster. */
  featureDim: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/**
 * The new encoders have twice the old one's hidden units. Batches of 256 cost
 * less per example than smaller ones (a step's table update is paid once per
 * batch), and the learning rate grows with the batch, so the four models of a
 * seed train in under 20 s on one core.
 */
export const defaultBctConfig: BctConfig = { dim: 64, oldHidden: 64, newHidden: 128, featureDim: 4096, epochs: 6, batchSize: 256, learningRate: 8e-3, lambda: 1, l2Weight: 1, seed: 1 };

/** The three ways the new model is trained: on its own, with the influence loss, with the L2 penalty. */
export const newModelKinds = ['independent', 'BCT', 'L2'] as const;
export type NewModelKind = (typeof newModelKinds)[number];

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

/** Top-1 of a retriever that returns a gallery item at random: the mean, over queries, of the gallery's share of the query's class. */
export function chanceTop1(queryLabels: number[], galleryLabels: number[]): number {
  const share = new Map<number, number>();
  for (const label of galleryLabels) share.set(label, (share.get(label) ?? 0) + 1 / galleryLabels.length);
  return queryLabels.reduce((sum, label) => sum + (share.get(label) ?? 0), 0) / queryLabels.length;
}

export interface BctRow extends BctRetrieval {
  /** "old query / old gallery", "new query / old gallery (BCT)", … */
  setting: string;
  /** The model that embedded the queries: the old one, or one of the new kinds. */
  model: 'old' | NewModelKind;
  /** Which model's vectors the gallery holds: the old index, or one rebuilt by the query's model. */
  gallery: 'old' | 'new';
}

export interface BctResult {
  rows: BctRow[];
  /** Per new model, the compatibility criterion by top-1: M(new query, old gallery) > M(old query, old gallery). */
  compatible: Record<NewModelKind, boolean>;
}

export async function runBct(data: LexnameDataset, config: Partial<BctConfig> = {}): Promise<BctResult> {
  const c = { ...defaultBctConfig, ...config };
  const classes = data.classes.length;
  const oldClasses = new Set(data.old.map((e) => e.label));
  const progress = (stage: string): ProgressCallback => (d, t) => c.onProgress?.(stage, d, t);
  const logits = (model: Classifier, emb: tf.Tensor2D) => tf.add(tf.matMul(emb, model.weight), model.bias) as tf.Tensor2D;
  const fit = (model: Classifier, examples: LabelledText[], stage: string, loss: (emb: tf.Tensor2D, labels: tf.Tensor1D, batch: LabelledText[]) => tf.Scalar) =>
    train({
      examples, variables: [...model.encoder.variables, model.weight, model.bias], epochs: c.epochs, batchSize: c.batchSize,
      learningRate: c.learningRate, seed: c.seed, onProgress: progress(stage),
      loss: (batch) => loss(model.encoder.encode(batch.map((e) => e.text)), tf.tensor1d(batch.map((e) => e.label), 'int32'), batch),
    });

  const oldModel = classifier(c.oldHidden, c.dim, classes, c.seed, c.featureDim);
  await fit(oldModel, data.old, 'old model', (emb, labels) => crossEntropy(logits(oldModel, emb), labels));
  const oldHead = { weight: oldModel.weight as tf.Tensor2D, bias: oldModel.bias as tf.Tensor1D };
  // The old encoder is frozen, so its embeddings of the new training set are computed once for the L2 penalty.
  const oldTargets = embedAll(oldModel.encoder, data.new.map((e) => e.text));
  const targetRow = new Map(data.new.map((e, i) => [e, i]));

  // Every new model starts from the same weights, so the three differ only in their loss.
  const newModels = {} as Record<NewModelKind, Classifier>;
  for (const kind of newModelKinds) {
    const model = classifier(c.newHidden, c.dim, classes, c.seed + 100, c.featureDim);
    newModels[kind] = model;
    const ownHead = { weight: model.weight as tf.Tensor2D, bias: model.bias as tf.Tensor1D };
    await fit(model, data.new, `new model (${kind})`, (emb, labels, batch) => {
      if (kind === 'BCT') {
        const mask = tf.tensor1d(batch.map((e) => (oldClasses.has(e.label) ? 1 : 0)));
        return influenceLoss(emb, labels, ownHead, oldHead, mask, c.lambda);
      }
      const ce = crossEntropy(logits(model, emb), labels);
      if (kind === 'independent') return ce;
      const target = tf.gather(oldTargets, tf.tensor1d(batch.map((e) => targetRow.get(e)!), 'int32'));
      return tf.add(ce, tf.mul(tf.mean(tf.sum(tf.square(tf.sub(emb, target)), 1)), c.l2Weight)) as tf.Scalar;
    });
  }
  oldTargets.dispose();

  const embed = (m: Classifier, items: LabelledText[]) => tf.tidy(() => l2Normalize(embedAll(m.encoder, items.map((e) => e.text))));
  const qLabels = data.query.map((e) => e.label);
  const gLabels = data.gallery.map((e) => e.label);
  const oldGallery = embed(oldModel, data.gallery);
  const rows: BctRow[] = [];
  const evaluate = (model: BctRow['model'], queryModel: Classifier, gallery: BctRow['gallery'], galleryEmb: tf.Tensor2D) => {
    const q = embed(queryModel, data.query);
    const setting = `${model === 'old' ? 'old' : 'new'} query / ${gallery} gallery${model === 'old' ? '' : ` (${model})`}`;
    rows.push({ setting, model, gallery, ...classRetrieval(q, galleryEmb, qLabels, gLabels) });
    q.dispose();
  };
  evaluate('old', oldModel, 'old', oldGallery);
  for (const kind of newModelKinds) {
    const rebuilt = embed(newModels[kind], data.gallery);
    evaluate(kind, newModels[kind], 'new', rebuilt);
    evaluate(kind, newModels[kind], 'old', oldGallery);
    rebuilt.dispose();
    newModels[kind].dispose();
  }
  oldGallery.dispose();
  oldModel.dispose();
  const top1 = (model: BctRow['model'], gallery: BctRow['gallery']) => rows.find((r) => r.model === model && r.gallery === gallery)!.top1;
  const compatible = Object.fromEntries(newModelKinds.map((kind) => [kind, top1(kind, 'old') > top1('old', 'old')])) as Record<NewModelKind, boolean>;
  return { rows, compatible };
}
