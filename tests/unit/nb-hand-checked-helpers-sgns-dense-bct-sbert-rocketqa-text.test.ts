import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { chanceTop1, classRetrieval } from '../../notebooks/bct.ts';
import type { RetrievalDataset } from '../../notebooks/data.ts';
import { docText, evaluateRetriever, queryText, sampleHardNegatives, scoreRankings, type DualEncoder } from '../../notebooks/dense.ts';
import type { TextEncoder } from '../../notebooks/encoders.ts';
import { sbertSoftmaxLoss } from '../../notebooks/losses.ts';
import { denoisingFilter } from '../../notebooks/rocketqa.ts';
import { sgnsStep } from '../../notebooks/sgns.ts';
import { hashString, tokenize } from '../../notebooks/text.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('SGNS update on a 3-word toy', () => {
  it('moves the word and its contexts as word2vec’s SGD does', () => {
    // Word 0 = (0.5, −0.5); contexts: word 1 = (0.1, 0.2) is the true context, word 2 = (−0.3, 0.4) the noise; lr 0.1.
    // Positive: c·w = −0.05, g = 0.1 (1 − σ(−0.05)) = 0.0512497; c₁ += g w = (0.1256248, 0.1743752).
    // Noise:    n·w = −0.35, g = 0.1 (0 − σ(−0.35)) = −0.0413382; c₂ += g w = (−0.3206691, 0.4206691).
    // Word: w += 0.0512497 (0.1, 0.2) − 0.0413382 (−0.3, 0.4) = (0.5175264, −0.5062853), from the contexts before they moved.
    const words = new Float32Array([0.5, -0.5, 0, 0, 0, 0]);
    const contexts = new Float32Array([0, 0, 0.1, 0.2, -0.3, 0.4]);
    sgnsStep(words, contexts, 2, 0, 1, [2], 0.1, new Float32Array(2));
    const gp = 0.1 * (1 - sigmoid(-0.05));
    const gn = 0.1 * (0 - sigmoid(-0.35));
    expect(gp).toBeCloseTo(0.0512497, 6);
    expect(gn).toBeCloseTo(-0.0413382, 6);
    const expectedWords = [0.5 + gp * 0.1 + gn * -0.3, -0.5 + gp * 0.2 + gn * 0.4, 0, 0, 0, 0];
    const expectedContexts = [0, 0, 0.1 + gp * 0.5, 0.2 - gp * 0.5, -0.3 + gn * 0.5, 0.4 - gn * 0.5];
    Array.from(words).forEach((v, i) => expect(v).toBeCloseTo(expectedWords[i], 6));
    Array.from(contexts).forEach((v, i) => expect(v).toBeCloseTo(expectedContexts[i], 6));
    expect(words[0]).toBeCloseTo(0.5175264, 6);
  });
});

describe('dense retrieval helpers', () => {
  const queries = [{ text: 'a ___ on the river', word: 'bank', positive: 0 }, { text: 'the ___ barked', word: 'dog', positive: 1 }];

  it('sampleHardNegatives takes a top-depth gloss other than the positive, and a random one when the filter leaves none', () => {
    // Query 0: top 2 = [3, 0], minus the positive 0 → 3. Query 1: top 2 = [1, 4], minus the positive 1 → 4.
    expect(sampleHardNegatives([[3, 0, 2], [1, 4]], queries, 5, 2, 1).map((e) => e.hardNegative)).toEqual([3, 4]);
    // A filter rejecting all of query 1's candidates leaves it a random gloss that is not its positive:
    // with 2 glosses only gloss 0 is left. Query 0 keeps its top candidate 3.
    const filtered = sampleHardNegatives([[3, 0], [1, 4]], queries, 2, 2, 1, (q) => q !== 1);
    expect(filtered.map((e) => e.hardNegative)).toEqual([3, 0]);
  });

  it('scoreRankings averages MRR@10, recall@k and nDCG@10 over queries', () => {
    // Query 0: positive 2 at rank 2; query 1: positive 1 at rank 1.
    const s = scoreRankings([[0, 2, 1], [1, 2, 0]], [2, 1]);
    expect(s.mrr10).toBeCloseTo((1 / 2 + 1) / 2, 12);
    expect(s.recall1).toBe(0.5);
    expect([s.recall10, s.recall50, s.recall100]).toEqual([1, 1, 1]);
    expect(s.ndcg10).toBeCloseTo((1 / Math.log2(3) + 1) / 2, 12);
  });

  it('evaluateRetriever ranks every gloss by cosine to each query', () => {
    const data: RetrievalDataset = {
      name: 'wn-retrieval', version: 'test', train: [], dev: [], test: queries,
      docs: [
        { id: 'n1', text: 'sloping land beside water', lemmas: ['bank'], lexname: 17 },
        { id: 'n2', text: 'a domestic animal', lemmas: ['dog'], lexname: 5 },
        { id: 'n3', text: 'a financial institution', lemmas: ['bank'], lexname: 14 },
      ],
    };
    // Fixed vectors: q0 = (1, 0), q1 = (0, 1); glosses (0.5, 0.5), (0, 1), (1, 0.1).
    // q0: cosines 0.707, 0, 0.995 → ranking [2, 0, 1], positive 0 at rank 2. q1: 0.707, 1, 0.0995 → [1, 0, 2], positive 1 at rank 1.
    const vectors = new Map<string, number[]>([
      [queryText(queries[0]), [1, 0]], [queryText(queries[1]), [0, 1]],
      [docText(data.docs[0]), [0.5, 0.5]], [docText(data.docs[1]), [0, 1]], [docText(data.docs[2]), [1, 0.1]],
    ]);
    const fixed: TextEncoder = { dim: 2, variables: [], encode: (texts) => tf.tensor2d(texts.map((t) => vectors.get(t)!)), dispose: () => {} };
    const model: DualEncoder = { query: fixed, passage: fixed, dispose: () => {} };
    const s = evaluateRetriever(model, data, queries);
    expect(s.mrr10).toBeCloseTo(0.75, 12);
    expect(s.recall1).toBe(0.5);
    expect(s.ndcg10).toBeCloseTo((1 / Math.log2(3) + 1) / 2, 12);
  });
});

