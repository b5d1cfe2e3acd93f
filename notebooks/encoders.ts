/**
 * Text encoders trained from scratch: a bag of hashed n-grams with an MLP head
 * (fast, the default), and a small Transformer (optionally causal, for SGPT-style
 * position-weighted pooling).
 */
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from './bag.ts';
import { glorotVariable, variableFrom, zerosVariable, Rng } from './random.ts';
import { gatherRows } from './sparse.ts';
import { swapLastAxes, trainedProduct } from './matmul.ts';
import { defaultFeatureOptions, tokenIds, type FeatureOptions } from './text.ts';

export interface TextEncoder {
  readonly dim: number;
  readonly variables: tf.Variable[];
  /** Embeddings of `texts`, one row each. Call inside `tf.tidy` when training. */
  encode(texts: string[]): tf.Tensor2D;
  dispose(): void;
}

export interface BagEncoderConfig {
  features: FeatureOptions;
  hidden: number;
  dim: number;
  seed: number;
}

export const defaultBagEncoderConfig: BagEncoderConfig = { features: defaultFeatureOptions, hidden: 256, dim: 128, seed: 1 };

/** Mean of hashed n-gram vectors → tanh → linear projection. */
export class BagEncoder implements TextEncoder {
  readonly dim: number;
  readonly variables: tf.Variable[];
  private readonly bag: HashedBagEmbedding;
  private readonly projection: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(config: Partial<BagEncoderConfig> = {}) {
    const { features, hidden, dim, seed } = { ...defaultBagEncoderConfig, ...config };
    const rng = new Rng(seed);
    this.dim = dim;
    this.bag = new HashedBagEmbedding(features, hidden, rng.seed());
    this.projection = glorotVariable([hidden, dim], rng.seed());
    this.bias = zerosVariable([dim]);
    this.variables = [this.bag.table, this.projection, this.bias];
  }

