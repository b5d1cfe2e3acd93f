/**
 * The datasets the notebooks train on, and how they are loaded.
 *
 * Notebooks do not know where the data files live: the host (the build-time
 * kernel in Node, the cell worker in the browser, a test) installs a source
 * with `setDataSource`, and `loadDataset` asks it for a file by name.
 */

/** Two glosses and how similar their synsets are in the WordNet taxonomy, in [0, 1]. */
export interface StsPair {
  a: string;
  b: string;
  score: number;
}

export interface StsDataset {
  name: 'wn-sts';
  version: string;
  train: StsPair[];
  dev: StsPair[];
  test: StsPair[];
}

/** A gloss: the document retrieved for a query. */
export interface RetrievalDoc {
  /** WordNet synset id, e.g. "n02084071". */
  id: string;
  text: string;
  /** The synset's lemmas, first one being the headword. */
  lemmas: string[];
  /** Lexicographer class number, 0–44. */
  lexname: number;
}

/** An example sentence with its target word blanked, and the synset it illustrates. */
export interface RetrievalQuery {
  text: string;
  /** The blanked word. */
  word: string;
  /** Index into `docs` of the relevant gloss. */
  positive: number;
}

export interface RetrievalDataset {
  name: 'wn-retrieval';
  version: string;
  docs: RetrievalDoc[];
  train: RetrievalQuery[];
  dev: RetrievalQuery[];
  test: RetrievalQuery[];
}

export interface LabelledText {
  text: string;
  /** Lexicographer class number, 0–44; its name is `classes[label]`. */
  label: number;
}

export interface LexnameDataset {
  name: 'wn-lexname';
  version: string;
  /** The 45 lexicographer class names, indexed by class number. */
  classes: string[];
  /** Training set of the old model (smaller). */
  old: LabelledText[];
  /** Training set of the new model (a superset of the old one's distribution, larger). */
  new: LabelledText[];
  /** Retrieval evaluation: queries are matched against the gallery by label. */
  query: LabelledText[];
  gallery: LabelledText[];
}

export interface DatasetMap {
  'wn-sts': StsDataset;
  'wn-retrieval': RetrievalDataset;
  'wn-lexname': LexnameDataset;
}

export type DatasetName = keyof DatasetMap;
export const datasetNames: DatasetName[] = ['wn-sts', 'wn-retrieval', 'wn-lexname'];

/** `default` fits a browser page (< 2 MB gzip); `large` is for the command line. */
export type DatasetSize = 'default' | 'large';

/** File name of a dataset as produced by src/data, e.g. "wn-sts.json" or "wn-sts.large.json". */
export function datasetFile(name: DatasetName, size: DatasetSize = 'default'): string {
  return size === 'default' ? `${name}.json` : `${name}.${size}.json`;
}

export type DataSource = (file: string) => Promise<unknown>;

let source: DataSource | undefined;
const cache = new Map<string, Promise<unknown>>();

export function setDataSource(next: DataSource): void {
  source = next;
  cache.clear();
}

export async function loadDataset<N extends DatasetName>(name: N, size: DatasetSize = 'default'): Promise<DatasetMap[N]> {
  if (!source) throw new Error('No data source: the host must call setDataSource() before loading datasets.');
  const file = datasetFile(name, size);
  let pending = cache.get(file);
  if (!pending) {
    pending = source(file);
    cache.set(file, pending);
  }
  return (await pending) as DatasetMap[N];
}
