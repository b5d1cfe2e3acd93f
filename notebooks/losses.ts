/**
 * Training objectives of the papers, each written as its formula says.
 * Every function returns a scalar tensor and is meant to run inside
 * `optimizer.minimize` / `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs';

export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  // √Σx², not tf.norm: tfjs's norm goes through Pow(|x|, 2), whose gradient
  // also differentiates the exponent (a log and a where per element); on WASM
  // that was about a quarter of a bag encoder's training step. WASM's Pow and
  // Square disagree in the last bit for about one element in a thousand, so
  // results agree with tf.norm's to float32 rounding, not bit for bit.
  return tf.div(x, tf.sqrt(tf.sum(tf.square(x), 1, true)).add(1e-12)) as tf.Tensor2D;
}

/** Row-wise cosine of u and v. */
export function pairCosine(u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(l2Normalize(u), l2Normalize(v)), 1) as tf.Tensor1D;
}

/**
 * CoSENT: log(1 + Σ_{label_a < label_b} exp(λ(cos_a − cos_b))) over every ordered
 * pair of pairs in the batch — a 0 prepended to the differences, then logsumexp.
 */
export function cosentLoss(u: tf.Tensor2D, v: tf.Tensor2D, labels: tf.Tensor1D, lambda = 20): tf.Scalar {
  return tf.tidy(() => {
    const s = pairCosine(u, v).mul(lambda);
    const diff = tf.sub(s.expandDims(1), s.expandDims(0)); // [a, b] = s_a − s_b
    const ordered = tf.less(labels.expandDims(1), labels.expandDims(0)); // label_a < label_b
    const masked = tf.where(ordered, diff, tf.fill(diff.shape, -1e12));
    return tf.logSumExp(tf.concat([tf.zeros([1]), masked.flatten()])) as tf.Scalar;
  });
}

/** Sentence-BERT regression objective: mean of (cos(u, v) − score)². */
export function cosineMseLoss(u: tf.Tensor2D, v: tf.Tensor2D, scores: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(pairCosine(u, v), scores))) as tf.Scalar);
}

/** Sentence-BERT classification objective: softmax(W [u; v; |u − v|] + b), cross-entropy on class ids. */
export function sbertSoftmaxLoss(u: tf.Tensor2D, v: tf.Tensor2D, classes: tf.Tensor1D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const features = tf.concat([u, v, tf.abs(tf.sub(u, v))], 1);
    const logits = tf.add(tf.matMul(features, weight), bias);
    return crossEntropy(logits as tf.Tensor2D, classes);
  });
}

/**
 * One-hot rows [targets.length, depth] (float32) for integer targets; a
 * target outside [0, depth) gives a row of zeros. Built by comparison rather
 * than tf.oneHot, which refuses depth 1: one class, one candidate or a batch
 * of one is a legitimate input whose loss is 0.
 */
export function oneHotRows(targets: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.equal(targets.toInt().expandDims(1), tf.range(0, depth, 1, 'int32').expandDims(0)), 'float32') as tf.Tensor2D);
}

/** Mean softmax cross-entropy of integer targets (0 with a single class). */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  if (targets.shape[0] !== logits.shape[0]) throw new Error(`crossEntropy: ${targets.shape[0]} targets for ${logits.shape[0]} rows of logits`);
  if (logits.shape[0] === 0 || logits.shape[1] === 0) throw new Error(`crossEntropy of logits shaped [${logits.shape}]: no row or no class to score`);
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logProbs, oneHotRows(targets, logits.shape[1])), 1);
    return tf.neg(tf.mean(picked)) as tf.Scalar;
  });
}

/**
 * Contrastive loss −log e^{s(q,p⁺)} / Σ_p e^{s(q,p)} with dot-product scores
 * (divided by `temperature`). `passages` holds every candidate; `positives[i]`
 * is the row of query i's positive.
 */
export function contrastiveLoss(queries: tf.Tensor2D, passages: tf.Tensor2D, positives: tf.Tensor1D, temperature = 1): tf.Scalar {
  return tf.tidy(() => crossEntropy(tf.matMul(queries, passages, false, true).div(temperature) as tf.Tensor2D, positives));
}

