/**
 * The reproduction runs behind the SGPT, INSTRUCTOR and RetroMAE notes, on a
 * hand-made retrieval set small enough to check what each run compares.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset } from '../../notebooks/data.ts';
import { docText } from '../../notebooks/dense.ts';
import { InstructedEncoder, noInstructions, evaluateInstructor, runInstructor, sameLabelNeighbours, taskBatches, testPool, defaultInstructorConfig } from '../../notebooks/instructor.ts';
import { epochsFor, runRetroMaeCurve } from '../../notebooks/retromae.ts';
import { runPoolingGrid } from '../../notebooks/sgpt.ts';

// Eight glosses: two senses of "bank" in different classes, two of "run", and four others; lexname classes 0–2.
const docs = [
  { id: 'a', text: 'sloping land beside a body of water', lemmas: ['bank'], lexname: 0 },
  { id: 'b', text: 'a financial institution that accepts deposits', lemmas: ['bank', 'depository'], lexname: 1 },
  { id: 'c', text: 'move fast on foot', lemmas: ['run'], lexname: 2 },
  { id: 'd', text: 'be in charge of a business', lemmas: ['run', 'operate'], lexname: 1 },
  { id: 'e', text: 'a large natural stream of water', lemmas: ['river'], lexname: 0 },
  { id: 'f', text: 'a company that sells insurance', lemmas: ['insurer'], lexname: 1 },
  { id: 'g', text: 'travel on foot at a slow pace', lemmas: ['walk'], lexname: 2 },
  { id: 'h', text: 'an elevated area of land', lemmas: ['hill'], lexname: 0 },
];
const query = (word: string, text: string, positive: number) => ({ word, text, positive });
const data: RetrievalDataset = {
  name: 'wn-retrieval', version: 'test', docs,
  train: [query('river', 'we swam in the ___', 4), query('walk', 'they ___ to school', 6), query('insurer', 'the ___ paid the claim', 5), query('hill', 'we climbed the ___', 7)],
  dev: [],
  test: [query('bank', 'we sat on the ___ and fished', 0), query('run', 'she can ___ a mile in six minutes', 2)],
};
const tiny = { vocab: 64, maxLen: 8, dim: 8, heads: 2, layers: 1, ffn: 16 };

describe('SGPT pooling grid', () => {
  it('trains one encoder per mask and pooling, scores each, and frees them', async () => {
    const before = tf.memory().numTensors;
    const rows = await runPoolingGrid(data, { encoder: tiny, queries: 4, epochs: 1, batchSize: 2, seed: 3 });
    expect(rows.map((r) => `${r.attention} ${r.pooling}`)).toEqual([
      'causal mean', 'causal weighted-mean', 'causal last', 'bidirectional mean', 'bidirectional weighted-mean', 'bidirectional last',
    ]);
    for (const r of rows) {
      expect(r.mrr10).toBeGreaterThan(0); // two test queries among eight glosses: the gold gloss is always in the top 10
      expect(r.mrr10).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r.finalLoss)).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same rows for the same seed', async () => {
    const a = await runPoolingGrid(data, { encoder: tiny, queries: 4, epochs: 1, batchSize: 2, seed: 5, attentions: ['causal'], poolings: ['mean'] });
    const b = await runPoolingGrid(data, { encoder: tiny, queries: 4, epochs: 1, batchSize: 2, seed: 5, attentions: ['causal'], poolings: ['mean'] });
    expect(b).toEqual(a);
  });
});

describe('INSTRUCTOR on one set of glosses', () => {
  it('testPool holds the test positives and every sense of a test word, then fills up to its size', () => {
    const pool = testPool(data, data.test, 5);
    expect(pool.slice(0, 4).sort()).toEqual([0, 1, 2, 3]); // bank ×2, run ×2
    expect(pool).toHaveLength(5);
    expect(testPool(data, data.test, 5)).toEqual(pool);
  });

  it('draws topic pairs of one class from outside the pool, written like the retrieval documents', () => {
    const pool = [0, 1, 2, 3];
    const batches = taskBatches(data, pool, { ...defaultInstructorConfig, retrievalPairs: 4, topicPairs: 4, batchSize: 2, seed: 1 });
    const topic = batches.filter((b) => b.task === 'topic').flatMap((b) => b.pairs);
    const byText = new Map(docs.map((d, i) => [docText(d), i]));
    // Outside the pool only class 0 has two glosses (4 and 7): classes 1 and 2 have one each and make no pair.
    expect(topic.map((p) => byText.get(p.query)).sort()).toEqual([4, 7]);
    for (const p of topic) {
      const [i, j] = [byText.get(p.query)!, byText.get(p.doc)!];
      expect(i).not.toBe(j);
      expect(pool).not.toContain(i);
      expect(pool).not.toContain(j);
      expect(docs[i].lexname).toBe(docs[j].lexname);
      expect(p.group).toBe(docs[i].lexname);
    }
    expect(batches.filter((b) => b.task === 'retrieval').flatMap((b) => b.pairs).map((p) => p.doc)).toEqual(expect.arrayContaining([docText(docs[4])]));
  });

  it('sameLabelNeighbours leaves each row out of its own neighbours (hand example)', () => {
    // Rows 0 and 1 point the same way, row 2 is orthogonal to both; labels 7, 7, 8.
    const x = tf.tensor2d([[1, 0], [1, 0], [0, 1]]);
    const { top1, precision } = sameLabelNeighbours(x, [7, 7, 8], 1);
    // Row 0 → row 1 (same), row 1 → row 0 (same), row 2 → row 0 or 1 (different): 2 of 3.
    expect(top1).toBeCloseTo(2 / 3, 12);
    expect(precision).toBeCloseTo(2 / 3, 12);
    x.dispose();
  });

  it('a model without instructions reads a gloss one way only: cosine 1 between its two readings', () => {
    const encoder = new InstructedEncoder({ features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 8, dim: 4, seed: 3 });
    const film = encoder.variables[1];
    film.assign(tf.randomNormal(film.shape, 0, 1, 'float32', 4));
    const pool = testPool(data, data.test, 8);
    expect(evaluateInstructor(encoder, noInstructions, data, pool).sameTextCosine).toBeCloseTo(1, 5);
    const told = evaluateInstructor(encoder, { retrievalQuery: 'q', retrievalDoc: 'represent for retrieval', topic: 'represent the category' }, data, pool);
    expect(told.sameTextCosine).toBeLessThan(0.999);
    encoder.dispose();
  });

  it('runs both models on the same batches and frees them', async () => {
    const before = tf.memory().numTensors;
    const rows = await runInstructor(data, testPool(data, data.test, 6), {
      retrievalPairs: 4, topicPairs: 2, batchSize: 2, epochs: 1, encoder: { features: { dim: 512, charNgrams: [3], words: true, wordBigrams: false }, hidden: 8, dim: 4 }, seed: 2,
    });
    expect(rows.map((r) => r.model)).toEqual(['with instructions', 'without instructions']);
    expect(rows[1].scores.sameTextCosine).toBeCloseTo(1, 5);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('RetroMAE fine-tuning size curve', () => {
  it('epochsFor gives exactly the updates asked for, in whole batches', () => {
    expect(epochsFor(32, 32, 48)).toBe(48);
    expect(epochsFor(128, 32, 48)).toBe(12);
    expect(epochsFor(512, 32, 48)).toBe(3);
    expect(() => epochsFor(100, 32, 48)).toThrow(RangeError);
    expect(() => epochsFor(64, 32, 47)).toThrow(RangeError);
  });

  it('scores every start at every size, zero-shot first, from the same weights, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const config = {
      encoder: { ...tiny, vocab: 64, causal: false, pooling: 'first' as const, extraTokens: 1 },
      pretrain: { epochs: 1, batchSize: 4, learningRate: 0.01 },
      inits: ['random init', 'RetroMAE'] as const, sizes: [0, 2, 4],
      finetune: { updates: 2, batchSize: 2, learningRate: 0.01, scale: 20 }, seed: 4,
    };
    const curve = await runRetroMaeCurve(data, { ...config, inits: [...config.inits] });
    expect(curve.points.map((p) => `${p.init} ${p.queries}`)).toEqual(['random init 0', 'random init 2', 'random init 4', 'RetroMAE 0', 'RetroMAE 2', 'RetroMAE 4']);
    expect(curve.pretraining.map((p) => p.init)).toEqual(['RetroMAE']);
    expect(curve.pretraining[0].steps).toHaveLength(2); // eight glosses in batches of four
    const again = await runRetroMaeCurve(data, { ...config, inits: ['random init'] });
    expect(again.points).toEqual(curve.points.slice(0, 3)); // each size restarts from the seed's weights
    expect(tf.memory().numTensors).toBe(before);
  });
});
