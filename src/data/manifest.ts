/** What public/data/manifest.json holds: the data version and figures about each file, computed at build time. */
import type { DatasetName, DatasetSize } from '../../notebooks/data.ts';

export interface FileStats {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Items per split or part (for wn-retrieval also `docs`). */
  counts: Record<string, number>;
}

export interface StsStats extends FileStats {
  /** Pairs per tenth of the score range [0, 1], per split. */
  scoreHistogram: Record<'train' | 'dev' | 'test', number[]>;
}

export interface RetrievalStats extends FileStats {
  /** Documents that are some query's positive, that share a lemma with a positive, and the rest. */
  docKinds: { positives: number; sameLemma: number; distractors: number };
}

export interface LexnameStats extends FileStats {
  /** Texts per lexicographer class number, per part. */
  classCounts: Record<'old' | 'new' | 'query' | 'gallery', number[]>;
}

export interface DataManifest {
  version: string;
  seed: number;
  wordnetDb: string;
  /** The source as read: synsets, those with example sentences, and the examples. */
  wordnet: { synsets: number; withExamples: number; examples: number };
  licence: string;
  classes: string[];
  datasets: {
    'wn-sts': Record<DatasetSize, StsStats>;
    'wn-retrieval': Record<DatasetSize, RetrievalStats>;
    'wn-lexname': Record<DatasetSize, LexnameStats>;
  };
}

export const manifestFile = 'manifest.json';
export const licenceFile = 'WORDNET-LICENSE.txt';

export type { DatasetName };