/** InfoNCE with in-batch negatives: passage i is query i's positive, the other B − 1 are negatives. */
export function infoNceLoss(queries: tf.Tensor2D, passages: tf.Tensor2D, temperature = 1): tf.Scalar {
  return tf.tidy(() => contrastiveLoss(queries, passages, tf.range(0, queries.shape[0], 1, 'int32') as tf.Tensor1D, temperature));
}

/**
 * RocketQA's negatives on simulated devices. The batch is split into `devices`
 * shards of B. Without cross-batch sharing each query sees only its shard's B
 * passages (plus that shard's hard negatives); with it, each query is scored
 * against all A·B passages (and all shards' hard negatives), as if the devices
 * had all-gathered their passage embeddings.
 * `hardNegatives` (optional) has one row per query, in query order.
 */
export function shardedContrastiveLoss(
  queries: tf.Tensor2D, positives: tf.Tensor2D, options: { devices: number; crossBatch: boolean; hardNegatives?: tf.Tensor2D; temperature?: number },
): tf.Scalar {
  return tf.tidy(() => {
    const { devices, crossBatch, hardNegatives, temperature = 1 } = options;
    const n = queries.shape[0];
    if (crossBatch || devices === 1) {
      const all = hardNegatives ? tf.concat([positives, hardNegatives]) : positives;
      return contrastiveLoss(queries, all as tf.Tensor2D, tf.range(0, n, 1, 'int32') as tf.Tensor1D, temperature);
    }
    if (n % devices !== 0) throw new Error(`batch of ${n} does not split into ${devices} devices`);
    const shard = n / devices;
    const losses: tf.Scalar[] = [];
    for (let d = 0; d < devices; d++) {
      const slice = (t: tf.Tensor2D) => t.slice([d * shard, 0], [shard, -1]);
      const local = hardNegatives ? tf.concat([slice(positives), slice(hardNegatives)]) : slice(positives);
      losses.push(contrastiveLoss(slice(queries), local as tf.Tensor2D, tf.range(0, shard, 1, 'int32') as tf.Tensor1D, temperature));
    }
    return tf.mean(tf.stack(losses)) as tf.Scalar;
  });
}

/**
 * RocketQAv2 dynamic listwise distillation for lists of candidates (row = one
 * query's list, column `positive` is its positive): KL(s̃_ce ‖ s̃_de) summed over
 * the list, plus the re-ranker's cross-entropy on the positive, both averaged
 * over queries. The re-ranker scores are not detached, so the KL term trains it too.
 */
export function listwiseDistillationLoss(retrieverScores: tf.Tensor2D, rerankerScores: tf.Tensor2D, positive = 0): { kl: tf.Scalar; sup: tf.Scalar; total: tf.Scalar } {
  const size = rerankerScores.shape[1];
  if (!Number.isInteger(positive) || positive < 0 || positive >= size) throw new RangeError(`the positive's column ${positive} is outside lists of ${size}`);
  const logDe = tf.logSoftmax(retrieverScores);
  const logCe = tf.logSoftmax(rerankerScores);
  const kl = tf.mean(tf.sum(tf.mul(tf.exp(logCe), tf.sub(logCe, logDe)), 1)) as tf.Scalar;
  const targets = tf.fill([rerankerScores.shape[0]], positive, 'int32') as tf.Tensor1D;
  const sup = crossEntropy(rerankerScores, targets);
  return { kl, sup, total: tf.add(kl, sup) as tf.Scalar };
}

/**
 * BCT influence loss: CE of the new classifier on new embeddings, plus λ · CE of
 * the frozen old classifier on the same new embeddings for the samples whose
 * class the old model knew (`oldClassMask` 1, else 0).
 * The old head stays frozen by being left out of the optimiser's variable
 * list (tfjs has no stop-gradient op); the gradient still reaches the new
 * embeddings through it.
 */
