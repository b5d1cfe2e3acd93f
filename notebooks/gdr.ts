/**
 * Generative Dense Retrieval at toy scale: a cluster model memorises which
 * cluster every gloss of the corpus lives in (the "memory" stage), then dense
 * retrieval ranks the glosses inside the best clusters. Compared with plain
 * dense retrieval over the whole corpus at growing corpus sizes.
 *
 * The paper's cluster-identifier decoder is replaced by a softmax classifier
 * over the leaf clusters of a hierarchical k-means: it plays the same memory
 * role (its weights must store the corpus' cluster layout) without
 * autoregressive decoding.
 */
import * as tf from '@tensorflow/tfjs';
import type { RetrievalDataset, RetrievalQuery } from './data.ts';
import { docText, embedDocs, embedQueries, queryText, trainDualEncoder, type DualEncoder } from './dense.ts';
import { embedAll } from './encoders.ts';
import { crossEntropy, gdrNegativeLoss, l2Normalize } from './losses.ts';
import { recallAtK } from './metrics.ts';
import { Rng, glorotVariable, zerosVariable } from './random.ts';
import { clusterIdsFromPaths, gdrSearch, hierarchicalKMeans, kMeans, topK } from './retrieval.ts';
import { createSmallDualEncoder, type SmallEncoderOptions } from './toyqa.ts';
import { train } from './train.ts';

