/**
 * A page-sized slice of wn-retrieval and a small dual encoder, so that a note
 * can train several retrievers in a few seconds each. The slice keeps what
 * makes the task hard: for every query, all other senses of its word stay in
 * the corpus as natural hard (and sometimes false) negatives.
 */
import type { RetrievalDataset, RetrievalDoc, RetrievalQuery } from './data.ts';
import type { DualEncoder } from './dense.ts';
import { BagEncoder } from './encoders.ts';
import { Rng } from './random.ts';
import { defaultFeatureOptions } from './text.ts';

export interface SliceOptions {
  train: number;
  test: number;
  /** Random extra glosses, so that not every document is someone's sense of a query word. */
  distractors: number;
  seed: number;
}

/**
 * The first `train` training and `test` test queries; the corpus is their
 * positives, every gloss sharing a lemma with a query's word, and `distractors`
 * random glosses. Indices are remapped into the smaller corpus.
 */
export function sliceRetrieval(data: RetrievalDataset, options: SliceOptions): RetrievalDataset {
  const byLemma = new Map<string, number[]>();
  data.docs.forEach((doc, i) => {
    for (const lemma of doc.lemmas) {
      const key = lemma.toLowerCase().replaceAll('_', ' ');
      let list = byLemma.get(key);
      if (!list) byLemma.set(key, (list = []));
      list.push(i);
    }
  });
  const train = data.train.slice(0, options.train);
  const test = data.test.slice(0, options.test);
  const kept = new Set<number>();
  for (const q of [...train, ...test]) {
    kept.add(q.positive);
    for (const i of byLemma.get(q.word.toLowerCase()) ?? []) kept.add(i);
  }
  const rng = new Rng(options.seed);
  for (let added = 0, tries = 0; added < options.distractors && tries < 20 * options.distractors; tries++) {
    const i = rng.int(data.docs.length);
    if (!kept.has(i)) {
      kept.add(i);
      added++;
    }
  }
  const order = [...kept].sort((a, b) => a - b);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  const docs: RetrievalDoc[] = order.map((i) => data.docs[i]);
  const remap = (qs: RetrievalQuery[]) => qs.map((q) => ({ ...q, positive: newIndex.get(q.positive)! }));
  return { name: data.name, version: data.version, docs, train: remap(train), dev: [], test: remap(test) };
}

export interface SmallEncoderOptions {
  /** Hash buckets of the n-gram features. */
  buckets: number;
  hidden: number;
  dim: number;
}

/**
 * A dual encoder with narrower tables than `createDualEncoder`'s. With
 * `shared`, one encoder embeds both sides (the passage side exposes no
 * variables of its own, so an optimiser sees each table once): a from-scratch
 * model with two separate towers cannot learn that a word in the query matches
 * the same word in a gloss unless it saw that word in training, and the test
 * queries are about synsets never seen in training.
 */
export function createSmallDualEncoder(seed: number, options: SmallEncoderOptions & { shared: boolean }): DualEncoder {
  const features = { ...defaultFeatureOptions, dim: options.buckets };
  const query = new BagEncoder({ features, hidden: options.hidden, dim: options.dim, seed });
  if (!options.shared) {
    const passage = new BagEncoder({ features, hidden: options.hidden, dim: options.dim, seed: seed + 1 });
    return { query, passage, dispose: () => { query.dispose(); passage.dispose(); } };
  }
  const passage = { dim: query.dim, variables: [], encode: (texts: string[]) => query.encode(texts), dispose: () => {} };
  return { query, passage, dispose: () => query.dispose() };
}
