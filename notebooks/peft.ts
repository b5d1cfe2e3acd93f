/**
 * Parameter counts of a BERT-style encoder and of the parameter-efficient
 * fine-tuning methods applied to it (LoRA, adapters, BitFit, prefix and prompt
 * tuning). Task heads are not included.
 */

export interface EncoderShape {
  layers: number;
  hidden: number;
  ffn: number;
  vocab: number;
  positions: number;
  segments: number;
}

export const bertBase: EncoderShape = { layers: 12, hidden: 768, ffn: 3072, vocab: 30522, positions: 512, segments: 2 };

export interface EncoderCount {
  total: number;
  perLayer: number;
  embeddings: number;
  /** Every bias: linear layers and layer-norm biases (BitFit's trainable set). */
  biases: number;
}

/** Embeddings (token, position, segment tables and their layer norm), L encoder layers, and the pooler. */
export function encoderParameterCount(s: EncoderShape): EncoderCount {
  const h = s.hidden;
  // Per layer: Q, K, V and output projections (h×h + h each), FFN in (h×ffn + ffn) and out (ffn×h + h), two layer norms (2h each).
  const perLayer = 4 * (h * h + h) + (h * s.ffn + s.ffn) + (s.ffn * h + h) + 2 * 2 * h;
  const embeddings = (s.vocab + s.positions + s.segments) * h + 2 * h;
  const pooler = h * h + h;
  const biases = s.layers * (4 * h + s.ffn + h + 2 * h) + h + h; // layers, embedding LN bias, pooler bias
  return { total: embeddings + s.layers * perLayer + pooler, perLayer, embeddings, biases };
}

/** LoRA on `matricesPerLayer` d×k matrices per layer at rank r: r(d + k) each. */
export function loraParameterCount(s: EncoderShape, rank: number, matricesPerLayer = 2): number {
  return s.layers * matricesPerLayer * rank * (s.hidden + s.hidden);
}

/** Two bottleneck adapters per layer (down h×m + m, up m×h + h). */
export function adapterParameterCount(s: EncoderShape, bottleneck: number): number {
  return s.layers * 2 * (s.hidden * bottleneck + bottleneck + bottleneck * s.hidden + s.hidden);
}

/** Prefix tuning: `length` key and value vectors per layer. */
export function prefixParameterCount(s: EncoderShape, length: number): number {
  return s.layers * 2 * length * s.hidden;
}

/** Prompt tuning: `length` input vectors. */
export function promptParameterCount(s: EncoderShape, length: number): number {
  return length * s.hidden;
}
