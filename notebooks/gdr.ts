/**
 * Generative Dense Retrieval at toy scale, one seed per call, on nested
 * corpora of growing size. Three retrievers meet the same test queries: dense
 * retrieval (no memory, the reference); a purely generative retriever whose
 * memory decodes every gloss's own identifier; and GDR, whose memory of the
 * same size only picks clusters, dense retrieval ranking the glosses inside.
 *
 * GDR's cluster-identifier decoder is a softmax classifier over a fixed number
 * of flat k-means clusters: it plays the same memory role (its weights store
 * the corpus' cluster layout) without autoregressive decoding, and its size
 * does not grow with the corpus, the paper's memory-friendly rule.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import { docText, embedDocs, embedQueries, queryText, trainDualEncoder, type DualEncoder } from './dense.ts';
import { embedAll } from './encoders.ts';
import { IdentifierDecoder, hiddenForBudget, identifierTrie, trainDecoder } from './generative.ts';
import { crossEntropy, gdrNegativeLoss, l2Normalize } from './losses.ts';
import { recallAtK } from './metrics.ts';
import { Rng, glorotVariable, zerosVariable } from './random.ts';
import { gdrSearch, hierarchicalKMeans, kMeans, topK } from './retrieval.ts';
import { createSmallDualEncoder, type SmallEncoderOptions } from './toyqa.ts';
import { train } from './train.ts';

/** The note's slice of wn-retrieval, shared with `npm run experiment -- gdr`. */
export const gdrSlice = { train: 800, test: 200, distractors: 3000, seed: 1 };

