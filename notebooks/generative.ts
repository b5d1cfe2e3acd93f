/**
 * A purely generative retriever's memory at toy scale: it decodes a document's
 * NCI-style identifier (its path in a hierarchical k-means tree) token by token
 * from a query embedding, and a beam search constrained to identifiers that
 * exist turns the decoder into a ranked list of documents. Its width is chosen
 * for a parameter budget, so it can be compared with a cluster memory of the
 * same size.
 */
import * as tf from '@tensorflow/tfjs';
import { oneHotRows } from './losses.ts';
import { Rng, glorotVariable, zerosVariable } from './random.ts';
import { train } from './train.ts';

/** A node of the identifier trie; a leaf holds the document its path names. */
export interface TrieNode {
  children: Map<number, TrieNode>;
  doc?: number;
}

/** The trie of identifiers; paths must be prefix-free (no identifier starts another), as hierarchical k-means gives. */
export function identifierTrie(paths: number[][]): TrieNode {
  const root: TrieNode = { children: new Map() };
  paths.forEach((path, doc) => {
    if (path.length === 0) throw new RangeError(`document ${doc} has an empty identifier`);
    let node = root;
    for (const token of path) {
      if (node.doc !== undefined) throw new RangeError(`an identifier is a prefix of document ${doc}'s`);
      let child = node.children.get(token);
      if (!child) node.children.set(token, (child = { children: new Map() }));
      node = child;
    }
    if (node.doc !== undefined || node.children.size > 0) throw new RangeError(`document ${doc}'s identifier is not unique or is a prefix of another`);
    node.doc = doc;
  });
  return root;
}

/** Parameters of the decoder for a given width: input layer, one position vector and one token table per step, output head. */
export function decoderParameters(inputDim: number, hidden: number, vocabulary: number, depth: number): number {
  return inputDim * hidden + hidden + depth * hidden + depth * vocabulary * hidden + hidden * vocabulary + vocabulary;
}

/** The widest decoder whose parameter count does not exceed `budget`. */
export function hiddenForBudget(budget: number, inputDim: number, vocabulary: number, depth: number): number {
  const hidden = Math.floor((budget - vocabulary) / (inputDim + 1 + depth + depth * vocabulary + vocabulary));
  if (hidden < 1) throw new RangeError(`a budget of ${budget} parameters leaves no width for a decoder of depth ${depth}`);
  return hidden;
}

export interface Decoded {
  /** Documents in the final beam, best first. */
  docs: number[];
  logProbs: number[];
  /** First tokens of every identifier in the final beam. */
  firstTokens: Set<number>;
}

/**
 * Step t reads h_t = relu(h₀ + p_t + Σ_{s<t} E_s[token_s]), h₀ = relu(W₁x + b₁),
 * and predicts token t with one output head shared by all steps.
 */
export class IdentifierDecoder {
  readonly variables: tf.Variable[];
  readonly parameters: number;
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly positions: tf.Variable[];
  private readonly tokens: tf.Variable[];
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;

  readonly hidden: number;
  readonly vocabulary: number;
  readonly depth: number;

  constructor(inputDim: number, hidden: number, vocabulary: number, depth: number, seed: number) {
    this.hidden = hidden;
    this.vocabulary = vocabulary;
    this.depth = depth;
    const rng = new Rng(seed);
    this.w1 = glorotVariable([inputDim, hidden], rng.seed());
    this.b1 = zerosVariable([hidden]);
    this.positions = Array.from({ length: depth }, () => zerosVariable([hidden]));
    this.tokens = Array.from({ length: depth }, () => glorotVariable([vocabulary, hidden], rng.seed()));
    this.w2 = glorotVariable([hidden, vocabulary], rng.seed());
    this.b2 = zerosVariable([vocabulary]);
    this.variables = [this.w1, this.b1, ...this.positions, ...this.tokens, this.w2, this.b2];
    this.parameters = decoderParameters(inputDim, hidden, vocabulary, depth);
  }

