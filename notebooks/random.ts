/**
 * Seeded tfjs variables for the models. The seeded generator itself lives in
 * rng.ts, which does not import tfjs, so pages that only need random inputs
 * (the algorithm problems) do not download TensorFlow.js.
 */
import * as tf from '@tensorflow/tfjs';

export { Rng } from './rng.ts';

/**
 * A trainable variable initialised from `initial()`. The initial tensor is
 * freed once the variable holds its data (tidy never disposes variables), so
 * disposing the model later leaves nothing behind.
 */
export function variableFrom(initial: () => tf.Tensor, name?: string): tf.Variable {
  return tf.tidy(() => tf.variable(initial(), true, name));
}

/** Glorot-uniform weight matrix from a seed, as a trainable variable. */
export function glorotVariable(shape: [number, number], seed: number, name?: string): tf.Variable {
  const init = tf.initializers.glorotUniform({ seed });
  return variableFrom(() => init.apply(shape) as tf.Tensor, name);
}

export function zerosVariable(shape: number[], name?: string): tf.Variable {
  return variableFrom(() => tf.zeros(shape), name);
}
