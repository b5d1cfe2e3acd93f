/**
 * A minibatch training loop: seeded shuffling, Adam (lazy on row-sparse
 * tables), progress reports, early stopping on a dev metric, and no tensor
 * left behind between steps.
 */
import * as tf from '@tensorflow/tfjs';
import { LazyAdam } from './lazyadam.ts';
import { Rng } from './random.ts';

export interface EpochRecord {
  epoch: number;
  /** Mean training loss of the epoch. */
  loss: number;
  /** Dev metric after the epoch (higher is better), if an evaluator was given. */
  dev?: number;
  seconds: number;
}

export interface TrainResult {
  history: EpochRecord[];
  bestEpoch: number;
  bestDev?: number;
  stoppedEarly: boolean;
}

export type ProgressCallback = (done: number, total: number, info: { epoch: number; loss: number }) => void;

export interface TrainOptions<T> {
  examples: T[];
  variables: tf.Variable[];
  /** The loss of one minibatch; runs inside the optimiser's tape. */
  loss: (batch: T[], step: number) => tf.Scalar;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Dev metric, higher is better; called after each epoch. */
  evaluate?: () => number;
  /** Epochs without improvement before stopping (requires `evaluate`). */
  patience?: number;
  /** Keep the last partial batch (off by default: some losses need a fixed batch shape). */
  keepPartialBatch?: boolean;
  onProgress?: ProgressCallback;
  /**
   * How a rowSparse table's rows move: 'lazy' (the default) updates only the
   * rows a batch read (notebooks/lazyadam); 'dense' is tfjs's Adam, whose
   * momentum keeps moving rows for steps after their last read, which gives
   * rarely read rows more total movement in a short run.
   */
  tableUpdates?: 'lazy' | 'dense';
}

/**
 * Trains `variables` with Adam; a table marked rowSparse (a hashed bag
 * table) has only the rows each batch read updated (notebooks/lazyadam).
 * With an evaluator, the variables end at the best dev epoch's values.
 */
export async function train<T>(options: TrainOptions<T>): Promise<TrainResult> {
  const { examples, variables, epochs, batchSize, seed, evaluate, patience = Infinity, keepPartialBatch = false, onProgress, tableUpdates = 'lazy' } = options;
  const rng = new Rng(seed);
  const optimizer = new LazyAdam(options.learningRate);
  const batchesPerEpoch = keepPartialBatch ? Math.ceil(examples.length / batchSize) : Math.floor(examples.length / batchSize);
  if (batchesPerEpoch === 0) throw new Error(`${examples.length} examples make no batch of ${batchSize}`);
  const total = batchesPerEpoch * epochs;
  const history: EpochRecord[] = [];
  let best: { epoch: number; dev: number; weights: tf.Tensor[] } | undefined;
  let step = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      const order = rng.permutation(examples.length);
      let lossSum = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        const batch = order.slice(b * batchSize, (b + 1) * batchSize).map((i) => examples[i]);
        const cost = optimizer.minimize(() => options.loss(batch, step), variables, tableUpdates === 'lazy');
        lossSum += (await cost.data())[0];
        cost.dispose();
        step++;
        onProgress?.(step, total, { epoch, loss: lossSum / (b + 1) });
      }
      const record: EpochRecord = { epoch, loss: lossSum / batchesPerEpoch, seconds: (performance.now() - started) / 1000 };
      if (evaluate) {
        record.dev = evaluate();
        if (!best || record.dev > best.dev) {
          if (best) tf.dispose(best.weights);
          best = { epoch, dev: record.dev, weights: variables.map((v) => v.clone()) };
        }
      }
      history.push(record);
      if (best && epoch - best.epoch >= patience) {
        stoppedEarly = epoch < epochs;
        break;
      }
    }
    if (best) variables.forEach((v, i) => v.assign(best!.weights[i]));
  } finally {
    if (best) tf.dispose(best.weights);
    optimizer.dispose();
  }
  return { history, bestEpoch: best?.epoch ?? history.length, bestDev: best?.dev, stoppedEarly };
}