describe('BCT class retrieval', () => {
  it('scores top-1 class match and the class share of the nearest (at most 10) gallery items', () => {
    // Gallery: (1, 0) class 0, (0.8, 0.6) class 1, (0, 1) class 1, (−1, 0) class 0.
    // Query (1, 0), class 0: nearest is (1, 0) → hit; all 4 items ranked, 2 of class 0 → 0.5.
    // Query (0, 1), class 1: nearest is (0, 1) → hit; 2 of 4 of class 1 → 0.5.
    const gallery = tf.tensor2d([[1, 0], [0.8, 0.6], [0, 1], [-1, 0]]);
    const r = classRetrieval(tf.tensor2d([[1, 0], [0, 1]]), gallery, [0, 1], [0, 1, 1, 0]);
    expect(r).toEqual({ top1: 1, precision10: 0.5 });
    // Class 1 asked with (1, 0): its nearest is class 0 → top-1 0.
    expect(classRetrieval(tf.tensor2d([[1, 0]]), gallery, [1], [0, 1, 1, 0]).top1).toBe(0);
  });

  it('puts chance top-1 at the gallery share of each query class, averaged over the queries', () => {
    // Gallery: class 0 three times, class 1 once → shares 3/4 and 1/4. Queries 0, 0, 1, 2: (3/4 + 3/4 + 1/4 + 0) / 4 = 7/16.
    expect(chanceTop1([0, 0, 1, 2], [0, 0, 1, 0])).toBeCloseTo(7 / 16, 12);
  });
});

describe('Sentence-BERT softmax objective', () => {
  it('is cross-entropy of W [u; v; |u − v|] + b', () => {
    // u = (1, 0), v = (0, 1): features (1, 0, 0, 1, 1, 1). W picks u₁ for class 0 and 2·|u − v|₂ for class 1:
    // logits (1, 2); class 0 → −log(e / (e + e²)) = log(1 + e) = 1.313262; with b = (1, 0) the logits tie → log 2.
    const weight = tf.buffer([6, 2]);
    weight.set(1, 0, 0);
    weight.set(2, 5, 1);
    const u = tf.tensor2d([[1, 0]]);
    const v = tf.tensor2d([[0, 1]]);
    const loss = (bias: number[]) => sbertSoftmaxLoss(u, v, tf.tensor1d([0], 'int32'), weight.toTensor() as tf.Tensor2D, tf.tensor1d(bias)).dataSync()[0];
    expect(loss([0, 0])).toBeCloseTo(Math.log(1 + Math.E), 5);
    expect(loss([1, 0])).toBeCloseTo(Math.LN2, 5);
  });
});

describe('RocketQA denoising filter', () => {
  it('drops mined candidates the cross-encoder scores at or above the threshold, and keeps the rest', () => {
    const candidates = [{ i: 0, d: 3 }, { i: 0, d: 4 }, { i: 1, d: 2 }];
    const { keep, flagged } = denoisingFilter(candidates, [0.05, 0.5, 0.1], 0.1);
    expect([keep(0, 3), keep(0, 4), keep(1, 2)]).toEqual([true, false, false]);
    expect(flagged).toBe(2);
    // Through sampleHardNegatives: query 0's only kept candidate is gloss 3.
    const queries = [{ text: 'x', word: 'x', positive: 0 }];
    expect(sampleHardNegatives([[0, 4, 3]], queries, 5, 3, 1, keep)[0].hardNegative).toBe(3);
    expect(() => denoisingFilter(candidates, [0.1], 0.1)).toThrow(/3 candidates but 1/);
  });
});

describe('text features', () => {
  it('tokenize lower-cases runs of Unicode letters and digits', () => {
    expect(tokenize('Café au lait, 2 cups!')).toEqual(['café', 'au', 'lait', '2', 'cups']);
    expect(tokenize('naïve—RÉSUMÉ  x2')).toEqual(['naïve', 'résumé', 'x2']);
    expect(tokenize(' -- ')).toEqual([]);
  });

  /** FNV-1a written from its definition with BigInt, over UTF-16 code units: the reference. */
  const reference = (s: string) => {
    let h = 0x811c9dc5n;
    for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x01000193n) % 2n ** 32n;
    return Number(h);
  };

  it('hashString is FNV-1a: the published 32-bit vectors for ASCII, UTF-16 code units beyond it', () => {
    // FNV-1a 32-bit test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect([hashString(''), hashString('a'), hashString('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    // "é" is one code unit 0x00E9, not the UTF-8 bytes 0xC3 0xA9; "😀" is its two surrogates.
    for (const s of ['é', 'café', '€', '😀']) expect(hashString(s), s).toBe(reference(s));
    expect(hashString('é')).toBe(reference(String.fromCharCode(0xe9)));
    expect(hashString('é')).not.toBe(reference(String.fromCharCode(0xc3, 0xa9)));
  });
});