export interface GdrConfig {
  /** Corpus sizes (glosses) to compare at; each corpus holds every test positive plus random other glosses. */
  corpusSizes: number[];
  /**
   * A fixed number of flat k-means clusters (the paper's memory-friendly rule:
   * the memory's size does not grow with the corpus). When undefined, NCI-style
   * hierarchical k-means as in the official code (`branching`, `leafSize`), whose
   * clusters grow in number with the corpus and hold only a few glosses each.
   */
  clusters?: number;
  branching: number;
  leafSize: number;
  /** Clusters kept per query. */
  beam: number;
  /** Weight of the cluster score in S(q, d) = tanh(q·d) + α softmax_c(beam score). */
  alpha: number;
  epochs: number;
  learningRate: number;
  scale: number;
  /** Negatives from the positive's own cluster per query, and their weight r in the loss. */
  intraNegatives: number;
  intraWeight: number;
  tau: number;
  clusterEpochs: number;
  /** Hidden units of the cluster model (the memory). */
  memoryHidden: number;
  /**
   * The dense encoder, shared towers by default: test queries are about synsets
   * never seen in training, and separate from-scratch towers cannot learn that a
   * query word matches the same word in a gloss (they score near chance).
   */
  encoder: SmallEncoderOptions & { shared: boolean };
  maxTrainQueries?: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export const defaultGdrConfig: GdrConfig = {
  corpusSizes: [1000, 3000, 10000], clusters: 32, branching: 30, leafSize: 30, beam: 8, alpha: 0.2, epochs: 4, learningRate: 1e-2, scale: 20,
  intraNegatives: 4, intraWeight: 1, tau: 0.05, clusterEpochs: 4, memoryHidden: 128,
  encoder: { buckets: 4096, hidden: 64, dim: 64, shared: true }, seed: 1,
};

export interface GdrRow {
  corpus: number;
  /** 'dense, GDR encoder' searches exhaustively with GDR's tuned encoder, separating its extra epoch from the cluster search. */
  method: 'dense' | 'dense, GDR encoder' | 'GDR';
  recall1: number;
  recall10: number;
  recall100: number;
  /** Search time per query, query encoding excluded. */
  msPerQuery: number;
  clusters?: number;
}

/** Cluster of every gloss, by k-means (flat or hierarchical) on the given normalised embeddings. */
function clusterCorpus(embeddings: tf.Tensor2D, c: GdrConfig, seed: number): { ids: Int32Array; count: number } {
  if (c.clusters) {
    const { centroids, assignments } = kMeans(embeddings, c.clusters, { seed });
    centroids.dispose();
    return { ids: assignments, count: c.clusters };
  }
  const { ids, names } = clusterIdsFromPaths(hierarchicalKMeans(embeddings, { branching: c.branching, leafSize: c.leafSize, seed }));
  return { ids, count: names.length };
}

/** GDR's intra-cluster encoder: a copy of the trained dense retriever, tuned for one epoch with cluster-adaptive negatives (clusters of the whole gloss set). */
async function trainIntraClusterModel(data: RetrievalDataset, queries: RetrievalQuery[], dense: DualEncoder, clusterOf: Int32Array, c: GdrConfig): Promise<DualEncoder> {
  const model = createSmallDualEncoder(c.seed, c.encoder);
  const from = [...dense.query.variables, ...dense.passage.variables];
  [...model.query.variables, ...model.passage.variables].forEach((v, i) => v.assign(from[i]));
  const members = new Map<number, number[]>();
  clusterOf.forEach((cl, d) => {
    const list = members.get(cl);
    if (list) list.push(d);
    else members.set(cl, [d]);
  });
  const rng = new Rng(c.seed + 3);
  const examples = queries.map((q) => {
    const pool = (members.get(clusterOf[q.positive]) ?? []).filter((d) => d !== q.positive);
    const negatives = rng.sample(pool.length, c.intraNegatives).map((j) => pool[j]);
    while (negatives.length < c.intraNegatives) negatives.push(rng.int(data.docs.length));
    return { q, negatives };
  });
  await train({
    examples, variables: [...model.query.variables, ...model.passage.variables], epochs: 1, batchSize: 64, learningRate: c.learningRate, seed: c.seed,
    onProgress: (d, t) => c.onProgress?.('GDR cluster-adaptive negatives', d, t),
    loss: (batch) => {
      const q = l2Normalize(model.query.encode(batch.map((e) => queryText(e.q))));
      const p = l2Normalize(model.passage.encode(batch.map((e) => docText(data.docs[e.q.positive]))));
      const intra = l2Normalize(model.passage.encode(batch.flatMap((e) => e.negatives.map((d) => docText(data.docs[d]))))).reshape([batch.length, c.intraNegatives, -1]);
      return gdrNegativeLoss(q, p, intra as tf.Tensor3D, c.intraWeight, c.tau);
    },
  });
  return model;
}

/**
 * The cluster model: an MLP from the (frozen) query embedding to a cluster.
 * It learns the corpus from pseudo-queries (each gloss's own text, standing in
 * for DocT5Query) and from the training queries whose gloss is in the corpus.
 */
async function trainClusterModel(inputs: tf.Tensor2D, targets: Int32Array, clusters: number, c: GdrConfig): Promise<{ logits: (x: tf.Tensor2D) => tf.Tensor2D; dispose: () => void }> {
  const hidden = c.memoryHidden;
  const rng = new Rng(c.seed + 5);
  const w1 = glorotVariable([inputs.shape[1], hidden], rng.seed());
  const b1 = zerosVariable([hidden]);
  const w2 = glorotVariable([hidden, clusters], rng.seed());
  const b2 = zerosVariable([clusters]);
  const logits = (x: tf.Tensor2D) => tf.tidy(() => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2) as tf.Tensor2D);
  const rows = Array.from({ length: inputs.shape[0] }, (_, i) => i);
  await train({
    examples: rows, variables: [w1, b1, w2, b2], epochs: c.clusterEpochs, batchSize: 256, learningRate: 1e-2, seed: c.seed, keepPartialBatch: true,
    onProgress: (d, t) => c.onProgress?.('cluster model', d, t),
    loss: (batch) => crossEntropy(logits(tf.gather(inputs, batch) as tf.Tensor2D), tf.tensor1d(batch.map((i) => targets[i]), 'int32')),
  });
  return { logits, dispose: () => tf.dispose([w1, b1, w2, b2]) };
}

