/**
 * Paper reproductions on the real data, in Node: `npm run experiment -- <name>`.
 * Each runs over three seeds and prints mean ± std per setting.
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset, setDataSource, type StsPair } from '../notebooks/data.ts';
import { runSts, trainStsEncoder, type StsObjective } from '../notebooks/sts.ts';
import { matchDataset, matchPairs } from '../notebooks/overlap.ts';
import { CrossEncoder } from '../notebooks/rerank.ts';
import { train } from '../notebooks/train.ts';
import { embedAll } from '../notebooks/encoders.ts';
import { pairCosine } from '../notebooks/losses.ts';
import { accuracy, bestThreshold, pearson, spearman } from '../notebooks/metrics.ts';
import { defaultFeatureOptions } from '../notebooks/text.ts';
import { runRocketQa } from '../notebooks/rocketqa.ts';
import { runRocketQaV2 } from '../notebooks/rocketqav2.ts';
import { gdrSlice, nestedCorpora, runGdr } from '../notebooks/gdr.ts';
import { newModelKinds, runBct } from '../notebooks/bct.ts';
import { runWhiteningGrid } from '../notebooks/isotropy.ts';
import { centredCosine, glossCorpus, runNgramComparison, separation, wordPairs } from '../notebooks/ngram2vec.ts';
import { trainSgns, wordSimilarity } from '../notebooks/sgns.ts';
import { wordOverlap } from '../notebooks/overlap.ts';
import { hashedSparseRow, sparseCosine } from '../notebooks/sparselinear.ts';
import { Rng } from '../notebooks/rng.ts';
import { runRetroMaeCurve } from '../notebooks/retromae.ts';
import { runPoolingGrid } from '../notebooks/sgpt.ts';
import { runInstructor, testPool } from '../notebooks/instructor.ts';
import { sliceRetrieval } from '../notebooks/toyqa.ts';
import { nodeDataSource } from '../src/data/node-source.ts';
import { useBackend } from '../src/cells/build/node-tfjs.ts';
import { formatSpread, overSeeds as runOverSeeds, spread, summariseOverSeeds } from '../notebooks/seeds.ts';

const seeds = [1, 2, 3];

/** The bag encoder at the size the notes train in a page: every run of an experiment fits the three-minute budget on two cores. */
const smallBag = { featureDim: 4096, hidden: 64, dim: 64 };

type Row = Record<string, string | number>;