export interface GdrConfig {
  /** A fixed number of flat k-means clusters: GDR's memory does not grow with the corpus. */
  clusters: number;
  /** The generative baseline's identifiers: hierarchical k-means with this many children per node and leaves of at most as many glosses. */
  branching: number;
  /** Clusters GDR keeps per query. */
  beam: number;
  /** Identifiers the generative baseline keeps in its beam (its ranking is the final beam, so this bounds its recall depth). */
  generativeBeam: number;
  /** Weight of the cluster score in S(q, d) = tanh(q·d) + α softmax_c(beam score). */
  alpha: number;
  /** The dense retriever's training. */
  epochs: number;
  batch: number;
  learningRate: number;
  scale: number;
  /** Negatives from the positive's own cluster per query, their weight r and the temperature τ. */
  intraNegatives: number;
  intraWeight: number;
  tau: number;
  /** Both memories: epochs, batch, learning rate; GDR's memory has `memoryHidden` hidden units, which sets the shared parameter budget. */
  memoryEpochs: number;
  memoryBatch: number;
  memoryLearningRate: number;
  memoryHidden: number;
  /** Indexed glosses per corpus on which memory confusion is measured. */
  confusionSample: number;
  /**
   * The dense encoder, shared towers: test queries are about synsets never seen
   * in training, and separate from-scratch towers cannot learn that a query word
   * matches the same word in a gloss (they score near chance).
   */
  encoder: SmallEncoderOptions;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultGdrConfig: GdrConfig = {
  clusters: 32, branching: 32, beam: 8, generativeBeam: 100, alpha: 0.2, epochs: 4, batch: 64, learningRate: 1e-2, scale: 20,
  intraNegatives: 4, intraWeight: 1, tau: 0.05, memoryEpochs: 4, memoryBatch: 256, memoryLearningRate: 1e-2, memoryHidden: 256, confusionSample: 300,
  encoder: { buckets: 4096, hidden: 64, dim: 64 }, seed: 1,
};

export type GdrMethod = 'dense' | 'dense, GDR encoder' | 'generative' | 'GDR';

export interface GdrRow {
  corpus: number;
  /** 'dense, GDR encoder' searches exhaustively with GDR's tuned encoder, separating its extra epoch from the cluster search. */
  method: GdrMethod;
  recall1: number;
  recall10: number;
  recall100: number;
  /** Share of test queries whose gold cluster survives the beam (memories only). */
  clusterHit?: number;
  /** Share of sampled indexed glosses whose own identifier (generative) or own cluster (GDR) the memory does not rank first. */
  confusion?: number;
  /** Parameters of the memory (memories only). */
  parameters?: number;
  /** Glosses the dense stage scores per query (the whole corpus for exhaustive search). */
  scored: number;
  /** Search time per query, query encoding excluded; a memory's forward pass and decoding included. */
  msPerQuery: number;
}

/**
 * Nested corpora of the slice: the core (every labelled gloss and every sense
 * of a query word, the natural hard negatives), then the core plus a growing
 * prefix of the other glosses, shuffled once, so each corpus holds the last.
 */
export function nestedCorpora(data: RetrievalDataset, shares: number[], seed: number): number[][] {
  const queries = [...data.train, ...data.test];
  const words = new Set(queries.map((q) => q.word.toLowerCase()));
  const labelled = new Set(queries.map((q) => q.positive));
  const inCore = (i: number) => labelled.has(i) || data.docs[i].lemmas.some((l) => words.has(l.toLowerCase().replaceAll('_', ' ')));
  const core = data.docs.map((_, i) => i).filter(inCore);
  const filler = new Rng(seed).shuffle(data.docs.map((_, i) => i).filter((i) => !inCore(i)));
  return shares.map((share) => [...core, ...filler.slice(0, Math.round(share * filler.length))]);
}

/** Flat k-means cluster of every row of normalised embeddings. */
function clusterFlat(embeddings: tf.Tensor2D, clusters: number, seed: number): Int32Array {
  const { centroids, assignments } = kMeans(embeddings, clusters, { seed });
  centroids.dispose();
  return assignments;
}

function membersOf(clusterOf: Int32Array): Map<number, number[]> {
  const members = new Map<number, number[]>();
  clusterOf.forEach((cl, d) => {
    const list = members.get(cl);
    if (list) list.push(d);
    else members.set(cl, [d]);
  });
  return members;
}

/** GDR's intra-cluster encoder: a copy of the trained dense retriever, tuned for one epoch with cluster-adaptive negatives. */
async function trainIntraClusterModel(data: RetrievalDataset, dense: DualEncoder, clusterOf: Int32Array, c: GdrConfig): Promise<DualEncoder> {
  const model = createSmallDualEncoder(c.seed, { ...c.encoder, shared: true });
  model.query.variables.forEach((v, i) => v.assign(dense.query.variables[i]));
  const members = membersOf(clusterOf);
  const rng = new Rng(c.seed + 3);
  const examples = data.train.map((q) => {
    const pool = (members.get(clusterOf[q.positive]) ?? []).filter((d) => d !== q.positive);
    const negatives = rng.sample(pool.length, Math.min(c.intraNegatives, pool.length)).map((j) => pool[j]);
    while (negatives.length < c.intraNegatives) negatives.push(rng.int(data.docs.length));
    return { q, negatives };
  });
  await train({
    examples, variables: model.query.variables, epochs: 1, batchSize: c.batch, learningRate: c.learningRate, seed: c.seed,
    onProgress: (d, t) => c.onProgress?.('cluster-adaptive negatives', d, t),
    loss: (batch) => {
      const q = l2Normalize(model.query.encode(batch.map((e) => queryText(e.q))));
      const p = l2Normalize(model.passage.encode(batch.map((e) => docText(data.docs[e.q.positive]))));
      const intra = l2Normalize(model.passage.encode(batch.flatMap((e) => e.negatives.map((d) => docText(data.docs[d]))))).reshape([batch.length, c.intraNegatives, -1]);
      return gdrNegativeLoss(q, p, intra as tf.Tensor3D, c.intraWeight, c.tau);
    },
  });
  return model;
}

/** GDR's memory: an MLP from the (frozen) query embedding to one of the corpus' clusters. */
async function trainClusterMemory(inputs: tf.Tensor2D, targets: Int32Array, c: GdrConfig, label: string) {
  const hidden = c.memoryHidden;
  const rng = new Rng(c.seed + 5);
  const w1 = glorotVariable([inputs.shape[1], hidden], rng.seed());
  const b1 = zerosVariable([hidden]);
  const w2 = glorotVariable([hidden, c.clusters], rng.seed());
  const b2 = zerosVariable([c.clusters]);
  const logits = (x: tf.Tensor2D) => tf.tidy(() => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2) as tf.Tensor2D);
  await train({
    examples: Array.from(targets.keys()), variables: [w1, b1, w2, b2], epochs: c.memoryEpochs, batchSize: c.memoryBatch, learningRate: c.memoryLearningRate, seed: c.seed,
    keepPartialBatch: true, onProgress: (d, t) => c.onProgress?.(label, d, t),
    loss: (batch) => crossEntropy(logits(tf.gather(inputs, batch) as tf.Tensor2D), tf.tensor1d(batch.map((i) => targets[i]), 'int32')),
  });
  return { logits, parameters: inputs.shape[1] * hidden + hidden + hidden * c.clusters + c.clusters, dispose: () => tf.dispose([w1, b1, w2, b2]) };
}

function recalls(rankings: number[][], positives: number[]) {
  return { recall1: recallAtK(rankings, positives, 1), recall10: recallAtK(rankings, positives, 10), recall100: recallAtK(rankings, positives, 100) };
}

