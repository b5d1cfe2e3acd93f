/**
 * Dense against sparse table reads, measured side by side in one process on
 * one backend: CoSENT training steps of the bag encoder (the bench's default
 * size and the pages' smaller one) and a Transformer training step, each as
 * pairs per second, the step split into forward + backward and Adam's
 * update, and the useful GFLOP/s beside the backend's own 512 × 512 matMul.
 *
 * Useful work counts what the model needs: reading and averaging each text's
 * feature rows (or token rows), the dense layers, attention, and the backward
 * pass at twice the forward's cost. The optimiser's update is reported as its
 * own time, not as FLOPs. The bag encoder is timed three ways: the dense
 * product with tfjs's Adam (the baseline), sparse reads with tfjs's Adam,
 * whose 13 element-wise passes cover the whole table each step, and sparse
 * reads with LazyAdam (what notebooks/train runs), which updates only the rows
 * the batch read.
 */
import * as tf from '@tensorflow/tfjs';
import type { StsPair } from '../../notebooks/data.ts';
import { BagEncoder, TransformerEncoder, type TransformerConfig, type TextEncoder } from '../../notebooks/encoders.ts';
import { LazyAdam } from '../../notebooks/lazyadam.ts';
import { cosentLoss, infoNceLoss, l2Normalize } from '../../notebooks/losses.ts';
import { hashedFeatures, defaultFeatureOptions, type FeatureOptions } from '../../notebooks/text.ts';
import { OneHotTransformerEncoder, withDenseBags } from './dense.ts';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** GFLOP/s of a 512 × 512 × 512 matMul on the current backend, best of 7 after 3 warm-up products (what the backend can do). */
export function matMulGflops(): number {
  const a = tf.randomNormal([512, 512], 0, 1, 'float32', 1) as tf.Tensor2D;
  for (let i = 0; i < 3; i++) tf.matMul(a, a).dataSync();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const c = tf.matMul(a, a);
    c.dataSync();
    times.push(performance.now() - started);
    c.dispose();
  }
  a.dispose();
  return (2 * 512 ** 3) / (Math.min(...times) / 1000) / 1e9;
}

/**
 * Waits for the step's updates by reading the smallest variable, which a GPU
 * backend updates in order with the rest. Not a slice of the table, as
 * before: WASM's Slice copies its whole input out of the heap first, so every
 * path paid a 16 MB copy per step on the default bag.
 */
function settle(variables: tf.Variable[]): void {
  variables.reduce((a, b) => (b.size < a.size ? b : a)).dataSync();
}

interface StepTiming {
  /** Milliseconds per step, median over rounds. */
  step: number;
  /** Of which forward + backward, and Adam's update. */
  gradients: number;
  adam: number;
}

/**
 * Times `steps` training steps of `loss` over `variables`, the gradients and
 * Adam's update timed apart, after `warmup` steps (V8 optimises a step's
 * JavaScript only after it has run many times, and a page trains for
 * hundreds of steps: after two warm-up steps the clock timed the sparse
 * paths' JavaScript before it was optimised); each round starts from the
 * same weights and a fresh optimiser, so the paths compared do the same updates.
 */
function timeSteps(variables: tf.Variable[], loss: (step: number) => tf.Scalar, steps: number, warmup: number, wrap: <T>(f: () => T) => T): StepTiming {
  const start = variables.map((v) => v.clone());
  const optimizer = tf.train.adam(2e-3);
  let gradients = 0, adam = 0;
  for (let s = 0; s < warmup + steps; s++) {
    const t0 = performance.now();
    const { value, grads } = wrap(() => tf.variableGrads(() => loss(s), variables));
    // WASM and CPU run kernels as they are called; reading one number keeps a
    // GPU backend honest too.
    value.dataSync();
    const t1 = performance.now();
    optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
    settle(variables);
    const t2 = performance.now();
    tf.dispose([value, ...Object.values(grads)]);
    if (s >= warmup) {
      gradients += t1 - t0;
      adam += t2 - t1;
    }
  }
  optimizer.dispose();
  variables.forEach((v, i) => v.assign(start[i]));
  tf.dispose(start);
  return { step: (gradients + adam) / steps, gradients: gradients / steps, adam: adam / steps };
}

