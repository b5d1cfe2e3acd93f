/**
 * Skip-gram with negative sampling (word2vec), with n-gram contexts as in
 * ngram2vec. Per (word w, context c): log σ(c·w) + Σ_k log σ(−n_k·w), noise
 * n_k ~ U(w)^{3/4}; a word occurrence is discarded with probability 1 − √(t/f).
 *
 * Trained by hand-written SGD on typed arrays rather than through tfjs:
 * each step touches 1 + k rows of two tables, and tfjs has no sparse update
 * (its WASM backend cannot even differentiate a gather), so a tensor version
 * would rewrite both whole tables every step.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from './random.ts';
import { tokenize } from './text.ts';

export interface SgnsConfig {
  dim: number;
  window: number;
  negatives: number;
  /** Subsampling threshold t. */
  subsample: number;
  minCount: number;
  epochs: number;
  /** Starting learning rate, decayed linearly to zero as in word2vec. */
  learningRate: number;
  /** Largest context n-gram: 1 is plain SGNS, 2 adds bigram contexts (ngram2vec). */
  contextNgram: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}

export const defaultSgnsConfig: SgnsConfig = {
  dim: 64, window: 4, negatives: 5, subsample: 1e-3, minCount: 2, epochs: 3, learningRate: 0.025, contextNgram: 1, seed: 1,
};

export interface SgnsModel {
  words: string[];
  index: Map<string, number>;
  /** Word vectors, row-major [words.length, dim]. */
  vectors: Float32Array;
  dim: number;
  /** Number of distinct contexts (words, plus n-grams when contextNgram > 1). */
  contexts: number;
}

function countTokens(items: string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of items) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Context strings of position i: words within the window and, for n ≥ 2, n-grams lying inside it. */
function contextsOf(tokens: string[], i: number, window: number, maxN: number): string[] {
  const out: string[] = [];
  const lo = Math.max(0, i - window), hi = Math.min(tokens.length - 1, i + window);
  for (let j = lo; j <= hi; j++) {
    if (j === i) continue;
    for (let n = 1; n <= maxN; n++) {
      const end = j + n - 1;
      if (end > hi || (j <= i && i <= end)) continue; // an n-gram may not contain the centre word
      out.push(tokens.slice(j, end + 1).join(' '));
    }
  }
  return out;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, x))));

/**
 * One SGD step on log σ(c⁺·w) + Σ_k log σ(−n_k·w) for word row `word` (rows of
 * `words`, `dim` wide): each context row moves by g·w with g = lr·(label − σ(c·w)),
 * label 1 for `positive` and 0 for each of `negatives`, and the word row moves
 * by the sum of g·c over them, taken before any context row moved (word2vec's
 * order). `grad` is scratch space of length `dim`.
 */
export function sgnsStep(words: Float32Array, contexts: Float32Array, dim: number, word: number, positive: number, negatives: number[], lr: number, grad: Float32Array): void {
  const wo = word * dim;
  grad.fill(0);
  for (let k = 0; k <= negatives.length; k++) {
    const co = (k === 0 ? positive : negatives[k - 1]) * dim;
    let dot = 0;
    for (let x = 0; x < dim; x++) dot += words[wo + x] * contexts[co + x];
    const g = lr * ((k === 0 ? 1 : 0) - sigmoid(dot));
    for (let x = 0; x < dim; x++) {
      grad[x] += g * contexts[co + x];
      contexts[co + x] += g * words[wo + x];
    }
  }
  for (let x = 0; x < dim; x++) words[wo + x] += grad[x];
}

export function trainSgns(sentences: string[], config: Partial<SgnsConfig> = {}): SgnsModel {
  const c = { ...defaultSgnsConfig, ...config };
  const rng = new Rng(c.seed);
  const tokenized = sentences.map(tokenize);
  const wordCounts = countTokens(tokenized);
  const words = [...wordCounts.entries()].filter(([, n]) => n >= c.minCount).sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const index = new Map(words.map((w, i) => [w, i]));
  const kept = tokenized.map((s) => s.filter((t) => index.has(t)));
  const contextCounts = countTokens(kept.map((s) => s.flatMap((_, i) => contextsOf(s, i, c.window, c.contextNgram))));
  const contextNames = [...contextCounts.entries()].filter(([, n]) => n >= c.minCount).map(([name]) => name);
  const contextIndex = new Map(contextNames.map((name, i) => [name, i]));

  const totalWords = kept.reduce((s, x) => s + x.length, 0);
  const keepProb = words.map((w) => Math.min(1, Math.sqrt(c.subsample / (wordCounts.get(w)! / totalWords))));
  // Noise table: context j appears ∝ count^{3/4}; sampling an index of the table samples the noise distribution.
  const tableSize = 1 << 20;
  const table = new Int32Array(tableSize);
  const powered = contextNames.map((name) => contextCounts.get(name)! ** 0.75);
  const norm = powered.reduce((s, x) => s + x, 0);
  for (let j = 0, i = 0, acc = powered[0] / norm; i < tableSize; i++) {
    table[i] = j;
    if (i / tableSize > acc && j < powered.length - 1) acc += powered[++j] / norm;
  }

  const d = c.dim;
  const w = new Float32Array(words.length * d).map(() => (rng.next() - 0.5) / d);
  const ctx = new Float32Array(contextNames.length * d);
  const grad = new Float32Array(d);
  const totalSteps = c.epochs * kept.length;
  let step = 0;
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (const s of rng.permutation(kept.length).map((i) => kept[i])) {
      const lr = Math.max(c.learningRate * 1e-4, c.learningRate * (1 - step / totalSteps));
      const sample = s.filter((t) => rng.next() < keepProb[index.get(t)!]);
      for (let i = 0; i < sample.length; i++) {
        for (const name of contextsOf(sample, i, c.window, c.contextNgram)) {
          const ci = contextIndex.get(name);
          if (ci === undefined) continue;
          const noise: number[] = [];
          for (let k = 0; k < c.negatives; k++) {
            const target = table[rng.int(tableSize)];
            if (target !== ci) noise.push(target);
          }
          sgnsStep(w, ctx, d, index.get(sample[i])!, ci, noise, lr, grad);
        }
      }
      step++;
      if (step % 256 === 0 || step === totalSteps) c.onProgress?.(step, totalSteps);
    }
  }
  return { words, index, vectors: w, dim: d, contexts: contextNames.length };
}

/** Mean word vector of each text (zeros when no word is known). */
export function sentenceVectors(model: SgnsModel, texts: string[]): tf.Tensor2D {
  const out = new Float32Array(texts.length * model.dim);
  texts.forEach((text, r) => {
    const ids = tokenize(text).map((t) => model.index.get(t)).filter((i): i is number => i !== undefined);
    for (const i of ids) for (let x = 0; x < model.dim; x++) out[r * model.dim + x] += model.vectors[i * model.dim + x] / ids.length;
  });
  return tf.tensor2d(out, [texts.length, model.dim]);
}

/** Cosine similarity of two words' vectors. */
export function wordSimilarity(model: SgnsModel, a: string, b: string): number {
  const ia = model.index.get(a), ib = model.index.get(b);
  if (ia === undefined || ib === undefined) throw new Error(`unknown word: ${ia === undefined ? a : b}`);
  let dot = 0, na = 0, nb = 0;
  for (let x = 0; x < model.dim; x++) {
    const u = model.vectors[ia * model.dim + x], v = model.vectors[ib * model.dim + x];
    dot += u * v; na += u * u; nb += v * v;
  }
  return dot / Math.sqrt(na * nb);
}
