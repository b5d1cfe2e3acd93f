import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { HashedBagEmbedding } from '../../notebooks/bag.ts';
import { BagEncoder, TransformerEncoder, type TransformerConfig } from '../../notebooks/encoders.ts';
import { InstructedEncoder } from '../../notebooks/instructor.ts';
import { CrossEncoder } from '../../notebooks/rerank.ts';
import { RetroMae } from '../../notebooks/retromae.ts';
import { Rng } from '../../notebooks/random.ts';
import { bagMean, gatherRows } from '../../notebooks/sparse.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';
import { OneHotTransformerEncoder, bagOfFeatures, constantTimesWeight, withDenseBags } from '../bench/dense.ts';

const features = { dim: 512, charNgrams: [3, 4], words: true, wordBigrams: true };
const texts = ['a domestic animal kept as a pet', 'move fast on foot', '', 'a pet, a pet and a pet', 'Ünïcode wörds too'];

/** Largest |a − b| relative to the largest |b| (float32 sums in another order agree to ~1e-6 of the scale). */
function relativeGap(a: tf.Tensor, b: tf.Tensor): number {
  const [gap, scale] = tf.tidy(() => [tf.max(tf.abs(tf.sub(a, b))).dataSync()[0], tf.max(tf.abs(b)).dataSync()[0]]);
  return gap / Math.max(scale, 1e-30);
}

/** The value of `f()` and the gradients of Σ value · r (r a fixed random tensor) with respect to `variables`. */
function valueAndGrads(f: () => tf.Tensor, variables: tf.Variable[]): { value: tf.Tensor; grads: tf.Tensor[] } {
  let value: tf.Tensor | undefined;
  const { grads } = tf.variableGrads(() => {
    const y = f();
    value = tf.keep(y.clone());
    return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 9))) as tf.Scalar;
  }, variables);
  return { value: value!, grads: variables.map((v) => grads[v.name]) };
}

function expectSameValueAndGrads(sparse: () => tf.Tensor, dense: () => tf.Tensor, variables: tf.Variable[]) {
  const s = valueAndGrads(sparse, variables);
  const d = valueAndGrads(dense, variables);
  expect(relativeGap(s.value, d.value)).toBeLessThan(1e-5);
  s.grads.forEach((g, i) => {
    expect(g, `gradient of ${variables[i].name}`).toBeDefined();
    expect(relativeGap(g, d.grads[i]), `gradient of ${variables[i].name}`).toBeLessThan(1e-5);
  });
  // Something flowed: a test of zeros against zeros would prove nothing.
  expect(tf.max(tf.abs(s.grads[0])).dataSync()[0]).toBeGreaterThan(0);
  tf.dispose([s.value, d.value, ...s.grads, ...d.grads]);
}

