/**
 * The input layer the bag-of-n-grams models share: each text becomes the mean
 * of its hashed features' vectors, read from one trainable table.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './random.ts';
import { bagMean, rowSparse } from './sparse.ts';
import { hashedFeatures, type FeatureOptions } from './text.ts';

export class HashedBagEmbedding {
  readonly options: FeatureOptions;
  /** [options.dim, width]: one vector per hash bucket, read only through bagMean, so LazyAdam updates just the rows a batch read. */
  readonly table: tf.Variable;
  // The same texts come back every epoch, and hashing one costs more than
  // reading its rows.
  private readonly cache = new Map<string, number[]>();

  constructor(options: FeatureOptions, width: number, seed: number) {
    this.options = options;
    this.table = rowSparse(variableFrom(() => tf.randomNormal([options.dim, width], 0, 1 / Math.sqrt(width), 'float32', seed)));
  }

  /** Hashed feature indices of `text`, computed once per text. */
  features(text: string): number[] {
    let f = this.cache.get(text);
    if (!f) {
      f = hashedFeatures(text, this.options);
      this.cache.set(text, f);
    }
    return f;
  }

  /** Mean table vector of each row's features, [rows.length, width]; an empty row gives zeros. */
  embedFeatures(rows: number[][]): tf.Tensor2D {
    return bagMean(this.table as tf.Tensor2D, rows);
  }

  /** Mean table vector of each text's features, [texts.length, width]. */
  embed(texts: string[]): tf.Tensor2D {
    return this.embedFeatures(texts.map((t) => this.features(t)));
  }
}
