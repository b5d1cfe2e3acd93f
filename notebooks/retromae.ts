/**
 * RetroMAE at toy scale: retrieval-oriented pre-training as a masked
 * auto-encoder. The encoder (a `TransformerEncoder` with [CLS] pooling) reads a
 * moderately masked text and gives the sentence vector h; a one-layer decoder
 * reconstructs the whole text from h and an aggressively masked context, with
 * enhanced decoding: a query stream h + p_i, a context stream [h, e_x + p], and
 * an attention mask that gives every row its own sample of the context, never
 * the row's own token. The loss is the encoder's MLM loss plus the decoder's
 * reconstruction loss; with the decoder switched off it is plain MLM.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset } from './data.ts';
import { docText, evaluateRetriever, sharedTower, trainDualEncoder } from './dense.ts';
import { layerNorm, TransformerEncoder, type TransformerConfig } from './encoders.ts';
import { glorotVariable, Rng, variableFrom, zerosVariable } from './random.ts';
import { gatherRows } from './sparse.ts';
import { swapLastAxes, trainedProduct } from './matmul.ts';

/** Additive mask value for a hidden key. */
const HIDDEN = -1e9;

export interface MaskedText {
  /** The ids with the masked positions replaced by `maskId`. */
  ids: number[];
  /** The masked positions, ascending. */
  masked: number[];
}

/**
 * Masks `max(1, round(ratio · (length − 1)))` of the real positions
 * 1..length − 1, sampled without replacement: [CLS] (position 0) and padding
 * are never masked. A text with no word besides [CLS] is left as it is.
 */
export function maskTokens(ids: number[], length: number, ratio: number, maskId: number, rng: Rng): MaskedText {
  const words = length - 1;
  if (words <= 0 || ratio <= 0) return { ids: [...ids], masked: [] };
  const count = Math.min(words, Math.max(1, Math.round(ratio * words)));
  const masked = rng.sample(words, count).map((k) => k + 1).sort((a, b) => a - b);
  const out = [...ids];
  for (const i of masked) out[i] = maskId;
  return { ids: out, masked };
}

/**
 * Enhanced decoding's context sample for one text: for each row i in
 * 1..length − 1, the positions it may attend to: position 0 (h) always, plus
 * `round((1 − ratio) · (length − 2))` positions drawn afresh from the other real
 * positions 1..length − 1 without i. Row 0 and padding rows reconstruct
 * nothing and see position 0 only.
 */
export function sampleContext(length: number, maxLen: number, ratio: number, rng: Rng): number[][] {
  return Array.from({ length: maxLen }, (_, i) => {
    if (i === 0 || i >= length) return [0];
    const others = Array.from({ length: length - 1 }, (_, k) => k + 1).filter((j) => j !== i);
    const keep = Math.round((1 - ratio) * others.length);
    const picked = rng.shuffle(others).slice(0, keep);
    return [0, ...picked.sort((a, b) => a - b)];
  });
}

/** The additive attention mask M, [B, maxLen, maxLen]: 0 where row i may see column j, −1e9 elsewhere. */
export function enhancedDecodingMask(lengths: number[], maxLen: number, ratio: number, rng: Rng): Float32Array {
  const m = new Float32Array(lengths.length * maxLen * maxLen).fill(HIDDEN);
  lengths.forEach((length, b) => {
    sampleContext(length, maxLen, ratio, rng).forEach((visible, i) => {
      for (const j of visible) m[(b * maxLen + i) * maxLen + j] = 0;
    });
  });
  return m;
}

export interface RetroMaeOptions {
  /** Share of the words the encoder does not see (the paper: 15–30 %, default 0.3). */
  encoderMaskRatio: number;
  /** Share of the context each decoder row does not see (the paper: 50–70 %). */
  decoderMaskRatio: number;
  /** Without the decoder the objective is the encoder's MLM loss alone (the control). */
  decoder: boolean;
  /** Hidden width of the decoder's feed-forward layer. */
  ffn: number;
  seed: number;
}

export const defaultRetroMaeOptions: RetroMaeOptions = { encoderMaskRatio: 0.3, decoderMaskRatio: 0.5, decoder: true, ffn: 64, seed: 1 };

export interface RetroMaeLosses {
  encoder: tf.Scalar;
  /** Absent when the decoder is switched off. */
  decoder?: tf.Scalar;
  total: tf.Scalar;
}

