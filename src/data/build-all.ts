/**
 * Builds every dataset variant in memory: the serialised files and the manifest
 * that describes them. Writing them out is build.ts's job, so tests can build
 * twice and compare.
 */
import { gzipSync } from 'node:zlib';
import { datasetFile, type DatasetSize, type RetrievalDataset } from '../../notebooks/data.ts';
import { buildLexname, classCounts } from './lexname.ts';
import { lexnames } from './lexnames.ts';
import { licenceFile, type DataManifest, type FileStats } from './manifest.ts';
import { buildRetrieval } from './retrieval.ts';
import { buildSts, stsHistogram } from './sts.ts';
import { variants } from './variants.ts';
import type { WordNet } from './wordnet.ts';

export interface BuiltData {
  /** File name → JSON text. */
  files: Map<string, string>;
  manifest: DataManifest;
}

function fileStats(files: Map<string, string>, file: string, value: unknown, counts: Record<string, number>): FileStats {
  const text = JSON.stringify(value);
  files.set(file, text);
  const bytes = Buffer.from(text);
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length, counts };
}

function docKinds(dataset: RetrievalDataset): { positives: number; sameLemma: number; distractors: number } {
  const positives = new Set<number>();
  for (const q of [...dataset.train, ...dataset.dev, ...dataset.test]) positives.add(q.positive);
  const positiveLemmas = new Set<string>();
  for (const i of positives) for (const l of dataset.docs[i].lemmas) positiveLemmas.add(l.toLowerCase());
  let sameLemma = 0;
  dataset.docs.forEach((doc, i) => {
    if (!positives.has(i) && doc.lemmas.some((l) => positiveLemmas.has(l.toLowerCase()))) sameLemma++;
  });
  return { positives: positives.size, sameLemma, distractors: dataset.docs.length - positives.size - sameLemma };
}

export function buildAll(wordnet: WordNet, seed: number, version: string): BuiltData {
  const files = new Map<string, string>();
  const sizes: DatasetSize[] = ['default', 'large'];
  const datasets = { 'wn-sts': {}, 'wn-retrieval': {}, 'wn-lexname': {} } as DataManifest['datasets'];
  for (const size of sizes) {
    const plan = variants[size];
    const sts = buildSts(wordnet, seed, plan.sts, version);
    datasets['wn-sts'][size] = {
      ...fileStats(files, datasetFile('wn-sts', size), sts, { train: sts.train.length, dev: sts.dev.length, test: sts.test.length }),
      scoreHistogram: { train: stsHistogram(sts.train), dev: stsHistogram(sts.dev), test: stsHistogram(sts.test) },
    };
    const retrieval = buildRetrieval(wordnet, seed, plan.retrieval, version);
    const retrievalCounts = { docs: retrieval.docs.length, train: retrieval.train.length, dev: retrieval.dev.length, test: retrieval.test.length };
    datasets['wn-retrieval'][size] = {
      ...fileStats(files, datasetFile('wn-retrieval', size), retrieval, retrievalCounts),
      docKinds: docKinds(retrieval),
    };
    const lex = buildLexname(wordnet, seed, plan.lexname, version);
    datasets['wn-lexname'][size] = {
      ...fileStats(files, datasetFile('wn-lexname', size), lex, { old: lex.old.length, new: lex.new.length, query: lex.query.length, gallery: lex.gallery.length }),
      classCounts: { old: classCounts(lex.old), new: classCounts(lex.new), query: classCounts(lex.query), gallery: classCounts(lex.gallery) },
    };
  }
  const withExamples = wordnet.synsets.filter((s) => s.examples.length > 0);
  const source = { synsets: wordnet.synsets.length, withExamples: withExamples.length, examples: withExamples.reduce((n, s) => n + s.examples.length, 0) };
  const manifest: DataManifest = { version, seed, wordnetDb: wordnet.version, wordnet: source, licence: licenceFile, classes: [...lexnames], datasets };
  return { files, manifest };
}