/** Prints mean ± std of every numeric column over seeds, one line per setting. */
function printSummary(title: string, runs: Row[][], keys: string[]): void {
  const summary = summariseOverSeeds(runs, keys);
  // Settings may lack a column (a re-ranker has no recall@50): the header is the union, a missing value prints as –.
  const metrics = [...new Set(summary.flatMap((s) => Object.keys(s.metrics)))];
  const table = summary.map(({ key, metrics: m }) => [key, ...metrics.map((name) => (m[name] ? formatSpread(m[name], Math.abs(m[name].mean) >= 10 ? 1 : 4) : '–'))]);
  const header = [keys.join(' | '), ...metrics];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${title} (mean ± std over seeds ${seeds.join(', ')})`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table) console.log(line(r));
}

function overSeeds<T>(run: (seed: number) => Promise<T>): Promise<T[]> {
  return runOverSeeds(seeds, async (seed) => {
    const started = performance.now();
    const result = await run(seed);
    console.error(`  seed ${seed}: ${((performance.now() - started) / 1000).toFixed(1)} s, ${tf.memory().numTensors} tensors alive`);
    return result;
  });
}

const experiments: Record<string, () => Promise<void>> = {
  async cosent() {
    // The CoSENT (1) page's design and default sizes: binary labels with hard negatives beside the graded task, λ fixed at 20 and 5.
    const sts = await loadDataset('wn-sts');
    const settings = [
      { setting: 'binary, hard negatives', data: matchDataset(sts, { matchCut: 0.8, negatives: 'most' }), softmaxClasses: 2 },
      { setting: 'graded (Wu–Palmer)', data: sts, softmaxClasses: 3 },
    ];
    const objectives: { objective: string; kind: StsObjective; lambda: number }[] = [
      { objective: 'CoSENT λ=20', kind: 'cosent', lambda: 20 },
      { objective: 'CoSENT λ=5', kind: 'cosent', lambda: 5 },
      { objective: 'cosine-MSE', kind: 'cosine-mse', lambda: 0 },
      { objective: 'softmax', kind: 'softmax', lambda: 0 },
    ];
    const runs = await overSeeds(async (seed) => {
      const rows: Row[] = [];
      for (const s of settings) {
        for (const o of objectives) {
          const r = await runSts(s.data, {
            objective: o.kind, lambda: o.lambda, softmaxClasses: s.softmaxClasses, maxTrain: 1280, epochs: 5, batchSize: 32, learningRate: 2e-3, bag: smallBag, seed, patience: 5,
          });
          rows.push({ setting: s.setting, objective: o.objective, 'test Spearman': r.testSpearman, 'dev Spearman': r.devSpearman, 'dev after epoch 1': r.devCurve[0] });
        }
      }
      return rows;
    });
    printSummary('CoSENT vs Sentence-BERT objectives on wn-sts, binary with hard negatives and graded', runs, ['setting', 'objective']);
  },

  async cosent2() {
    // The CoSENT (2) page's design and default sizes: both models trained on matches with both kinds of non-matches,
    // thresholds searched on each split's dev pairs and applied to its test pairs.
    const sts = await loadDataset('wn-sts');
    const match = { matchCut: 0.8 };
    const trainPairs = matchPairs(sts.train, { ...match, negatives: 'both' }).slice(0, 1920);
    const devPairs = matchPairs(sts.dev, { ...match, negatives: 'both' });
    const splits = [
      { split: 'adversarial (high overlap)', data: matchDataset(sts, { ...match, negatives: 'most' }) },
      { split: 'low overlap', data: matchDataset(sts, { ...match, negatives: 'least' }) },
    ];
    const evaluate = (model: string, score: (pairs: StsPair[]) => number[]): Row[] => splits.map(({ split, data }) => {
      const test = score(data.test);
      const testLabels = data.test.map((p) => p.score);
      const { threshold } = bestThreshold(score(data.dev), data.dev.map((p) => p.score));
      return { split, model, 'test accuracy': accuracy(test.map((x) => (x > threshold ? 1 : 0)), testLabels), 'test Spearman': spearman(test, testLabels) };
    });
    const runs = await overSeeds(async (seed) => {
      const bi = await trainStsEncoder({ ...sts, train: trainPairs, dev: devPairs }, {
        objective: 'cosent', lambda: 5, epochs: 5, batchSize: 32, learningRate: 2e-3, bag: smallBag, seed, patience: 5,
      });
      const cross = new CrossEncoder({ features: { ...defaultFeatureOptions, dim: smallBag.featureDim }, hidden: smallBag.hidden, seed });
      const crossScore = (pairs: StsPair[]) => cross.probabilities(pairs.map((p) => p.a), pairs.map((p) => p.b));
      await train({
        examples: trainPairs, variables: cross.variables, epochs: 5, batchSize: 32, learningRate: 2e-3, seed, patience: 5,
        loss: (batch) => tf.losses.sigmoidCrossEntropy(tf.tensor1d(batch.map((p) => p.score)), cross.score(batch.map((p) => p.a), batch.map((p) => p.b))) as tf.Scalar,
        evaluate: () => spearman(crossScore(devPairs), devPairs.map((p) => p.score)),
      });
      const biScore = (pairs: StsPair[]) => {
        const cos = tf.tidy(() => pairCosine(embedAll(bi.encoder, pairs.map((p) => p.a)), embedAll(bi.encoder, pairs.map((p) => p.b))));
        const values = Array.from(cos.dataSync());
        cos.dispose();
        return values;
      };
      try {
        return [...evaluate('bi-encoder', biScore), ...evaluate('cross-encoder', crossScore)];
      } finally {
        bi.encoder.dispose();
        cross.dispose();
      }
    });
    printSummary('Bi-encoder (CoSENT λ=5) vs cross-encoder on adversarial and low-overlap splits of wn-sts', runs, ['split', 'model']);
  },

  async rocketqa() {
    // The note's slice and defaults: half the training queries labelled, half the unlabelled pool of step 4; the seed changes the models, the samples and the batch order.
    const data = sliceRetrieval(await loadDataset('wn-retrieval'), { train: 2000, test: 300, distractors: 1000, seed: 1 });
    const split = { labelled: data.train.slice(0, 1000), unlabelled: data.train.slice(1000) };
    const results = await overSeeds((seed) => runRocketQa(data, split, { seed }));
    printSummary(`RocketQA on a wn-retrieval slice (${data.test.length} test queries, ${data.docs.length} glosses)`, results.map((r) => r.rows.map(({ setting, negatives, mrr10, recall1, recall50, seconds }) => ({ setting, negatives, 'MRR@10': mrr10, 'R@1': recall1, 'R@50': recall50, seconds }))), ['setting', 'negatives']);
    printSummary('Cross-encoder re-ranking the cross-batch retriever\'s top candidates (test MRR@10)', results.map((r) => [
      { ranking: 'retriever order', 'MRR@10': spread(r.rerank.retriever).mean }, { ranking: 'cross-encoder order', 'MRR@10': spread(r.rerank.crossEncoder).mean },
    ]), ['ranking']);
    console.log(results.map((r, k) => `seed ${seeds[k]}: ${(100 * r.flaggedShare).toFixed(1)}% of mined negatives flagged; ${r.augmentation.added} pseudo-labelled queries added, ${r.augmentation.correct} with the gold gloss`).join('\n'));
  },

  async rocketqav2() {
    // The note's slice and defaults; the data slice stays fixed, the seed changes the models, the lists and the batch order.
    const data = sliceRetrieval(await loadDataset('wn-retrieval'), { train: 1500, test: 300, distractors: 1000, seed: 1 });
    const results = await overSeeds((seed) => runRocketQaV2(data, { seed }));
    printSummary(`RocketQAv2 on a wn-retrieval slice (${data.test.length} test queries, ${results[0].updates} list-training updates per run)`, results.map((r) => r.rows.map(({ setting, mrr10, recall50 }) => ({ setting, 'MRR@10': mrr10, ...(recall50 === undefined ? {} : { 'R@50': recall50 }) }))), ['setting']);
    const last = (r: (typeof results)[number], run: string) => r.kl.filter((p) => p.run === run).at(-1)!.kl;
    const first = (r: (typeof results)[number], run: string) => r.kl.find((p) => p.run === run)!.kl;
    printSummary('KL(warm-up re-ranker ‖ retriever) on the test lists', results.map((r) => ['alone', 'joint'].map((run) => ({ run, 'KL at start': first(r, run), 'KL at end': last(r, run) }))), ['run']);
  },

  async gdr() {
    // The note's slice and nested corpora; the seed changes the encoders, the clusters, the memories and the batch order.
    const data = sliceRetrieval(await loadDataset('wn-retrieval'), gdrSlice);
    const corpora = nestedCorpora(data, [0, 0.5, 1], 1);
    const runs = await overSeeds(async (seed) => (await runGdr(data, corpora, { seed }))
      .map(({ corpus, method, recall1, recall10, recall100, clusterHit, confusion, msPerQuery }) => ({
        corpus, method, 'R@1': recall1, 'R@10': recall10, 'R@100': recall100, ...(clusterHit === undefined ? {} : { 'gold cluster in beam': clusterHit, 'memory confusion': confusion! }), 'ms/query': msPerQuery,
      })));
    printSummary('Dense, generative and GDR retrieval on a wn-retrieval slice, growing corpus', runs, ['corpus', 'method']);
  },

  async bct() {
    const data = await loadDataset('wn-lexname');
    const verdicts: string[] = [];
    const runs = await overSeeds(async (seed) => {
      const r = await runBct(data, { seed });
      verdicts.push(`seed ${seed}: the criterion (new query / old gallery beats old / old) is ${newModelKinds.map((kind) => `${r.compatible[kind] ? 'met' : 'not met'} by ${kind}`).join(', ')}`);
      return r.rows.map(({ setting, top1, precision10 }) => ({ setting, 'top-1': top1, 'P@10': precision10 }));
    });
    printSummary('Backward-compatible training on wn-lexname (query → gallery by class)', runs, ['setting']);
    console.log(verdicts.join('\n'));
  },

  async retromae() {
    // The note's slice, sizes and seeds: MRR@10 by number of labelled queries, with and without RetroMAE pre-training.
    const data = sliceRetrieval(await loadDataset('wn-retrieval'), { train: 800, test: 200, distractors: 200, seed: 1 });
    const runs = await overSeeds(async (seed) => (await runRetroMaeCurve(data, { seed })).points
      .map(({ init, queries, mrr10, recall10 }) => ({ start: init, 'labelled queries': queries, 'MRR@10': mrr10, 'R@10': recall10 })));
    printSummary('RetroMAE: fine-tuning size curve on a wn-retrieval slice (200 test queries)', runs, ['start', 'labelled queries']);
  },

  async sgpt() {
    // The note's slice: causal and bidirectional encoders of one size, each pooled three ways.
    const data = sliceRetrieval(await loadDataset('wn-retrieval'), { train: 800, test: 200, distractors: 200, seed: 1 });
    const runs = await overSeeds(async (seed) => (await runPoolingGrid(data, { seed }))
      .map(({ attention, pooling, mrr10, recall10, finalLoss }) => ({ attention, pooling, 'MRR@10': mrr10, 'R@10': recall10, 'final loss': finalLoss })));
    printSummary('SGPT pooling on a wn-retrieval slice (200 test queries)', runs, ['attention', 'pooling']);
  },

  async instructor() {
    // One gloss in two tasks (retrieval document, topic item), with and without instructions.
    const data = await loadDataset('wn-retrieval');
    const pool = testPool(data, data.test, 3000);
    const runs = await overSeeds(async (seed) => (await runInstructor(data, pool, { seed })).map(({ model, scores, finalLoss }) => ({
      model, 'retrieval MRR@10': scores.retrievalMrr10, 'topic top-1': scores.topicTop1, 'topic P@10': scores.topicPrecision10,
      'cos(doc, topic)': scores.sameTextCosine, 'final loss': finalLoss,
    })));
    printSummary('INSTRUCTOR: the same glosses as retrieval documents and topic items, on a pool of 3000 glosses', runs, ['model']);
  },

  async anisotropy() {
    // The anisotropy note's grid and default sizes: SGNS means and a CoSENT encoder, raw, whitened and whitened to k = 32 and 16.
    const data = await loadDataset('wn-sts');
    const runs = await overSeeds(async (seed) => (await runWhiteningGrid(data, { seed })).rows
      .map(({ encoder, transform, anisotropy, testSpearman, alignment, uniformity }) => ({ encoder, transform, anisotropy, 'test Spearman': testSpearman, 'alignment ↓': alignment, 'uniformity ↓': uniformity })));
    printSummary('Anisotropy and whitening (the note\'s grid) on wn-sts test', runs, ['encoder', 'transform']);
  },

  async ngram2vec() {
    // The ngram2vec note's comparison and default sizes: SGNS with word contexts against word + bigram contexts, synonym vs random pairs.
    const data = await loadDataset('wn-retrieval');
    const runs = await overSeeds(async (seed) => runNgramComparison(data, { seed }).rows
      .map(({ variant, separation, synonymCosine, randomCosine }) => ({ variant, 'P(synonym > random)': separation, 'mean cosine, synonyms': synonymCosine, 'mean cosine, random': randomCosine })));
    printSummary('ngram2vec: word against word + bigram contexts, centred cosine of WordNet synonym and random pairs', runs, ['variant']);
  },

  async sgns() {
    // The SGNS note's arms and config: the vectors before training (zero epochs, the chance control), then the trained ones in raw and centred cosine.
    const data = await loadDataset('wn-retrieval');
    const corpus = glossCorpus(data);
    const config = { dim: 32, window: 3, negatives: 5, subsample: 1e-3, minCount: 3, epochs: 5, learningRate: 0.05, contextNgram: 1 };
    const runs = await overSeeds(async (seed) => {
      const model = trainSgns(corpus, { ...config, seed });
      const initial = trainSgns(corpus, { ...config, seed, epochs: 0 });
      const pairs = wordPairs(data, model.index, 2013);
      const arms: [string, (a: string, b: string) => number][] = [
        ['before training', (a, b) => wordSimilarity(initial, a, b)],
        ['SGNS, raw cosine', (a, b) => wordSimilarity(model, a, b)],
        ['SGNS, mean removed', centredCosine(model)],
      ];
      return arms.map(([arm, cosine]) => {
        const synonym = pairs.synonyms.map(([a, b]) => cosine(a, b));
        const random = pairs.random.map(([a, b]) => cosine(a, b));
        return { arm, 'P(synonym > random)': separation(synonym, random), 'mean cosine, synonyms': spread(synonym).mean, 'mean cosine, random': spread(random).mean };
      });
    });
    printSummary('SGNS: WordNet synonym against random word pairs', runs, ['arm']);
  },

  async spearman() {
    // The Spearman note's STS check: two untrained scorers on half the wn-sts test pairs per seed, as computed, reshaped, and with 1% of the sample set to 1.
    const pairs = (await loadDataset('wn-sts')).test;
    const grades = pairs.map((p) => p.score);
    const scorers: Record<string, number[]> = {
      'word overlap': pairs.map((p) => wordOverlap(p.a, p.b)),
      'n-gram cosine': pairs.map((p) => sparseCosine(hashedSparseRow(p.a, defaultFeatureOptions), hashedSparseRow(p.b, defaultFeatureOptions))),
    };
    const variants: [string, (values: number[], outliers: Set<number>) => number[]][] = [
      ['as computed', (values) => values],
      ['x^¼', (values) => values.map((x) => x ** 0.25)],
      ['x⁴', (values) => values.map((x) => x ** 4)],
      ['1% set to 1', (values, outliers) => values.map((x, i) => (outliers.has(i) ? 1 : x))],
    ];
    const runs = await overSeeds(async (seed) => {
      const rng = new Rng(seed);
      const sample = rng.sample(pairs.length, Math.round(pairs.length * 0.5));
      const outliers = new Set(rng.sample(sample.length, Math.round(sample.length * 0.01)));
      const sampleGrades = sample.map((i) => grades[i]);
      return Object.entries(scorers).flatMap(([scorer, all]) => variants.map(([scores, change]) => {
        const values = change(sample.map((i) => all[i]), outliers);
        return { scorer, scores, Pearson: pearson(sampleGrades, values), Spearman: spearman(sampleGrades, values) };
      }));
    });
    printSummary(`Pearson and Spearman of two scorers against wn-sts test grades (${Math.round(pairs.length * 0.5)} pairs per seed)`, runs, ['scorer', 'scores']);
  },

};

const name = process.argv[2];
if (!name || !(name in experiments)) {
  console.error(`usage: npm run experiment -- <${Object.keys(experiments).join('|')}> [cpu|wasm]`);
  process.exit(2);
}
const backend = await useBackend(process.argv[3] === 'cpu' ? 'cpu' : 'wasm');
setDataSource(nodeDataSource());
const started = performance.now();
console.error(`${name} on the ${backend} backend`);
await experiments[name]();
console.log(`\n${name}: ${((performance.now() - started) / 1000).toFixed(0)} s in all, backend ${backend}`);
