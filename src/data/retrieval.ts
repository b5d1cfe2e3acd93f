/**
 * wn-retrieval: an example sentence with its word blanked is the query, the
 * definition of the synset it illustrates is the relevant document. The corpus
 * also holds every other sense of the same lemmas (hard negatives that share the
 * word) and random synsets as distractors. Queries are split by synset.
 */
import type { RetrievalDataset, RetrievalDoc, RetrievalQuery } from '../../notebooks/data.ts';
import { blankTarget } from './inflect.ts';
import { shuffled, streamFor } from './prng.ts';
import { splitNames, type Split } from './splits.ts';
import type { Synset, WordNet } from './wordnet.ts';

export interface RetrievalSizes {
  /** Queries wanted per split; a split stops taking synsets once it has this many. */
  queries: Record<Split, number>;
  /** Random distractor documents, as a share of the documents the queries bring in. */
  distractorShare: number;
}

const splitShares: Record<Split, number> = { train: 0.8, dev: 0.1, test: 0.1 };

interface QuerySource {
  synset: Synset;
  queries: { text: string; word: string }[];
}

export function buildRetrieval(wordnet: WordNet, seed: number, sizes: RetrievalSizes, version: string): RetrievalDataset {
  const random = streamFor(seed, 'retrieval');
  const sources: QuerySource[] = [];
  for (const synset of wordnet.synsets) {
    const queries = synset.examples.flatMap((e) => blankTarget(e, synset.lemmas, synset.pos) ?? []);
    if (queries.length && synset.definition) sources.push({ synset, queries });
  }
  // Each synset draws its split, and joins it only while that split still wants queries.
  const chosen: Record<Split, QuerySource[]> = { train: [], dev: [], test: [] };
  const counts: Record<Split, number> = { train: 0, dev: 0, test: 0 };
  // Two documents with the same text could not be told apart, so every text enters the corpus once.
  const texts = new Set<string>();
  const fresh = (synset: Synset) => synset.definition !== '' && !texts.has(synset.definition.toLowerCase());
  for (const source of shuffled(random, sources)) {
    const u = random();
    const split: Split = u < splitShares.test ? 'test' : u < splitShares.test + splitShares.dev ? 'dev' : 'train';
    if (counts[split] >= sizes.queries[split] || !fresh(source.synset)) continue;
    texts.add(source.synset.definition.toLowerCase());
    chosen[split].push(source);
    counts[split] += source.queries.length;
    if (splitNames.every((s) => counts[s] >= sizes.queries[s])) break;
  }

  const docIds = new Set<string>();
  const addDoc = (synset: Synset) => {
    if (docIds.has(synset.id) || !fresh(synset)) return false;
    docIds.add(synset.id);
    texts.add(synset.definition.toLowerCase());
    return true;
  };
  for (const s of splitNames) for (const { synset } of chosen[s]) docIds.add(synset.id);
  for (const s of splitNames) {
    for (const { synset } of chosen[s]) {
      for (const lemma of synset.lemmas) for (const id of wordnet.senses.get(lemma.toLowerCase()) ?? []) addDoc(wordnet.byId.get(id)!);
    }
  }
  const distractors = Math.round(docIds.size * sizes.distractorShare);
  let added = 0;
  for (const synset of shuffled(random, wordnet.synsets)) {
    if (added >= distractors) break;
    if (addDoc(synset)) added++;
  }

  const docs: RetrievalDoc[] = shuffled(random, [...docIds].sort()).map((id) => {
    const s = wordnet.byId.get(id)!;
    return { id, text: s.definition, lemmas: s.lemmas, lexname: s.lexname };
  });
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const dataset: RetrievalDataset = { name: 'wn-retrieval', version, docs, train: [], dev: [], test: [] };
  for (const s of splitNames) {
    const queries: RetrievalQuery[] = chosen[s].flatMap(({ synset, queries }) => queries.map((q) => ({ ...q, positive: index.get(synset.id)! })));
    dataset[s] = shuffled(random, queries);
  }
  return dataset;
}