  encode(texts: string[]): tf.Tensor2D {
    return tf.tidy(() => {
      const hidden = tf.tanh(this.bag.embed(texts));
      return tf.add(trainedProduct(hidden, this.projection as tf.Tensor), this.bias) as tf.Tensor2D;
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

export type Pooling = 'mean' | 'first' | 'last' | 'weighted-mean';

export interface TransformerConfig {
  vocab: number;
  maxLen: number;
  dim: number;
  heads: number;
  layers: number;
  ffn: number;
  /** Each position sees only itself and earlier positions (a decoder, as in SGPT). */
  causal: boolean;
  pooling: Pooling;
  seed: number;
  /**
   * Rows of the token table after the `vocab` hashed ids, for special tokens
   * that no text hashes to (RetroMAE's [MASK] is id `vocab`). Default 0.
   */
  extraTokens?: number;
}

export const defaultTransformerConfig: TransformerConfig = {
  vocab: 4096, maxLen: 24, dim: 64, heads: 2, layers: 1, ffn: 128, causal: false, pooling: 'mean', seed: 1,
};

interface Block {
  wq: tf.Variable; wk: tf.Variable; wv: tf.Variable; wo: tf.Variable;
  w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable;
  g1: tf.Variable; be1: tf.Variable; g2: tf.Variable; be2: tf.Variable;
}

export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(gain).add(bias);
}

/**
 * Pooling weights over positions, rows summing to 1: `mean` averages the real
 * tokens, `first` takes position 0, `last` the last real token (under a causal
 * mask the only one that has seen the whole text), `weighted-mean` is SGPT's
 * w_i = i / Σ_j j over the real positions i = 1..S.
 */
export function poolingWeights(lengths: number[], maxLen: number, pooling: Pooling): tf.Tensor2D {
  const w = new Float32Array(lengths.length * maxLen);
  lengths.forEach((len, r) => {
    if (pooling === 'first') {
      w[r * maxLen] = 1;
      return;
    }
    if (pooling === 'last') {
      w[r * maxLen + Math.max(len, 1) - 1] = 1;
      return;
    }
    const total = pooling === 'mean' ? len : (len * (len + 1)) / 2;
    for (let i = 0; i < len; i++) w[r * maxLen + i] = (pooling === 'mean' ? 1 : i + 1) / total;
  });
  return tf.tensor2d(w, [lengths.length, maxLen]);
}

/** Pre-norm Transformer encoder over hashed word ids with learned positions. */
export class TransformerEncoder implements TextEncoder {
  readonly dim: number;
  readonly variables: tf.Variable[];
  readonly config: TransformerConfig;
  /** Token vectors [vocab + extraTokens, dim]. */
  protected readonly tokens: tf.Variable;
  /** Learned position vectors [maxLen, dim] (read by RetroMAE's decoder). */
  readonly positions: tf.Variable;
  private readonly blocks: Block[];
  private readonly finalGain: tf.Variable;
  private readonly finalBias: tf.Variable;

  constructor(config: Partial<TransformerConfig> = {}) {
    this.config = { ...defaultTransformerConfig, ...config };
    const { vocab, maxLen, dim, layers, ffn, seed } = this.config;
    if (dim % this.config.heads !== 0) throw new Error(`dim ${dim} is not divisible by heads ${this.config.heads}`);
    const rng = new Rng(seed);
    this.dim = dim;
    this.tokens = variableFrom(() => tf.randomNormal([vocab + (this.config.extraTokens ?? 0), dim], 0, 0.1, 'float32', rng.seed()));
    this.positions = variableFrom(() => tf.randomNormal([maxLen, dim], 0, 0.1, 'float32', rng.seed()));
    this.blocks = Array.from({ length: layers }, () => ({
      wq: glorotVariable([dim, dim], rng.seed()), wk: glorotVariable([dim, dim], rng.seed()),
      wv: glorotVariable([dim, dim], rng.seed()), wo: glorotVariable([dim, dim], rng.seed()),
      w1: glorotVariable([dim, ffn], rng.seed()), b1: zerosVariable([ffn]),
      w2: glorotVariable([ffn, dim], rng.seed()), b2: zerosVariable([dim]),
      g1: variableFrom(() => tf.ones([dim])), be1: zerosVariable([dim]),
      g2: variableFrom(() => tf.ones([dim])), be2: zerosVariable([dim]),
    }));
    this.finalGain = variableFrom(() => tf.ones([dim]));
    this.finalBias = zerosVariable([dim]);
    this.variables = [this.tokens, this.positions, this.finalGain, this.finalBias, ...this.blocks.flatMap((b) => Object.values(b))];
  }

  /** Additive attention mask [B, 1, L, L]: −1e9 on padding keys and, if causal, on later positions. */
  private attentionMask(lengths: number[]): tf.Tensor {
    const L = this.config.maxLen;
    const m = new Float32Array(lengths.length * L * L);
    lengths.forEach((len, b) => {
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          const hidden = j >= len || (this.config.causal && j > i);
          if (hidden) m[(b * L + i) * L + j] = -1e9;
        }
      }
    });
    return tf.tensor4d(m, [lengths.length, 1, L, L]);
  }

  private attention(x: tf.Tensor, block: Block, mask: tf.Tensor): tf.Tensor {
    const [B, L, D] = x.shape;
    const H = this.config.heads;
    const dh = D / H;
    const flat = x.reshape([B * L, D]);
    const split = (w: tf.Variable) => trainedProduct(flat, w as tf.Tensor).reshape([B, L, H, dh]).transpose([0, 2, 1, 3]);
    const q = split(block.wq);
    const k = split(block.wk);
    const v = split(block.wv);
    const scores = trainedProduct(q, swapLastAxes(k)).div(Math.sqrt(dh)).add(mask);
    const mixed = trainedProduct(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([B * L, D]);
    return trainedProduct(mixed, block.wo as tf.Tensor).reshape([B, L, D]);
  }

  /** Token ids of `texts` as the encoder reads them ([CLS] first, padded), and their real lengths. */
  tokenize(texts: string[]): { ids: number[][]; lengths: number[] } {
    const { vocab, maxLen } = this.config;
    const encoded = texts.map((t) => tokenIds(t, vocab, maxLen));
    return { ids: encoded.map((e) => e.ids), lengths: encoded.map((e) => e.length) };
  }

  /** Token vectors plus position vectors of `ids` (rows of `maxLen` ids), [B, maxLen, dim]. */
  embed(ids: number[][]): tf.Tensor3D {
    const { maxLen, dim } = this.config;
    return tf.tidy(() => gatherRows(this.tokens as tf.Tensor2D, ids.flat()).reshape([ids.length, maxLen, dim]).add(this.positions) as tf.Tensor3D);
  }

  /** Final token states [B, maxLen, dim] of `ids` whose real lengths are `lengths` (padding keys are masked). */
  states(ids: number[][], lengths: number[]): tf.Tensor3D {
    const { maxLen, dim } = this.config;
    return tf.tidy(() => {
      const B = ids.length;
      let x: tf.Tensor = this.embed(ids);
      const mask = this.attentionMask(lengths);
      for (const block of this.blocks) {
        x = x.add(this.attention(layerNorm(x, block.g1, block.be1), block, mask));
        const h = layerNorm(x, block.g2, block.be2).reshape([B * maxLen, dim]);
        const ff = trainedProduct(tf.relu(trainedProduct(h, block.w1 as tf.Tensor).add(block.b1)), block.w2 as tf.Tensor).add(block.b2);
        x = x.add(ff.reshape([B, maxLen, dim]));
      }
      return layerNorm(x, this.finalGain, this.finalBias) as tf.Tensor3D;
    });
  }

  encode(texts: string[]): tf.Tensor2D {
    const { maxLen, pooling } = this.config;
    const { ids, lengths } = this.tokenize(texts);
    return tf.tidy(() => {
      const x = this.states(ids, lengths);
      const weights = poolingWeights(lengths, maxLen, pooling);
      return trainedProduct(weights.expandDims(1), x as tf.Tensor).squeeze([1]) as tf.Tensor2D;
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

export type EncoderKind = 'bag' | 'transformer';

export function createEncoder(kind: EncoderKind, options: { seed: number; dim?: number; causal?: boolean; pooling?: Pooling; hidden?: number; features?: FeatureOptions }): TextEncoder {
  if (kind === 'bag') {
    return new BagEncoder({
      seed: options.seed, ...(options.dim ? { dim: options.dim } : {}),
      ...(options.hidden ? { hidden: options.hidden } : {}), ...(options.features ? { features: options.features } : {}),
    });
  }
  return new TransformerEncoder({
    seed: options.seed, ...(options.dim ? { dim: options.dim } : {}),
    causal: options.causal ?? false, pooling: options.pooling ?? 'mean',
  });
}

/** Embeddings of many texts, `batch` at a time (no gradient; the caller disposes the result). */
export function embedAll(encoder: TextEncoder, texts: string[], batch = 512): tf.Tensor2D {
  const parts: tf.Tensor2D[] = [];
  for (let i = 0; i < texts.length; i += batch) parts.push(encoder.encode(texts.slice(i, i + batch)));
  const out = tf.concat(parts) as tf.Tensor2D;
  tf.dispose(parts);
  return out;
}
