/**
 * The dense paths the encoders used before they read table rows sparsely,
 * kept as the bench's baseline and the unit tests' reference: a bag of
 * features as a dense [batch, buckets] matrix times the table, token ids as
 * one-hot rows times the token table.
 */
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from '../../notebooks/bag.ts';
import { TransformerEncoder } from '../../notebooks/encoders.ts';

/**
 * Rows of a batch as a dense, row-normalised bag of features: each row sums to
 * 1, so its product with the table is the mean of its features' vectors.
 */
export function bagOfFeatures(rows: number[][], dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((indices, r) => {
    if (indices.length === 0) return;
    const w = 1 / indices.length;
    for (const j of indices) out[r * dim + j] += w;
  });
  return out;
}

/**
 * `input · weight` where only `weight` is trained. tfjs computes the weight's
 * gradient as `matMul(input, dy, transposeA=true)`, and the WASM kernel's
 * transposed path is about 25 times slower than transposing first, so the
 * dense baseline transposes first: it is the dense path at its best.
 */
export function constantTimesWeight(input: tf.Tensor2D, weight: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((w, save) => {
    (save as tf.GradSaveFunc)([input]);
    return {
      value: tf.matMul(input, w as tf.Tensor2D),
      gradFunc: (dy, [saved]) => tf.matMul(tf.transpose(saved), dy as tf.Tensor2D),
    };
  });
  return product(weight) as tf.Tensor2D;
}

function denseEmbedFeatures(this: HashedBagEmbedding, rows: number[][]): tf.Tensor2D {
  return tf.tidy(() => {
    const bag = tf.tensor2d(bagOfFeatures(rows, this.options.dim), [rows.length, this.options.dim]);
    return constantTimesWeight(bag, this.table as tf.Tensor2D);
  });
}

/**
 * Runs `body` with every HashedBagEmbedding (so BagEncoder, InstructedEncoder
 * and CrossEncoder) on the dense product, then puts the sparse path back.
 * Synchronous on purpose: an awaited body would leave the dense path in place
 * for whatever else runs meanwhile.
 */
export function withDenseBags<T>(body: () => T): T {
  const sparse = HashedBagEmbedding.prototype.embedFeatures;
  HashedBagEmbedding.prototype.embedFeatures = denseEmbedFeatures;
  try {
    return body();
  } finally {
    HashedBagEmbedding.prototype.embedFeatures = sparse;
  }
}

/** The Transformer encoder with its token vectors read as one-hot rows times the token table. */
export class OneHotTransformerEncoder extends TransformerEncoder {
  override embed(ids: number[][]): tf.Tensor3D {
    const { maxLen, dim } = this.config;
    return tf.tidy(() => {
      const oneHot = tf.oneHot(tf.tensor1d(ids.flat(), 'int32'), this.tokens.shape[0]).toFloat() as tf.Tensor2D;
      return constantTimesWeight(oneHot, this.tokens as tf.Tensor2D).reshape([ids.length, maxLen, dim]).add(this.positions) as tf.Tensor3D;
    });
  }
}