/**
 * The pre-training model around an encoder the caller owns: an output head
 * (shared by the encoder's MLM and the decoder) and the
 * one-layer decoder. `dispose()` frees the head and the decoder, not the encoder.
 */
export class RetroMae {
  readonly encoder: TransformerEncoder;
  readonly options: RetroMaeOptions;
  /** The [MASK] id: the first row after the hashed vocabulary. */
  readonly maskId: number;
  readonly variables: tf.Variable[];
  private readonly own: tf.Variable[];
  private readonly head: { w: tf.Variable; b: tf.Variable };
  private readonly dec?: {
    wq: tf.Variable; wk: tf.Variable; wv: tf.Variable; wo: tf.Variable;
    gq: tf.Variable; bq: tf.Variable; gc: tf.Variable; bc: tf.Variable;
    g2: tf.Variable; be2: tf.Variable; w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable;
    gf: tf.Variable; bf: tf.Variable;
  };

  constructor(encoder: TransformerEncoder, options: Partial<RetroMaeOptions> = {}) {
    this.encoder = encoder;
    this.options = { ...defaultRetroMaeOptions, ...options };
    const { vocab, dim } = encoder.config;
    if ((encoder.config.extraTokens ?? 0) < 1) throw new Error('RetroMAE needs an encoder with extraTokens ≥ 1 (a row for [MASK])');
    this.maskId = vocab;
    const rng = new Rng(this.options.seed);
    this.head = { w: glorotVariable([dim, vocab], rng.seed()), b: zerosVariable([vocab]) };
    this.own = [this.head.w, this.head.b];
    if (this.options.decoder) {
      const ones = () => variableFrom(() => tf.ones([dim]));
      const { ffn } = this.options;
      this.dec = {
        wq: glorotVariable([dim, dim], rng.seed()), wk: glorotVariable([dim, dim], rng.seed()),
        wv: glorotVariable([dim, dim], rng.seed()), wo: glorotVariable([dim, dim], rng.seed()),
        gq: ones(), bq: zerosVariable([dim]), gc: ones(), bc: zerosVariable([dim]),
        g2: ones(), be2: zerosVariable([dim]),
        w1: glorotVariable([dim, ffn], rng.seed()), b1: zerosVariable([ffn]),
        w2: glorotVariable([ffn, dim], rng.seed()), b2: zerosVariable([dim]),
        gf: ones(), bf: zerosVariable([dim]),
      };
      this.own.push(...Object.values(this.dec));
    }
    this.variables = [...encoder.variables, ...this.own];
  }

