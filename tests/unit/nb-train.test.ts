import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BagEncoder, TransformerEncoder, poolingWeights } from '../../notebooks/encoders.ts';
import { cosentLoss } from '../../notebooks/losses.ts';
import { train } from '../../notebooks/train.ts';
import { Rng } from '../../notebooks/random.ts';
import { stsPairs as pairs } from '../fixtures/sts-pairs.ts';


function cosentStep(encoder: BagEncoder) {
  return (batch: typeof pairs) => cosentLoss(encoder.encode(batch.map((p) => p.a)), encoder.encode(batch.map((p) => p.b)), tf.tensor1d(batch.map((p) => p.score)));
}

describe('training loop', () => {
  it('leaks no tensor across steps and epochs', async () => {
    const encoder = new BagEncoder({ features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 16, dim: 8, seed: 1 });
    await train({ examples: pairs, variables: encoder.variables, loss: cosentStep(encoder), epochs: 1, batchSize: 4, learningRate: 1e-2, seed: 1 });
    const before = tf.memory().numTensors;
    let calls = 0;
    await train({
      examples: pairs, variables: encoder.variables, loss: cosentStep(encoder), epochs: 3, batchSize: 4, learningRate: 1e-2, seed: 2,
      evaluate: () => ++calls, onProgress: () => undefined,
    });
    expect(tf.memory().numTensors).toBe(before);
    encoder.dispose();
  });

  it('lowers the CoSENT loss, reports progress, and is reproducible from its seed', async () => {
    const run = async () => {
      const encoder = new BagEncoder({ features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 16, dim: 8, seed: 4 });
      const progress: number[] = [];
      const result = await train({
        examples: pairs, variables: encoder.variables, loss: cosentStep(encoder), epochs: 20, batchSize: 8, learningRate: 2e-2, seed: 3,
        onProgress: (done, total) => progress.push(done / total),
      });
      encoder.dispose();
      return { losses: result.history.map((h) => h.loss), progress };
    };
    const first = await run();
    expect(first.losses.at(-1)!).toBeLessThan(first.losses[0] * 0.5);
    expect(first.progress.at(-1)).toBe(1);
    expect((await run()).losses).toEqual(first.losses);
  });

  it('early stopping restores the best dev epoch', async () => {
    const encoder = new BagEncoder({ features: { dim: 256, charNgrams: [3], words: true, wordBigrams: false }, hidden: 8, dim: 4, seed: 5 });
    const devs = [0.1, 0.5, 0.3, 0.2, 0.9];
    let epoch = 0;
    let snapshot: Float32Array | undefined;
    const result = await train({
      examples: pairs, variables: encoder.variables, loss: cosentStep(encoder), epochs: 5, batchSize: 4, learningRate: 1e-2, seed: 1, patience: 2,
      evaluate: () => {
        if (epoch === 1) snapshot = encoder.variables[1].dataSync().slice() as Float32Array;
        return devs[epoch++];
      },
    });
    expect(result.bestEpoch).toBe(2);
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBe(4);
    expect(Array.from(encoder.variables[1].dataSync())).toEqual(Array.from(snapshot!));
    encoder.dispose();
  });
});

describe('encoders', () => {
  it('SGPT position weights are i / Σj over real tokens; mean and first pooling as named', () => {
    const weighted = poolingWeights([3], 4, 'weighted-mean').arraySync()[0];
    [1 / 6, 2 / 6, 3 / 6, 0].forEach((w, i) => expect(weighted[i]).toBeCloseTo(w, 7));
    expect(poolingWeights([2], 3, 'mean').arraySync()).toEqual([[0.5, 0.5, 0]]);
    expect(poolingWeights([2], 3, 'first').arraySync()).toEqual([[1, 0, 0]]);
    expect(poolingWeights([2, 3], 3, 'last').arraySync()).toEqual([[0, 1, 0], [0, 0, 1]]);
  });

  it('a causal Transformer ignores later tokens at the first position, a bidirectional one does not', () => {
    const first = (causal: boolean, text: string) => {
      const enc = new TransformerEncoder({ vocab: 64, maxLen: 6, dim: 8, heads: 2, layers: 1, ffn: 16, causal, pooling: 'first', seed: 3 });
      const out = enc.encode([text]).arraySync()[0];
      enc.dispose();
      return out;
    };
    expect(first(true, 'alpha beta')).toEqual(first(true, 'alpha gamma delta'));
    expect(first(false, 'alpha beta')).not.toEqual(first(false, 'alpha gamma delta'));
  });

  it('padding does not change a text embedding (mask works)', () => {
    const enc = new TransformerEncoder({ vocab: 64, maxLen: 8, dim: 8, heads: 2, layers: 2, ffn: 16, pooling: 'mean', seed: 1 });
    const alone = enc.encode(['one two']).arraySync()[0];
    const batched = enc.encode(['one two', 'three four five six seven']).arraySync()[0];
    alone.forEach((v, i) => expect(v).toBeCloseTo(batched[i], 5));
    enc.dispose();
  });

  it('the seeded generator is deterministic and uniform enough', () => {
    const a = new Rng(42), b = new Rng(42);
    const xs = Array.from({ length: 10000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(new Rng(1).permutation(10).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