export async function runGdr(data: RetrievalDataset, config: Partial<GdrConfig> = {}): Promise<GdrRow[]> {
  const c = { ...defaultGdrConfig, ...config };
  const trainQueries = c.maxTrainQueries ? data.train.slice(0, c.maxTrainQueries) : data.train;
  const rows: GdrRow[] = [];

  // Dense baseline: in-batch negatives, searched exhaustively.
  const dense = createSmallDualEncoder(c.seed, c.encoder);
  await trainDualEncoder(dense, data, trainQueries.map((query) => ({ query })), {
    devices: 1, batchPerDevice: 64, crossBatch: false, epochs: c.epochs, learningRate: c.learningRate, scale: c.scale, seed: c.seed, onProgress: (d, t) => c.onProgress?.('dense', d, t),
  });
  const allDocs = embedDocs(dense, data.docs);
  const globalClusters = clusterCorpus(allDocs, c, c.seed);
  const gdrModel = await trainIntraClusterModel(data, trainQueries, dense, globalClusters.ids, c);
  allDocs.dispose();

  const rng = new Rng(c.seed + 9);
  const positiveSet = new Set(data.test.map((q) => q.positive));
  const testPositives = [...positiveSet];
  const others = rng.shuffle(data.docs.map((_, i) => i).filter((i) => !positiveSet.has(i)));
  for (const size of c.corpusSizes) {
    const corpus = [...testPositives, ...others].slice(0, Math.max(size, testPositives.length));
    const local = new Map(corpus.map((d, i) => [d, i]));
    const positives = data.test.map((q) => local.get(q.positive)!);
    const corpusDocs = corpus.map((d) => data.docs[d]);

    // Exhaustive search over the whole corpus, with the dense encoder and with GDR's.
    for (const [method, model] of [['dense', dense], ['dense, GDR encoder', gdrModel]] as const) {
      const dDocs = embedDocs(model, corpusDocs);
      const dQueries = embedQueries(model, data.test);
      const started = performance.now();
      const denseRank = topK(dQueries, dDocs, 100, { metric: 'dot' }).indices;
      const denseMs = (performance.now() - started) / data.test.length;
      tf.dispose([dDocs, dQueries]);
      rows.push({ corpus: corpus.length, method, ...recalls(denseRank, positives), msPerQuery: denseMs });
    }

    // GDR: cluster this corpus, memorise it, then retrieve inside the beam's clusters.
    const gDocs = embedDocs(gdrModel, corpusDocs);
    const { ids, count } = clusterCorpus(gDocs, c, c.seed + size);
    const trainInCorpus = trainQueries.filter((q) => local.has(q.positive));
    const inputs = tf.tidy(() => l2Normalize(embedAll(gdrModel.query, [...corpusDocs.map(docText), ...trainInCorpus.map(queryText)])));
    const targets = Int32Array.from([...ids, ...trainInCorpus.map((q) => ids[local.get(q.positive)!])]);
    const clusterModel = await trainClusterModel(inputs, targets, count, c);
    inputs.dispose();
    const gQueries = embedQueries(gdrModel, data.test);
    const started = performance.now();
    const scores = clusterModel.logits(gQueries);
    const gdrRank = gdrSearch(gQueries, gDocs, ids, scores, { beam: c.beam, alpha: c.alpha, k: 100 }).indices;
    const gdrMs = (performance.now() - started) / data.test.length;
    tf.dispose([scores, gQueries, gDocs]);
    clusterModel.dispose();
    rows.push({ corpus: corpus.length, method: 'GDR', ...recalls(gdrRank, positives), msPerQuery: gdrMs, clusters: count });
  }
  dense.dispose();
  gdrModel.dispose();
  return rows;
}

function recalls(rankings: number[][], positives: number[]) {
  return { recall1: recallAtK(rankings, positives, 1), recall10: recallAtK(rankings, positives, 10), recall100: recallAtK(rankings, positives, 100) };
}
