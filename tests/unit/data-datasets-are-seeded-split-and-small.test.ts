import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetFile, loadDataset, setDataSource, type LexnameDataset, type RetrievalDataset, type StsDataset } from '../../notebooks/data.ts';
import { buildAll, type BuiltData } from '../../src/data/build-all.ts';
import { lemmaForms } from '../../src/data/inflect.ts';
import { buildLexname } from '../../src/data/lexname.ts';
import { nodeDataSource } from '../../src/data/node-source.ts';
import { buildRetrieval } from '../../src/data/retrieval.ts';
import { buildSts } from '../../src/data/sts.ts';
import { seed, variants } from '../../src/data/variants.ts';
import { loadWordNet, type Pos, type WordNet } from '../../src/data/wordnet.ts';

let wn: WordNet;
let first: BuiltData;
const parsed = <T>(built: BuiltData, file: string): T => JSON.parse(built.files.get(file)!) as T;

beforeAll(() => {
  wn = loadWordNet();
  first = buildAll(wn, seed, 'test');
}, 120_000);

const sizes = ['default', 'large'] as const;

describe('determinism', () => {
  // Rebuilding the default variants is enough: the large ones run the same code with other sizes.
  it('a second build with the same seed gives byte-identical default files', () => {
    const plan = variants.default;
    const again = {
      'wn-sts': buildSts(wn, seed, plan.sts, 'test'),
      'wn-retrieval': buildRetrieval(wn, seed, plan.retrieval, 'test'),
      'wn-lexname': buildLexname(wn, seed, plan.lexname, 'test'),
    };
    for (const [name, dataset] of Object.entries(again)) {
      expect(JSON.stringify(dataset) === first.files.get(datasetFile(name as keyof typeof again)), name).toBe(true);
    }
  });

  it('another seed gives other pairs', () => {
    const other = buildSts(wn, seed + 1, variants.default.sts, 'test');
    const ours = parsed<StsDataset>(first, datasetFile('wn-sts'));
    expect(other.train.slice(0, 20)).not.toEqual(ours.train.slice(0, 20));
  });
});

describe.each(sizes)('%s variant', (size) => {
  it('wn-sts: splits share no gloss and every quarter of [0, 1] holds at least 10% of pairs', () => {
    const sts = parsed<StsDataset>(first, datasetFile('wn-sts', size));
    const texts = (pairs: StsDataset['train']) => new Set(pairs.flatMap((p) => [p.a, p.b]));
    const [train, dev, test] = [texts(sts.train), texts(sts.dev), texts(sts.test)];
    for (const t of test) expect(train.has(t) || dev.has(t)).toBe(false);
    for (const t of dev) expect(train.has(t)).toBe(false);
    for (const split of [sts.train, sts.dev, sts.test]) {
      expect(split.length).toBe(variants[size].sts[split === sts.train ? 'train' : split === sts.dev ? 'dev' : 'test']);
      for (let q = 0; q < 4; q++) {
        const inQuarter = split.filter((p) => p.score >= q / 4 && (q === 3 ? p.score <= 1 : p.score < (q + 1) / 4)).length;
        expect(inQuarter / split.length).toBeGreaterThanOrEqual(0.1);
      }
    }
  });

  it('wn-retrieval: every query has the blank, its word among its gloss\'s lemma forms, and splits by synset', () => {
    const data = parsed<RetrievalDataset>(first, datasetFile('wn-retrieval', size));
    const posOf = (id: string) => (id[0] === 'a' ? 'a' : id[0]) as Pos;
    const owner = new Map<number, string>();
    for (const split of ['train', 'dev', 'test'] as const) {
      expect(data[split].length).toBeGreaterThan(0);
      for (const q of data[split]) {
        expect(q.text).toContain('___');
        expect(Number.isInteger(q.positive) && q.positive >= 0 && q.positive < data.docs.length).toBe(true);
        const doc = data.docs[q.positive];
        const forms = doc.lemmas.flatMap((l) => lemmaForms(l.toLowerCase(), posOf(doc.id)));
        expect(forms).toContain(q.word.toLowerCase());
        expect(owner.get(q.positive) ?? split).toBe(split);
        owner.set(q.positive, split);
      }
    }
    expect(new Set(data.docs.map((d) => d.id)).size).toBe(data.docs.length);
    expect(new Set(data.docs.map((d) => d.text.toLowerCase())).size).toBe(data.docs.length);
  });

  it('wn-lexname: query, gallery and training texts are disjoint; old is drawn from new; all 45 classes appear', () => {
    const data = parsed<LexnameDataset>(first, datasetFile('wn-lexname', size));
    const key = (t: { text: string }) => t.text.toLowerCase();
    const query = new Set(data.query.map(key));
    const gallery = new Set(data.gallery.map(key));
    const fresh = new Set(data.new.map(key));
    for (const t of query) expect(gallery.has(t) || fresh.has(t)).toBe(false);
    for (const t of gallery) expect(fresh.has(t)).toBe(false);
    for (const t of data.old) expect(fresh.has(key(t))).toBe(true);
    expect(data.old.length).toBeLessThan(data.new.length);
    expect(data.classes).toHaveLength(45);
    for (const part of [data.old, data.new, data.query, data.gallery]) expect(new Set(part.map((t) => t.label)).size).toBe(45);
  });
});

describe('size budget', () => {
  it('each default file is under 2 MB gzip and each large one under 20 MB raw', () => {
    for (const name of ['wn-sts', 'wn-retrieval', 'wn-lexname'] as const) {
      const small = Buffer.from(first.files.get(datasetFile(name))!);
      expect(gzipSync(small).length, name).toBeLessThan(2 * 1024 * 1024);
      expect(first.manifest.datasets[name].default.gzipBytes).toBe(gzipSync(small).length);
      expect(Buffer.byteLength(first.files.get(datasetFile(name, 'large'))!), name).toBeLessThan(20 * 1024 * 1024);
    }
  });
});

describe('Node data source', () => {
  it('loads a dataset file from its folder and names the fix when one is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wn-data-'));
    writeFileSync(join(dir, datasetFile('wn-lexname')), first.files.get(datasetFile('wn-lexname'))!);
    setDataSource(nodeDataSource(dir));
    const lex = await loadDataset('wn-lexname');
    expect(lex.name).toBe('wn-lexname');
    expect(lex.version).toBe('test');
    await expect(loadDataset('wn-sts')).rejects.toThrow(/run npm run data/);
  });
});