/** As timeSteps, with LazyAdam's whole step (its gradients and row update are one call). */
function timeLazySteps(variables: tf.Variable[], loss: (step: number) => tf.Scalar, steps: number, warmup: number): StepTiming {
  const start = variables.map((v) => v.clone());
  const optimizer = new LazyAdam(2e-3);
  let total = 0;
  for (let s = 0; s < warmup + steps; s++) {
    const t0 = performance.now();
    optimizer.minimize(() => loss(s), variables).dispose();
    settle(variables);
    if (s >= warmup) total += performance.now() - t0;
  }
  optimizer.dispose();
  variables.forEach((v, i) => v.assign(start[i]));
  tf.dispose(start);
  return { step: total / steps, gradients: NaN, adam: NaN };
}

const asIs = <T>(f: () => T) => f();

interface Path {
  variables: tf.Variable[];
  /** Runs a step on this path. */
  wrap: <T>(f: () => T) => T;
}

const pick = (xs: StepTiming[]): StepTiming => ({ step: median(xs.map((x) => x.step)), gradients: median(xs.map((x) => x.gradients)), adam: median(xs.map((x) => x.adam)) });

/**
 * Rounds alternate dense and sparse (and, with `lazy`, sparse reads under
 * LazyAdam on the sparse path's variables), so a machine whose load drifts
 * slows every path alike.
 */
function sideBySide(dense: Path, sparse: Path, loss: (step: number) => tf.Scalar, steps: number, warmup: number, lazy = false, rounds = 3): { dense: StepTiming; sparse: StepTiming; lazy?: StepTiming } {
  const d: StepTiming[] = [], s: StepTiming[] = [], l: StepTiming[] = [];
  for (let r = 0; r < rounds; r++) {
    d.push(timeSteps(dense.variables, loss, steps, warmup, dense.wrap));
    s.push(timeSteps(sparse.variables, loss, steps, warmup, sparse.wrap));
    if (lazy) l.push(timeLazySteps(sparse.variables, loss, steps, warmup));
  }
  return { dense: pick(d), sparse: pick(s), lazy: lazy ? pick(l) : undefined };
}

function line(label: string, t: StepTiming, pairs: number, usefulFlops: number, peak: number): string {
  const gflops = usefulFlops / (t.step / 1000) / 1e9;
  const split = Number.isNaN(t.gradients) ? 'gradients and row update in one call' : `forward + backward ${t.gradients.toFixed(1)}, Adam ${t.adam.toFixed(1)}`;
  return `  ${label}: ${t.step.toFixed(1)} ms/step (${split}), ` +
    `${Math.round(pairs / (t.step / 1000))} pairs/s, useful ${gflops.toFixed(3)} GFLOP/s = ${((100 * gflops) / peak).toFixed(2)} % of matMul`;
}

/** Useful FLOPs of one bag encoder's forward pass over `texts`: the feature rows' mean, tanh, the projection. */
function bagForwardFlops(texts: string[], features: FeatureOptions, hidden: number, dim: number): number {
  let flops = 0;
  for (const t of texts) flops += hashedFeatures(t, features).length * hidden + hidden + 2 * hidden * dim + dim;
  return flops;
}

