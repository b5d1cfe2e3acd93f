import { describe, expect, it } from 'vitest';
import type { RetrievalDataset } from '../../notebooks/data.ts';
import { createSmallDualEncoder, sliceRetrieval } from '../../notebooks/toyqa.ts';

const doc = (id: string, lemmas: string[]) => ({ id, text: `gloss of ${id}`, lemmas, lexname: 0 });
const data: RetrievalDataset = {
  name: 'wn-retrieval', version: 't',
  docs: [doc('a', ['bank']), doc('b', ['bank', 'depository']), doc('c', ['river']), doc('d', ['open']), doc('e', ['Open_up']), doc('f', ['zebra'])],
  train: [{ text: 'sat by the ___', word: 'bank', positive: 0 }, { text: 'x', word: 'zebra', positive: 5 }],
  dev: [],
  test: [{ text: '___ the door', word: 'open up', positive: 4 }],
};

describe('sliceRetrieval', () => {
  it('keeps positives and every sense of the query words, and remaps indices', () => {
    const slice = sliceRetrieval(data, { train: 1, test: 1, distractors: 0, seed: 1 });
    expect(slice.docs.map((d) => d.id)).toEqual(['a', 'b', 'e']);
    expect(slice.train).toEqual([{ text: 'sat by the ___', word: 'bank', positive: 0 }]);
    expect(slice.test[0].positive).toBe(2);
    expect(slice.docs[slice.test[0].positive].id).toBe('e');
  });

  it('adds the requested number of distinct random distractors', () => {
    const slice = sliceRetrieval(data, { train: 1, test: 1, distractors: 2, seed: 3 });
    expect(slice.docs).toHaveLength(5);
    expect(new Set(slice.docs.map((d) => d.id)).size).toBe(5);
  });
});

describe('createSmallDualEncoder', () => {
  it('shares one table between the towers when asked, and exposes it once', () => {
    const shared = createSmallDualEncoder(1, { buckets: 64, hidden: 8, dim: 4, shared: true });
    const separate = createSmallDualEncoder(1, { buckets: 64, hidden: 8, dim: 4, shared: false });
    const same = shared.query.encode(['open the door']).sub(shared.passage.encode(['open the door'])).abs().max().dataSync()[0];
    expect(same).toBe(0);
    expect(shared.passage.variables).toHaveLength(0);
    expect(separate.passage.variables).toHaveLength(separate.query.variables.length);
    shared.dispose();
    separate.dispose();
  });
});
