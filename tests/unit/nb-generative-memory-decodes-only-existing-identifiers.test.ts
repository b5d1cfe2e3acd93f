import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { IdentifierDecoder, decoderParameters, hiddenForBudget, identifierTrie, trainDecoder } from '../../notebooks/generative.ts';

// Three documents: two share the prefix 0 (depth 2), one is a leaf at depth 1.
const paths = [[0, 0], [0, 1], [1]];

describe('identifier trie', () => {
  it('holds every identifier once and refuses prefixes and repeats', () => {
    const trie = identifierTrie(paths);
    expect([...trie.children.keys()]).toEqual([0, 1]);
    expect(trie.children.get(1)!.doc).toBe(2);
    expect(trie.children.get(0)!.children.get(1)!.doc).toBe(1);
    expect(() => identifierTrie([[0], [0, 1]])).toThrow(/prefix/);
    expect(() => identifierTrie([[0, 1], [0]])).toThrow(/prefix/);
    expect(() => identifierTrie([[2], [2]])).toThrow(/unique/);
    expect(() => identifierTrie([[]])).toThrow(/empty/);
  });
});

describe('parameter budget', () => {
  it('counts exactly the decoder variables, and picks the widest width within a budget', () => {
    const decoder = new IdentifierDecoder(5, 7, 3, 2, 1);
    expect(decoder.parameters).toBe(decoder.variables.reduce((n, v) => n + v.size, 0));
    // 5·7 + 7 + 2·7 + 2·3·7 + 7·3 + 3 = 35 + 7 + 14 + 42 + 21 + 3
    expect(decoderParameters(5, 7, 3, 2)).toBe(122);
    expect(hiddenForBudget(122, 5, 3, 2)).toBe(7);
    expect(hiddenForBudget(121, 5, 3, 2)).toBe(6);
    expect(() => hiddenForBudget(3, 5, 3, 2)).toThrow(RangeError);
    decoder.dispose();
  });
});

describe('identifier decoder', () => {
  it('with all weights zero, every step is uniform: loss log V, and identifiers score −depth·log V', () => {
    const decoder = new IdentifierDecoder(2, 4, 2, 2, 3);
    for (const v of decoder.variables) v.assign(tf.zerosLike(v));
    const x = tf.tensor2d([[1, 0], [0, 1]]);
    expect(decoder.loss(x, [[0, 1], [1]]).dataSync()[0]).toBeCloseTo(Math.log(2), 6);
    const [decoded] = decoder.decode(x.slice([0, 0], [1, -1]), identifierTrie(paths), 10);
    expect(decoded.docs).toEqual([2, 0, 1]);
    expect(decoded.logProbs[0]).toBeCloseTo(-Math.log(2), 6);
    expect(decoded.logProbs[1]).toBeCloseTo(-2 * Math.log(2), 6);
    expect([...decoded.firstTokens].sort()).toEqual([0, 1]);
    // A beam of one keeps a single hypothesis, and it is an identifier that exists.
    expect(decoder.decode(x, identifierTrie(paths), 1).every((d) => d.docs.length === 1 && [0, 1, 2].includes(d.docs[0]))).toBe(true);
    decoder.dispose();
  });

  it('learns to decode each input to its own identifier', async () => {
    const inputs = tf.tensor2d([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    const ids = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const decoder = new IdentifierDecoder(4, 16, 2, 2, 5);
    await trainDecoder(decoder, inputs, ids, { epochs: 150, batchSize: 4, learningRate: 0.05, seed: 1 });
    const decoded = decoder.decode(inputs, identifierTrie(ids), 2);
    expect(decoded.map((d) => d.docs[0])).toEqual([0, 1, 2, 3]);
    decoder.dispose();
  });

  it('trains on batches whose identifiers all stop short of the deepest one', async () => {
    // Batches of one: the batch holding [1] never reaches step 2, yet the optimiser must see the same variables every step.
    const inputs = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const decoder = new IdentifierDecoder(3, 8, 2, 2, 7);
    await expect(trainDecoder(decoder, inputs, paths, { epochs: 3, batchSize: 1, learningRate: 0.05, seed: 1 })).resolves.toBeUndefined();
    decoder.dispose();
  });
});