  /** Mean cross-entropy of the head's prediction of `labels` from `states` rows. */
  private reconstruction(states: tf.Tensor2D, labels: number[]): tf.Scalar {
    const logits = trainedProduct(states, this.head.w as tf.Tensor2D).add(this.head.b);
    const target = tf.oneHot(tf.tensor1d(labels, 'int32'), this.encoder.config.vocab);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), -1))) as tf.Scalar;
  }

  /**
   * The decoder: query stream H1 = h + p_i, context stream H2 = [h, e_x1 + p1, …],
   * one attention layer softmax(QKᵀ/√d + M)V with Q from H1 and K, V from H2,
   * a feed-forward layer, and a final norm. Returns the states [B, L, D].
   */
  private decode(h: tf.Tensor3D, ids: number[][], mask: tf.Tensor): tf.Tensor3D {
    const d = this.dec!;
    const { maxLen: L, dim: D, heads: H } = this.encoder.config;
    const B = ids.length;
    const dh = D / H;
    const query = h.add(this.encoder.positions);
    const context = tf.concat([h, this.encoder.embed(ids).slice([0, 1, 0], [B, L - 1, D])], 1);
    const split = (x: tf.Tensor, w: tf.Variable) => trainedProduct(x.reshape([B * L, D]), w as tf.Tensor).reshape([B, L, H, dh]).transpose([0, 2, 1, 3]);
    const qn = layerNorm(query, d.gq, d.bq);
    const cn = layerNorm(context, d.gc, d.bc);
    const scores = trainedProduct(split(qn, d.wq), swapLastAxes(split(cn, d.wk))).div(Math.sqrt(dh)).add(mask);
    const mixed = trainedProduct(tf.softmax(scores), split(cn, d.wv)).transpose([0, 2, 1, 3]).reshape([B * L, D]);
    let x = query.add(trainedProduct(mixed, d.wo as tf.Tensor).reshape([B, L, D]));
    const ffIn = layerNorm(x, d.g2, d.be2).reshape([B * L, D]);
    x = x.add(trainedProduct(tf.relu(trainedProduct(ffIn, d.w1 as tf.Tensor).add(d.b1)), d.w2 as tf.Tensor).add(d.b2).reshape([B, L, D]));
    return layerNorm(x, d.gf, d.bf) as tf.Tensor3D;
  }

  /** The losses on `texts`, masks drawn from `rng`. Call inside `tf.tidy` (or an optimiser's minimize). */
  losses(texts: string[], rng: Rng): RetroMaeLosses {
    const { encoderMaskRatio, decoderMaskRatio } = this.options;
    const { maxLen: L, dim: D } = this.encoder.config;
    const { ids, lengths } = this.encoder.tokenize(texts);
    const B = texts.length;
    const masked = ids.map((row, b) => maskTokens(row, lengths[b], encoderMaskRatio, this.maskId, rng));
    const states = this.encoder.states(masked.map((m) => m.ids), lengths);
    const encRows = masked.flatMap((m, b) => m.masked.map((i) => b * L + i));
    const encLabels = masked.flatMap((m, b) => m.masked.map((i) => ids[b][i]));
    const encoder = this.reconstruction(gatherRows(states.reshape([B * L, D]), encRows), encLabels);
    if (!this.dec) return { encoder, total: encoder };
    const h = states.slice([0, 0, 0], [B, 1, D]) as tf.Tensor3D;
    const mask = tf.tensor4d(enhancedDecodingMask(lengths, L, decoderMaskRatio, rng), [B, 1, L, L]);
    const decoded = this.decode(h, ids, mask);
    const decRows = lengths.flatMap((n, b) => Array.from({ length: n - 1 }, (_, k) => b * L + k + 1));
    const decLabels = lengths.flatMap((n, b) => ids[b].slice(1, n));
    const decoder = this.reconstruction(gatherRows(decoded.reshape([B * L, D]), decRows), decLabels);
    return { encoder, decoder, total: encoder.add(decoder) as tf.Scalar };
  }

  /** Frees the head and the decoder; the encoder stays with its owner. */
  dispose(): void {
    for (const v of this.own) v.dispose();
  }
}

export interface PretrainStep {
  step: number;
  encoder: number;
  /** NaN when the decoder is switched off. */
  decoder: number;
}

export interface PretrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Pre-trains `model` on `texts` with Adam; step s draws its masks from a
 * generator seeded by (seed, s), so a run is reproducible. Returns each step's losses.
 */
export async function pretrain(model: RetroMae, texts: string[], options: PretrainOptions): Promise<PretrainStep[]> {
  const { epochs, batchSize, learningRate, seed, onProgress } = options;
  const order = new Rng(seed);
  const optimizer = tf.train.adam(learningRate);
  const perEpoch = Math.floor(texts.length / batchSize);
  if (perEpoch === 0) throw new Error(`${texts.length} texts make no batch of ${batchSize}`);
  const steps: PretrainStep[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const perm = order.permutation(texts.length);
      for (let b = 0; b < perEpoch; b++) {
        const batch = perm.slice(b * batchSize, (b + 1) * batchSize).map((i) => texts[i]);
        const step = steps.length;
        const rng = new Rng(seed * 100003 + step);
        let parts: tf.Tensor | undefined;
        optimizer.minimize(() => {
          const l = model.losses(batch, rng);
          parts = tf.keep(tf.stack([l.encoder, l.decoder ?? tf.scalar(NaN)]));
          return l.total;
        }, false, model.variables);
        const [encoder, decoder] = await parts!.data();
        tf.dispose(parts!);
        steps.push({ step: step + 1, encoder, decoder });
        onProgress?.(steps.length, perEpoch * epochs);
      }
    }
  } finally {
    optimizer.dispose();
  }
  return steps;
}

export type Init = 'random init' | 'MLM only' | 'RetroMAE';

export interface RetroMaeCurveConfig {
  encoder: Omit<TransformerConfig, 'seed'>;
  encoderMaskRatio: number;
  decoderMaskRatio: number;
  pretrain: Omit<PretrainOptions, 'seed' | 'onProgress'>;
  /** The starting points compared; each pre-trained one costs a pre-training run. */
  inits: readonly Init[];
  /** Labelled training queries at each point of the curve; 0 is zero-shot. */
  sizes: readonly number[];
  /** Every fine-tuning run makes `updates` updates of `batchSize` queries, whatever its size. */
  finetune: { updates: number; batchSize: number; learningRate: number; scale: number };
  seed: number;
}