/** One seed: train the encoders once, then for every corpus the three retrievers (and dense search with GDR's encoder). */
export async function runGdr(data: RetrievalDataset, corpora: number[][], config: Partial<GdrConfig> = {}): Promise<GdrRow[]> {
  const c = { ...defaultGdrConfig, ...config };
  const rows: GdrRow[] = [];

  const dense = createSmallDualEncoder(c.seed, { ...c.encoder, shared: true });
  await trainDualEncoder(dense, data, data.train.map((query) => ({ query })), {
    devices: 1, batchPerDevice: c.batch, crossBatch: false, epochs: c.epochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed,
    onProgress: (d, t) => c.onProgress?.('dense retriever', d, t),
  });
  const allDocs = embedDocs(dense, data.docs);
  const gdrEncoder = await trainIntraClusterModel(data, dense, clusterFlat(allDocs, c.clusters, c.seed), c);
  allDocs.dispose();

  for (const corpus of corpora) {
    const position = new Map(corpus.map((d, i) => [d, i]));
    const gold = data.test.map((q) => position.get(q.positive)!);
    const docs = corpus.map((d) => data.docs[d]);
    const n = corpus.length;
    for (const [method, model] of [['dense', dense], ['dense, GDR encoder', gdrEncoder]] as const) {
      const d = embedDocs(model, docs);
      const q = embedQueries(model, data.test);
      const started = performance.now();
      const ranking = topK(q, d, 100, { metric: 'dot' }).indices;
      const ms = (performance.now() - started) / data.test.length;
      tf.dispose([d, q]);
      rows.push({ corpus: n, method, ...recalls(ranking, gold), scored: n, msPerQuery: ms });
    }

    // Both memories learn this corpus from the same examples: every gloss as a pseudo-query, and the training queries whose gloss is in it.
    const trainInCorpus: RetrievalQuery[] = data.train.filter((q) => position.has(q.positive));
    const inputs = tf.tidy(() => l2Normalize(embedAll(gdrEncoder.query, [...docs.map(docText), ...trainInCorpus.map(queryText)])));
    const targetOf = [...corpus.keys(), ...trainInCorpus.map((q) => position.get(q.positive)!)];
    const sample = new Rng(c.seed + n).sample(n, Math.min(c.confusionSample, n));
    const sampleInputs = tf.gather(inputs, sample) as tf.Tensor2D;
    const queries = embedQueries(gdrEncoder, data.test);
    const gDocs = embedDocs(gdrEncoder, docs);

    // GDR: a fixed number of clusters, memorised, then dense search inside the beam's clusters.
    const ids = clusterFlat(gDocs, c.clusters, c.seed + n);
    const memory = await trainClusterMemory(inputs, Int32Array.from(targetOf, (d) => ids[d]), c, `GDR memory, ${n} glosses`);
    let started = performance.now();
    const clusterScores = memory.logits(queries);
    const ranking = gdrSearch(queries, gDocs, ids, clusterScores, { beam: c.beam, alpha: c.alpha, k: 100 }).indices;
    let ms = (performance.now() - started) / data.test.length;
    const beams = tf.tidy(() => tf.topk(clusterScores, c.beam).indices.arraySync() as number[][]);
    const ownCluster = tf.tidy(() => tf.argMax(memory.logits(sampleInputs), 1).arraySync() as number[]);
    clusterScores.dispose();
    const size = Array.from({ length: c.clusters }, () => 0);
    ids.forEach((cl) => size[cl]++);
    rows.push({
      corpus: n, method: 'GDR', ...recalls(ranking, gold),
      clusterHit: gold.filter((g, i) => beams[i].includes(ids[g])).length / gold.length,
      confusion: sample.filter((d, i) => ownCluster[i] !== ids[d]).length / sample.length,
      parameters: memory.parameters, scored: beams.reduce((sum, b) => sum + b.reduce((m, cl) => m + size[cl], 0), 0) / beams.length, msPerQuery: ms,
    });
    memory.dispose();

    // Generative: the same budget spent on decoding every gloss's own identifier.
    const paths = hierarchicalKMeans(gDocs, { branching: c.branching, leafSize: c.branching, seed: c.seed + n });
    const depth = Math.max(...paths.map((p) => p.length));
    const decoder = new IdentifierDecoder(inputs.shape[1], hiddenForBudget(memory.parameters, inputs.shape[1], c.branching, depth), c.branching, depth, c.seed + 7);
    await trainDecoder(decoder, inputs, targetOf.map((d) => paths[d]), {
      epochs: c.memoryEpochs, batchSize: c.memoryBatch, learningRate: c.memoryLearningRate, seed: c.seed, onProgress: (d, t) => c.onProgress?.(`generative memory, ${n} glosses`, d, t),
    });
    const trie = identifierTrie(paths);
    started = performance.now();
    const decoded = decoder.decode(queries, trie, c.generativeBeam);
    ms = (performance.now() - started) / data.test.length;
    const own = decoder.decode(sampleInputs, trie, 1);
    rows.push({
      corpus: n, method: 'generative', ...recalls(decoded.map((r) => r.docs), gold),
      clusterHit: gold.filter((g, i) => decoded[i].firstTokens.has(paths[g][0])).length / gold.length,
      confusion: sample.filter((d, i) => own[i].docs[0] !== d).length / sample.length,
      parameters: decoder.parameters, scored: 0, msPerQuery: ms,
    });
    decoder.dispose();
    tf.dispose([inputs, sampleInputs, queries, gDocs]);
  }
  dense.dispose();
  gdrEncoder.dispose();
  return rows;
}
