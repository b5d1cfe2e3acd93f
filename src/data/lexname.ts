/**
 * wn-lexname: definitions labelled with their lexicographer class, for
 * backward-compatible training. Each class's synsets are shuffled and dealt
 * out to disjoint query, gallery and training parts; the old model's training
 * set is the first part of the new one's, so the old model sees fewer examples
 * of the same classes. Small classes (noun.motive has 42 synsets) are dealt out
 * in the same proportions.
 */
import type { LabelledText, LexnameDataset } from '../../notebooks/data.ts';
import { lexnames } from './lexnames.ts';
import { shuffled, streamFor } from './prng.ts';
import { uniqueByText } from './splits.ts';
import type { Synset, WordNet } from './wordnet.ts';

/** Texts per class; a class with fewer synsets than query + gallery + new is scaled down. */
export interface LexnameSizes {
  old: number;
  new: number;
  query: number;
  gallery: number;
}

export function buildLexname(wordnet: WordNet, seed: number, sizes: LexnameSizes, version: string): LexnameDataset {
  const random = streamFor(seed, 'lexname');
  const byClass: Synset[][] = lexnames.map(() => []);
  for (const s of uniqueByText(wordnet.synsets, (x) => x.definition)) byClass[s.lexname].push(s);
  const dataset: LexnameDataset = { name: 'wn-lexname', version, classes: [...lexnames], old: [], new: [], query: [], gallery: [] };
  const wanted = sizes.query + sizes.gallery + sizes.new;
  byClass.forEach((members, label) => {
    const scale = Math.min(1, members.length / wanted);
    const query = Math.max(1, Math.floor(sizes.query * scale));
    const gallery = Math.max(1, Math.floor(sizes.gallery * scale));
    const fresh = Math.max(1, Math.floor(sizes.new * scale));
    const old = Math.max(1, Math.round((fresh * sizes.old) / sizes.new));
    const texts: LabelledText[] = shuffled(random, members).map((s) => ({ text: s.definition, label }));
    dataset.query.push(...texts.slice(0, query));
    dataset.gallery.push(...texts.slice(query, query + gallery));
    const train = texts.slice(query + gallery, query + gallery + fresh);
    dataset.new.push(...train);
    dataset.old.push(...train.slice(0, old));
  });
  for (const part of ['old', 'new', 'query', 'gallery'] as const) dataset[part] = shuffled(random, dataset[part]);
  return dataset;
}

/** Texts per class number, for the manifest. */
export function classCounts(texts: readonly LabelledText[]): number[] {
  const counts = new Array(lexnames.length).fill(0);
  for (const t of texts) counts[t.label]++;
  return counts;
}