  /** Mean cross-entropy of the identifier tokens under teacher forcing; steps past an identifier's end are masked. */
  loss(inputs: tf.Tensor2D, paths: number[][]): tf.Scalar {
    return tf.tidy(() => {
      let acc = tf.relu(tf.add(tf.matMul(inputs, this.w1), this.b1)) as tf.Tensor2D;
      let total: tf.Tensor = tf.scalar(0);
      let count = 0;
      for (let t = 0; t < this.depth; t++) {
        const mask: number[] = paths.map((p) => (t < p.length ? 1 : 0));
        // A step no identifier of the batch reaches still enters the graph, masked to zero: tfjs's Adam keeps
        // its moments by position in the gradient list, so every step must give a gradient to the same variables.
        const used = mask.reduce((a, b) => a + b, 0);
        // Token ids must index a row even where the step is masked: 0 stands in there.
        const step = oneHotRows(tf.tensor1d(paths.map((p) => (t < p.length ? p[t] : 0)), 'int32'), this.vocabulary);
        const logits = tf.add(tf.matMul(tf.relu(tf.add(acc, this.positions[t])), this.w2), this.b2);
        const nll = tf.neg(tf.sum(tf.mul(step, tf.logSoftmax(logits)), 1));
        total = tf.add(total, tf.sum(tf.mul(nll, tf.tensor1d(mask))));
        count += used;
        acc = tf.add(acc, tf.matMul(step, this.tokens[t])) as tf.Tensor2D;
      }
      return tf.div(total, count) as tf.Scalar;
    });
  }

  /**
   * Beam search over the trie: every step extends each unfinished identifier by
   * its existing children only, and the `beam` most probable prefixes or
   * finished identifiers survive. Hand-written because tfjs has no beam search,
   * let alone one constrained to a set of identifiers; the arithmetic per step
   * is a few small dot products, done on plain arrays.
   */
  decode(inputs: tf.Tensor2D, trie: TrieNode, beam: number): Decoded[] {
    const h0 = tf.tidy(() => tf.relu(tf.add(tf.matMul(inputs, this.w1), this.b1)).arraySync() as number[][]);
    const positions = this.positions.map((p) => p.arraySync() as number[]);
    const tokens = this.tokens.map((e) => e.arraySync() as number[][]);
    const w2 = this.w2.arraySync() as number[][];
    const b2 = this.b2.arraySync() as number[];
    const H = this.hidden;
    const V = this.vocabulary;
    interface Hypothesis { node: TrieNode; acc: number[]; logp: number; first: number; t: number }
    const logits = new Float64Array(V);
    const h = new Float64Array(H);
    return h0.map((start) => {
      let beams: Hypothesis[] = [{ node: trie, acc: start, logp: 0, first: -1, t: 0 }];
      while (beams.some((b) => b.node.doc === undefined)) {
        const next: Hypothesis[] = [];
        for (const b of beams) {
          if (b.node.doc !== undefined) {
            next.push(b);
            continue;
          }
          for (let j = 0; j < H; j++) h[j] = Math.max(0, b.acc[j] + positions[b.t][j]);
          let max = -Infinity;
          for (let v = 0; v < V; v++) {
            let s = b2[v];
            for (let j = 0; j < H; j++) s += h[j] * w2[j][v];
            logits[v] = s;
            if (s > max) max = s;
          }
          let z = 0;
          for (let v = 0; v < V; v++) z += Math.exp(logits[v] - max);
          const logZ = max + Math.log(z);
          for (const [token, child] of b.node.children) {
            const row = tokens[b.t][token];
            next.push({ node: child, acc: b.acc.map((a, j) => a + row[j]), logp: b.logp + logits[token] - logZ, first: b.t === 0 ? token : b.first, t: b.t + 1 });
          }
        }
        next.sort((a, b) => b.logp - a.logp);
        beams = next.slice(0, beam);
      }
      return { docs: beams.map((b) => b.node.doc!), logProbs: beams.map((b) => b.logp), firstTokens: new Set(beams.map((b) => b.first)) };
    });
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** Trains a decoder to emit `paths[targets[i]]` for input row i (Adam, full passes in shuffled batches). */
export async function trainDecoder(
  decoder: IdentifierDecoder, inputs: tf.Tensor2D, targets: number[][],
  options: { epochs: number; batchSize: number; learningRate: number; seed: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  const rows = Array.from({ length: inputs.shape[0] }, (_, i) => i);
  await train({
    examples: rows, variables: decoder.variables, epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate, seed: options.seed,
    keepPartialBatch: true, onProgress: options.onProgress,
    loss: (batch) => decoder.loss(tf.gather(inputs, batch) as tf.Tensor2D, batch.map((i) => targets[i])),
  });
}
