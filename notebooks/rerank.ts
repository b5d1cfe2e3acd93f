/**
 * A toy cross-encoder (re-ranker) that reads a query and a gloss together.
 * Besides each side's bag of n-grams it sees the n-grams the two texts share,
 * an interaction a dual encoder cannot compute, and scores the pair with an MLP.
 */
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from './bag.ts';
import { Rng, glorotVariable, zerosVariable } from './random.ts';
import { defaultFeatureOptions, type FeatureOptions } from './text.ts';

export interface CrossEncoderConfig {
  features: FeatureOptions;
  hidden: number;
  seed: number;
}

export const defaultCrossEncoderConfig: CrossEncoderConfig = { features: defaultFeatureOptions, hidden: 64, seed: 11 };

export class CrossEncoder {
  readonly variables: tf.Variable[];
  private readonly bag: HashedBagEmbedding;
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;

  constructor(config: Partial<CrossEncoderConfig> = {}) {
    const { features, hidden, seed } = { ...defaultCrossEncoderConfig, ...config };
    const rng = new Rng(seed);
    this.bag = new HashedBagEmbedding(features, hidden, rng.seed());
    this.w1 = glorotVariable([4 * hidden, hidden], rng.seed());
    this.b1 = zerosVariable([hidden]);
    this.w2 = glorotVariable([hidden, 1], rng.seed());
    this.b2 = zerosVariable([1]);
    this.variables = [this.bag.table, this.w1, this.b1, this.w2, this.b2];
  }

  /** Relevance logits [n] of (queries[i], docs[i]). */
  score(queries: string[], docs: string[]): tf.Tensor1D {
    const qf = queries.map((q) => this.bag.features(q));
    const df = docs.map((d) => this.bag.features(d));
    const shared = qf.map((q, i) => {
      const inDoc = new Set(df[i]);
      return q.filter((f) => inDoc.has(f));
    });
    return tf.tidy(() => {
      const embed = (rows: number[][]) => tf.tanh(this.bag.embedFeatures(rows));
      const q = embed(qf);
      const d = embed(df);
      const s = embed(shared);
      const h = tf.relu(tf.add(tf.matMul(tf.concat([q, d, tf.mul(q, d), s], 1), this.w1), this.b1));
      return tf.add(tf.matMul(h, this.w2), this.b2).reshape([queries.length]) as tf.Tensor1D;
    });
  }

  /** Relevance probabilities (sigmoid of the logits), batched, as plain numbers. */
  probabilities(queries: string[], docs: string[], batch = 1024): number[] {
    const out: number[] = [];
    for (let i = 0; i < queries.length; i += batch) {
      const p = tf.tidy(() => tf.sigmoid(this.score(queries.slice(i, i + batch), docs.slice(i, i + batch))));
      out.push(...p.dataSync());
      p.dispose();
    }
    return out;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