export function influenceLoss(
  embeddings: tf.Tensor2D, labels: tf.Tensor1D,
  newHead: { weight: tf.Tensor2D; bias: tf.Tensor1D }, oldHead: { weight: tf.Tensor2D; bias: tf.Tensor1D },
  oldClassMask: tf.Tensor1D, lambda = 1,
): tf.Scalar {
  return tf.tidy(() => {
    const newCe = crossEntropy(tf.add(tf.matMul(embeddings, newHead.weight), newHead.bias) as tf.Tensor2D, labels);
    const oldLogits = tf.add(tf.matMul(embeddings, oldHead.weight), oldHead.bias) as tf.Tensor2D;
    // Old-class labels index the old head; a label the old head lacks picks nothing, and the mask drops that sample.
    const perSample = tf.neg(tf.sum(tf.mul(tf.logSoftmax(oldLogits), oneHotRows(labels, oldLogits.shape[1])), 1));
    const count = tf.maximum(tf.sum(oldClassMask), 1);
    const oldCe = tf.div(tf.sum(tf.mul(perSample, oldClassMask)), count);
    return tf.add(newCe, tf.mul(oldCe, lambda)) as tf.Scalar;
  });
}

/**
 * A fixed simplex ETF, shape [dim, K]: W = sqrt(K/(K−1)) U (I − 11ᵀ/K) with
 * UᵀU = I (U from the QR of a seeded Gaussian). Needs dim ≥ K.
 */
export function simplexEtf(dim: number, classes: number, seed: number): tf.Tensor2D {
  if (dim < classes) throw new Error(`a simplex ETF of ${classes} classes needs dim ≥ ${classes}, got ${dim}`);
  return tf.tidy(() => {
    const [q] = tf.linalg.qr(tf.randomNormal([dim, classes], 0, 1, 'float32', seed));
    const centre = tf.sub(tf.eye(classes), tf.fill([classes, classes], 1 / classes));
    return tf.matMul(q, centre).mul(Math.sqrt(classes / (classes - 1))) as tf.Tensor2D;
  });
}

/** Dot-regression loss toward the fixed class vector: mean of (w_cᵀh − √(E_W E_H))² / (2√(E_W E_H)). */
export function dotRegressionLoss(features: tf.Tensor2D, etf: tf.Tensor2D, labels: tf.Tensor1D, eW = 1, eH = 1): tf.Scalar {
  return tf.tidy(() => {
    const target = Math.sqrt(eW * eH);
    const classVectors = tf.gather(tf.transpose(etf), labels.toInt()); // gather on a constant: no gradient needed
    const dots = tf.sum(tf.mul(classVectors, features), 1);
    return tf.mean(tf.square(tf.sub(dots, target))).div(2 * target) as tf.Scalar;
  });
}

/**
 * GDR cluster-adaptive negative loss, s = tanh(q·d), τ = 0.05:
 *   −log e^{s⁺/τ} / (r Σ_intra e^{s/τ} + Σ_inter e^{s/τ}).
 * `intraNegatives` [B, m, d] are passages from the positive's own cluster; the
 * inter-cluster sum runs over the batch's passages (the query's own positive
 * among them, as in an in-batch score matrix, so the ratio stays ≤ 1 at r = 1).
 */
export function gdrNegativeLoss(queries: tf.Tensor2D, positives: tf.Tensor2D, intraNegatives: tf.Tensor3D, r = 1, tau = 0.05): tf.Scalar {
  if (!(r >= 0)) throw new RangeError(`the intra-cluster weight r must be ≥ 0, got ${r}`);
  if (!(tau > 0)) throw new RangeError(`the temperature τ must be > 0, got ${tau}`);
  return tf.tidy(() => {
    const inter = tf.tanh(tf.matMul(queries, positives, false, true)).div(tau); // [B, B]
    const positive = tf.sum(tf.mul(inter, tf.eye(queries.shape[0])), 1);
    const interTerm = tf.logSumExp(inter, 1, true);
    // No intra-cluster negatives (or weight 0) leaves the in-batch term alone:
    // a logSumExp over an empty axis is −∞ on one backend and NaN on another.
    const denominator = intraNegatives.shape[1] === 0 || r === 0
      ? interTerm.squeeze([1])
      : tf.logSumExp(tf.concat([tf.logSumExp(tf.tanh(tf.squeeze(tf.matMul(intraNegatives, queries.expandDims(2)), [2])).div(tau), 1, true).add(Math.log(r)), interTerm], 1), 1);
    return tf.mean(tf.sub(denominator, positive)) as tf.Scalar;
  });
}
