import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TransformerEncoder } from '../../notebooks/encoders.ts';
import { enhancedDecodingMask, maskTokens, pretrain, RetroMae, sampleContext } from '../../notebooks/retromae.ts';
import { Rng } from '../../notebooks/random.ts';

const encoderConfig = { vocab: 64, maxLen: 8, dim: 8, heads: 2, layers: 1, ffn: 16, pooling: 'first' as const, extraTokens: 1, seed: 3 };
const texts = ['the bank of the river', 'a bank lends money to people', 'money and loans', 'a river runs to the sea'];

describe('maskTokens', () => {
  const ids = [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 0];
  const length = 11; // [CLS] and ten words

  it('masks round(ratio · words) word positions, never [CLS] or padding', () => {
    for (const [ratio, count] of [[0.3, 3], [0.5, 5], [0.7, 7]] as const) {
      const { ids: out, masked } = maskTokens(ids, length, ratio, 99, new Rng(5));
      expect(masked).toHaveLength(count);
      expect(new Set(masked).size).toBe(count);
      expect(masked.every((i) => i >= 1 && i < length)).toBe(true);
      expect(out.filter((id) => id === 99)).toHaveLength(count);
      expect(out[0]).toBe(1);
      expect(out.slice(length)).toEqual([0, 0]);
      out.forEach((id, i) => { if (!masked.includes(i)) expect(id).toBe(ids[i]); });
    }
  });

  it('masks at least one word of a short text, and none of an empty one', () => {
    expect(maskTokens([1, 5, 0], 2, 0.3, 99, new Rng(1)).masked).toEqual([1]);
    expect(maskTokens([1, 0, 0], 1, 0.3, 99, new Rng(1)).masked).toEqual([]);
  });

  it('is a function of the seed', () => {
    const a = maskTokens(ids, length, 0.5, 99, new Rng(7));
    expect(maskTokens(ids, length, 0.5, 99, new Rng(7))).toEqual(a);
    const others = [8, 9, 10, 11].map((seed) => maskTokens(ids, length, 0.5, 99, new Rng(seed)).masked.join());
    expect(others.some((m) => m !== a.masked.join())).toBe(true);
  });
});

describe('enhanced decoding mask', () => {
  it('row i never sees itself, always sees position 0, and sees the right share of the other words', () => {
    const L = 12;
    const lengths = [12, 7, 2];
    const m = enhancedDecodingMask(lengths, L, 0.5, new Rng(2));
    lengths.forEach((len, b) => {
      for (let i = 0; i < L; i++) {
        const row = Array.from({ length: L }, (_, j) => m[(b * L + i) * L + j] === 0);
        expect(row[0]).toBe(true);
        for (let j = len; j < L; j++) expect(row[j]).toBe(false); // padding is never context
        if (i === 0 || i >= len) {
          expect(row.filter(Boolean)).toHaveLength(1);
          continue;
        }
        expect(row[i]).toBe(false);
        expect(row.filter(Boolean)).toHaveLength(1 + Math.round(0.5 * (len - 2)));
      }
    });
  });

  it('draws a fresh sample for every row, reproducibly', () => {
    const rows = sampleContext(16, 16, 0.5, new Rng(4));
    expect(new Set(rows.slice(1).map((r) => r.join())).size).toBeGreaterThan(5);
    expect(sampleContext(16, 16, 0.5, new Rng(4))).toEqual(rows);
  });
});

describe('RetroMae', () => {
  it('needs a [MASK] row in the token table', () => {
    const encoder = new TransformerEncoder({ ...encoderConfig, extraTokens: 0 });
    expect(() => new RetroMae(encoder)).toThrow(/extraTokens/);
    encoder.dispose();
  });

  it('has finite losses that go down over a few steps, for RetroMAE and for MLM alone', async () => {
    for (const decoder of [true, false]) {
      const encoder = new TransformerEncoder(encoderConfig);
      const model = new RetroMae(encoder, { decoder, seed: 1, ffn: 16 });
      const steps = await pretrain(model, texts, { epochs: 25, batchSize: 4, learningRate: 0.02, seed: 1 });
      for (const s of steps) {
        expect(Number.isFinite(s.encoder)).toBe(true);
        expect(Number.isFinite(s.decoder)).toBe(decoder);
      }
      const first = steps.slice(0, 3), last = steps.slice(-3);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(last.map((s) => s.encoder))).toBeLessThan(mean(first.map((s) => s.encoder)));
      if (decoder) expect(mean(last.map((s) => s.decoder))).toBeLessThan(mean(first.map((s) => s.decoder)) - 0.5);
      model.dispose();
      encoder.dispose();
    }
  });

  it('the decoder reaches the encoder: its loss has a gradient on the encoder weights', () => {
    const encoder = new TransformerEncoder(encoderConfig);
    const model = new RetroMae(encoder, { seed: 1, ffn: 16 });
    const grads = tf.variableGrads(() => model.losses(texts, new Rng(1)).decoder!, encoder.variables);
    const norms = Object.values(grads.grads).map((g) => g.abs().sum().dataSync()[0]);
    expect(norms.every((n) => Number.isFinite(n))).toBe(true);
    expect(norms.filter((n) => n > 0).length).toBeGreaterThan(encoder.variables.length / 2);
    tf.dispose([grads.value, ...Object.values(grads.grads)]);
    model.dispose();
    encoder.dispose();
  });

  it('frees every tensor: model, encoder, and a training run leave nothing behind', async () => {
    const before = tf.memory().numTensors;
    const encoder = new TransformerEncoder(encoderConfig);
    const model = new RetroMae(encoder, { seed: 1, ffn: 16 });
    await pretrain(model, texts, { epochs: 2, batchSize: 2, learningRate: 0.01, seed: 1 });
    tf.dispose(tf.tidy(() => model.losses(texts, new Rng(1)).total));
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    model.dispose();
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