/** `body` on the dense bag product. */
function dense<T>(body: () => T): () => T {
  return () => withDenseBags(body);
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`sparse reads on ${backend}`, () => {
    afterAll(async () => { await useBackend('cpu'); });

    it('gatherRows has the value and gradient of one-hot rows times the table, repeated ids adding up', async () => {
      await useBackend(backend);
      const table = tf.variable(tf.randomNormal([6, 3], 0, 1, 'float32', 1));
      const ids = [4, 1, 4, 0, 4];
      expectSameValueAndGrads(
        () => gatherRows(table as tf.Tensor2D, ids),
        () => constantTimesWeight(tf.oneHot(tf.tensor1d(ids, 'int32'), 6).toFloat() as tf.Tensor2D, table as tf.Tensor2D),
        [table],
      );
      table.dispose();
    });

    it('bagMean is the dense bag of features times the table, an empty bag giving zeros', async () => {
      await useBackend(backend);
      const table = tf.variable(tf.randomNormal([8, 4], 0, 1, 'float32', 2));
      const bags = [[3, 3, 1], [], [7], [0, 5, 5, 5, 2, 6], []];
      expectSameValueAndGrads(
        () => bagMean(table as tf.Tensor2D, bags),
        () => constantTimesWeight(tf.tensor2d(bagOfFeatures(bags, 8), [bags.length, 8]), table as tf.Tensor2D),
        [table],
      );
      expect(bagMean(table as tf.Tensor2D, [[], []]).arraySync()).toEqual([[0, 0, 0, 0], [0, 0, 0, 0]]);
      table.dispose();
    });

    it('BagEncoder: same embeddings and gradients on both paths', async () => {
      await useBackend(backend);
      const encoder = new BagEncoder({ features, hidden: 16, dim: 8, seed: 1 });
      expectSameValueAndGrads(() => encoder.encode(texts), dense(() => encoder.encode(texts)), encoder.variables);
      encoder.dispose();
    });

    it('InstructedEncoder: same embeddings and gradients on both paths', async () => {
      await useBackend(backend);
      const encoder = new InstructedEncoder({ features, hidden: 8, dim: 4, seed: 3 });
      encoder.variables[1].assign(tf.randomNormal(encoder.variables[1].shape, 0, 0.5, 'float32', 4));
      const instructions = texts.map((_, i) => (i % 2 ? 'Represent the definition for retrieval:' : ''));
      expectSameValueAndGrads(() => encoder.encode(instructions, texts), dense(() => encoder.encode(instructions, texts)), encoder.variables);
      encoder.dispose();
    });

    it('CrossEncoder: same scores and gradients on both paths (shared n-grams included)', async () => {
      await useBackend(backend);
      const model = new CrossEncoder({ features, hidden: 8, seed: 5 });
      const docs = texts.slice().reverse();
      expectSameValueAndGrads(() => model.score(texts, docs), dense(() => model.score(texts, docs)), model.variables);
      model.dispose();
    });

    const small: Partial<TransformerConfig> = { vocab: 64, maxLen: 8, dim: 8, heads: 2, layers: 1, ffn: 16, seed: 7, extraTokens: 1 };

    it('TransformerEncoder: gathered token vectors give the one-hot product’s states and gradients', async () => {
      await useBackend(backend);
      const sparse = new TransformerEncoder(small);
      const oneHot = new OneHotTransformerEncoder(small);
      // Same seed, same initial weights: the two differ only in how they read the token table.
      oneHot.variables.forEach((v, i) => v.assign(sparse.variables[i]));
      const s = valueAndGrads(() => sparse.encode(texts), sparse.variables);
      const d = valueAndGrads(() => oneHot.encode(texts), oneHot.variables);
      expect(relativeGap(s.value, d.value)).toBeLessThan(1e-5);
      s.grads.forEach((g, i) => expect(relativeGap(g, d.grads[i]), sparse.variables[i].name).toBeLessThan(1e-4));
      tf.dispose([s.value, d.value, ...s.grads, ...d.grads]);
      sparse.dispose();
      oneHot.dispose();
    });

    it('RetroMAE: the losses through gathered rows match the one-hot encoder’s, gradients included', async () => {
      await useBackend(backend);
      const sparse = new TransformerEncoder(small);
      const oneHot = new OneHotTransformerEncoder(small);
      oneHot.variables.forEach((v, i) => v.assign(sparse.variables[i]));
      const a = new RetroMae(sparse, { seed: 2 });
      const b = new RetroMae(oneHot, { seed: 2 });
      const corpus = texts.filter((t) => t.length > 0);
      const s = valueAndGrads(() => a.losses(corpus, new Rng(11)).total, a.variables);
      const d = valueAndGrads(() => b.losses(corpus, new Rng(11)).total, b.variables);
      expect(relativeGap(s.value, d.value)).toBeLessThan(1e-5);
      s.grads.forEach((g, i) => expect(relativeGap(g, d.grads[i]), a.variables[i].name).toBeLessThan(1e-4));
      tf.dispose([s.value, d.value, ...s.grads, ...d.grads]);
      a.dispose();
      b.dispose();
      sparse.dispose();
      oneHot.dispose();
    });

    it('HashedBagEmbedding keeps Adam’s update: one step on either path moves the table the same way', async () => {
      await useBackend(backend);
      const run = (path: (f: () => tf.Scalar) => () => tf.Scalar) => {
        const bag = new HashedBagEmbedding(features, 4, 7);
        const optimizer = tf.train.adam(0.1);
        for (let step = 0; step < 3; step++) optimizer.minimize(path(() => tf.sum(tf.square(tf.sub(bag.embed(texts), 1))) as tf.Scalar), false, [bag.table]);
        const table = bag.table.clone();
        optimizer.dispose();
        bag.table.dispose();
        return table;
      };
      const sparse = run((f) => f);
      const denseTable = run((f) => dense(f));
      expect(relativeGap(sparse, denseTable)).toBeLessThan(1e-5);
      tf.dispose([sparse, denseTable]);
    });
  });
}