/** The note's default: one pass of pre-training, then 48 updates of 32 queries at each size. */
export const defaultRetroMaeCurve: RetroMaeCurveConfig = {
  encoder: { vocab: 1024, maxLen: 16, dim: 32, heads: 2, layers: 1, ffn: 64, causal: false, pooling: 'first', extraTokens: 1 },
  encoderMaskRatio: 0.3,
  decoderMaskRatio: 0.5,
  pretrain: { epochs: 1, batchSize: 64, learningRate: 0.002 },
  inits: ['random init', 'RetroMAE'],
  sizes: [0, 32, 128, 512],
  finetune: { updates: 48, batchSize: 32, learningRate: 0.005, scale: 20 },
  seed: 1,
};

export interface CurvePoint {
  init: Init;
  /** Labelled queries fine-tuned on (0: zero-shot). */
  queries: number;
  mrr10: number;
  recall10: number;
}

export interface RetroMaeCurve {
  points: CurvePoint[];
  /** Each pre-trained start's losses, step by step. */
  pretraining: { init: Init; steps: PretrainStep[] }[];
}

/**
 * Epochs that give exactly `updates` updates over `queries` examples in
 * batches of `batchSize`; whole batches only, so no batch repeats a query.
 */
export function epochsFor(queries: number, batchSize: number, updates: number): number {
  const perEpoch = queries / batchSize;
  if (!Number.isInteger(perEpoch) || perEpoch === 0 || updates % perEpoch !== 0) {
    throw new RangeError(`${queries} queries in batches of ${batchSize} cannot make exactly ${updates} updates`);
  }
  return updates / perEpoch;
}

/**
 * One seed of the fine-tuning-size curve on `data` (a slice whose glosses are
 * the pre-training corpus). Every start begins from the seed's initial
 * weights; a pre-trained one is pre-trained once, and every size fine-tunes a
 * fresh copy of the same weights on its own draw of labelled queries.
 */
export async function runRetroMaeCurve(data: RetrievalDataset, config: Partial<RetroMaeCurveConfig> = {},
  onProgress?: (label: string, done: number, total: number) => void): Promise<RetroMaeCurve> {
  const c = { ...defaultRetroMaeCurve, ...config };
  const corpus = data.docs.map(docText);
  // Nested draws: a larger set holds the smaller ones, so the curve adds queries rather than swapping them.
  const order = new Rng(c.seed).permutation(data.train.length);
  const labelled = new Map(c.sizes.map((n) => [n, order.slice(0, n).map((i) => ({ query: data.train[i] }))]));
  const points: CurvePoint[] = [];
  const pretraining: RetroMaeCurve['pretraining'] = [];
  for (const init of c.inits) {
    const encoder = new TransformerEncoder({ ...c.encoder, seed: c.seed });
    const tower = sharedTower(encoder);
    try {
      if (init !== 'random init') {
        const model = new RetroMae(encoder, { decoder: init === 'RetroMAE', encoderMaskRatio: c.encoderMaskRatio, decoderMaskRatio: c.decoderMaskRatio, seed: c.seed });
        const steps = await pretrain(model, corpus, { ...c.pretrain, seed: c.seed, onProgress: (done, total) => onProgress?.(`${init}: pre-training`, done, total) });
        model.dispose();
        pretraining.push({ init, steps });
      }
      const start = encoder.variables.map((v) => v.clone());
      try {
        for (const n of c.sizes) {
          encoder.variables.forEach((v, k) => v.assign(start[k]));
          if (n > 0) {
            await trainDualEncoder(tower, data, labelled.get(n)!, {
              devices: 1, batchPerDevice: c.finetune.batchSize, crossBatch: false, epochs: epochsFor(n, c.finetune.batchSize, c.finetune.updates),
              learningRate: c.finetune.learningRate, scale: c.finetune.scale, seed: c.seed,
              onProgress: (done, total) => onProgress?.(`${init}: fine-tuning on ${n} queries`, done, total),
            });
          }
          const scores = evaluateRetriever(tower, data, data.test);
          points.push({ init, queries: n, mrr10: scores.mrr10, recall10: scores.recall10 });
        }
      } finally {
        tf.dispose(start);
      }
    } finally {
      tower.dispose();
    }
  }
  return { points, pretraining };
}