export function bagBench(pairs: StsPair[], config: { features: FeatureOptions; hidden: number; dim: number }, peak: number, batch = 32, steps = 20, warmup = 20): string[] {
  const encoder = new BagEncoder({ ...config, seed: 1 });
  const batches = Array.from({ length: steps + warmup }, (_, s) => pairs.slice(s * batch, (s + 1) * batch));
  const loss = (s: number) => {
    const b = batches[s];
    return cosentLoss(encoder.encode(b.map((p) => p.a)), encoder.encode(b.map((p) => p.b)), tf.tensor1d(b.map((p) => p.score)));
  };
  const { dense, sparse, lazy } = sideBySide({ variables: encoder.variables, wrap: withDenseBags }, { variables: encoder.variables, wrap: asIs }, loss, steps, warmup, true);
  const texts = batches.slice(warmup).flatMap((b) => b.flatMap((p) => [p.a, p.b]));
  // Backward ≈ twice the forward; the loss itself (batch² cosines) is negligible.
  const useful = (3 * bagForwardFlops(texts, config.features, config.hidden, config.dim)) / steps;
  encoder.dispose();
  return [
    `CoSENT step, bag encoder ${config.features.dim} buckets × ${config.hidden} hidden → ${config.dim}, batch ${batch} pairs (${tf.getBackend()}):`,
    line('dense bag × table, Adam           ', dense, batch, useful, peak),
    line('sparse segment mean, Adam         ', sparse, batch, useful, peak),
    line('sparse segment mean, LazyAdam rows', lazy!, batch, useful, peak),
    `  speed-up over the dense baseline: ${(dense.step / sparse.step).toFixed(1)}× with sparse reads (${(dense.gradients / sparse.gradients).toFixed(1)}× on forward + backward), ` +
      `${(dense.step / lazy!.step).toFixed(1)}× with sparse reads and LazyAdam (what notebooks/train runs)`,
  ];
}

/** Useful FLOPs of a Transformer encoder's forward pass over B texts of maxLen positions. */
function transformerForwardFlops(c: TransformerConfig, texts: number): number {
  const tokens = texts * c.maxLen;
  const perLayer = tokens * (4 * 2 * c.dim * c.dim + 2 * 2 * c.dim * c.ffn) + texts * 2 * 2 * c.maxLen * c.maxLen * c.dim;
  return tokens * c.dim + c.layers * perLayer + texts * c.maxLen * c.dim;
}

export function transformerBench(pairs: StsPair[], peak: number, batch = 32, steps = 6, warmup = 10): string[] {
  const config: Partial<TransformerConfig> = { seed: 1 };
  const sparse = new TransformerEncoder(config);
  const oneHot = new OneHotTransformerEncoder(config);
  oneHot.variables.forEach((v, i) => v.assign(sparse.variables[i]));
  const batches = Array.from({ length: steps + warmup }, (_, s) => pairs.slice(s * batch, (s + 1) * batch));
  // InfoNCE over (a, b) pairs with in-batch negatives: one encoder reads both sides.
  let current: TextEncoder = sparse;
  const loss = (s: number) => infoNceLoss(l2Normalize(current.encode(batches[s].map((p) => p.a))), l2Normalize(current.encode(batches[s].map((p) => p.b))), 0.05);
  const use = (encoder: TextEncoder) => <T>(f: () => T) => { current = encoder; return f(); };
  const times = sideBySide({ variables: oneHot.variables, wrap: use(oneHot) }, { variables: sparse.variables, wrap: use(sparse) }, loss, steps, warmup);
  const full = sparse.config;
  const useful = 3 * transformerForwardFlops(full, 2 * batch);
  const out = [
    `InfoNCE step, Transformer vocab ${full.vocab}, ${full.maxLen} positions, dim ${full.dim}, ${full.layers} layer, ffn ${full.ffn}, batch ${batch} pairs (${tf.getBackend()}):`,
    line('one-hot ids × table', times.dense, batch, useful, peak),
    line('gathered token rows', times.sparse, batch, useful, peak),
    `  speed-up ${(times.dense.step / times.sparse.step).toFixed(1)}× per step`,
  ];
  sparse.dispose();
  oneHot.dispose();
  return out;
}

/** The bench's default bag encoder and the smaller one the pages train. */
export const benchBagSizes = [
  { features: defaultFeatureOptions, hidden: 256, dim: 128 },
  { features: { ...defaultFeatureOptions, dim: 4096 }, hidden: 64, dim: 64 },
];
