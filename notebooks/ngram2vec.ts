/**
 * The ngram2vec note's comparison: the SGNS trainer with word contexts
 * (contextNgram 1) against word + bigram contexts (contextNgram 2), on the
 * WordNet glosses and example sentences, scored by how well centred cosine
 * separates synonym pairs (lemmas of one synset) from random word pairs.
 * One call is one seed; the page and `npm run experiment -- ngram2vec` run it
 * over seeds through notebooks/seeds.
 */
import type { RetrievalDataset } from './data.ts';
import { Rng } from './random.ts';
import { rocAuc } from './sparselinear.ts';
import { trainSgns, type SgnsConfig, type SgnsModel } from './sgns.ts';

/** The two variants, in the order the rows come back. */
export const ngramVariants = [
  { name: 'word contexts (SGNS)', contextNgram: 1 },
  { name: 'word + bigram contexts (ngram2vec)', contextNgram: 2 },
] as const;

export type NgramComparisonConfig = Omit<SgnsConfig, 'contextNgram' | 'onProgress'> & {
  /** Seed of the random word pairs; fixed, so every seed scores the same pairs. */
  pairSeed: number;
  onProgress?: (label: string, done: number, total: number) => void;
};

/** The note's default: small enough for three seeds of both variants in the page's time budget. */
export const defaultNgramComparison: NgramComparisonConfig = {
  dim: 32, window: 3, negatives: 5, subsample: 1e-3, minCount: 3, epochs: 7, learningRate: 0.025, seed: 1, pairSeed: 2017,
};

export interface NgramComparisonRow {
  variant: string;
  contextNgram: number;
  /** Distinct contexts kept after the frequency cut-off (words, plus bigrams for contextNgram 2). */
  contexts: number;
  synonymPairs: number;
  synonymCosine: number;
  randomCosine: number;
  /** P(synonym pair scores above a random pair), ties counted half. */
  separation: number;
}

export interface NgramComparisonResult {
  rows: NgramComparisonRow[];
  /** The trained models, in the order of ngramVariants. */
  models: SgnsModel[];
  /** Centred cosine of each model, in the same order. */
  cosines: ((a: string, b: string) => number)[];
  /** The synonym and random pairs both variants were scored on. */
  pairs: { synonyms: [string, string][]; random: [string, string][] };
}

/** The corpus of the SGNS note: the glosses, plus the example sentences with the blanked word restored. */
export function glossCorpus(data: RetrievalDataset): string[] {
  const examples = [...data.train, ...data.dev, ...data.test].map((q) => q.text.replace('___', q.word));
  return [...data.docs.map((d) => d.text), ...examples];
}

/** Cosine of two words' vectors after removing the model's mean word vector. */
export function centredCosine(m: SgnsModel): (a: string, b: string) => number {
  const mean = new Float64Array(m.dim);
  for (let i = 0; i < m.words.length; i++) for (let x = 0; x < m.dim; x++) mean[x] += m.vectors[i * m.dim + x] / m.words.length;
  return (a, b) => {
    const ia = m.index.get(a)! * m.dim, ib = m.index.get(b)! * m.dim;
    let dot = 0, na = 0, nb = 0;
    for (let x = 0; x < m.dim; x++) {
      const u = m.vectors[ia + x] - mean[x], v = m.vectors[ib + x] - mean[x];
      dot += u * v; na += u * u; nb += v * v;
    }
    return dot / Math.sqrt(na * nb);
  };
}

/** P(a positive scores above a negative), ties counted half: the ROC-AUC of positives against negatives. */
export function separation(positive: number[], negative: number[]): number {
  return rocAuc([...positive, ...negative], [...positive.map(() => 1), ...negative.map(() => 0)]);
}

/** Synonym pairs among the known lemmas of each synset, and as many random pairs of the same words. */
export function wordPairs(data: RetrievalDataset, known: Map<string, number>, pairSeed: number): { synonyms: [string, string][]; random: [string, string][] } {
  const synonyms: [string, string][] = [];
  for (const doc of data.docs) {
    const lemmas = doc.lemmas.filter((l) => known.has(l));
    for (let i = 0; i < lemmas.length; i++) for (let j = i + 1; j < lemmas.length; j++) synonyms.push([lemmas[i], lemmas[j]]);
  }
  const rng = new Rng(pairSeed);
  const words = [...new Set(synonyms.flat())];
  const random = synonyms.map((): [string, string] => [words[rng.int(words.length)], words[rng.int(words.length)]]);
  return { synonyms, random };
}

const average = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Trains both variants on one seed and scores them on the same pairs. */
export function runNgramComparison(data: RetrievalDataset, config: Partial<NgramComparisonConfig> = {}): NgramComparisonResult {
  const { pairSeed, onProgress, ...sgns } = { ...defaultNgramComparison, ...config };
  const corpus = glossCorpus(data);
  const models = ngramVariants.map(({ name, contextNgram }) =>
    trainSgns(corpus, { ...sgns, contextNgram, onProgress: (done, total) => onProgress?.(`${name}, seed ${sgns.seed}`, done, total) }));
  // Both variants keep the same words (same minCount on the same corpus), so the pairs are shared.
  const pairs = wordPairs(data, models[0].index, pairSeed);
  const { synonyms, random } = pairs;
  const cosines = models.map(centredCosine);
  const rows = ngramVariants.map(({ name, contextNgram }, k) => {
    const synonym = synonyms.map(([a, b]) => cosines[k](a, b));
    const other = random.map(([a, b]) => cosines[k](a, b));
    return {
      variant: name, contextNgram, contexts: models[k].contexts, synonymPairs: synonyms.length,
      synonymCosine: average(synonym), randomCosine: average(other), separation: separation(synonym, other),
    };
  });
  return { rows, models, cosines, pairs };
}
