/**
 * A matMul whose gradients stay fast on the WASM backend.
 *
 * tfjs differentiates `matMul(a, b)` into matMuls with a transposed operand
 * (`aᵀ · dy` and `dy · bᵀ`), and the WASM kernel's transposed paths are many
 * times slower than transposing first: in a Transformer training step the
 * weight gradients [768, 64]ᵀ · [768, 128] took 14–24 ms each, most of the
 * step. Transposing first makes every product a plain one.
 */
import * as tf from '@tensorflow/tfjs';

/** The last two axes swapped. */
export function swapLastAxes<T extends tf.Tensor>(x: T): T {
  const r = x.rank;
  return tf.transpose(x, [...Array.from({ length: r - 2 }, (_, i) => i), r - 1, r - 2]) as T;
}

/** `a · b` (batched over leading axes of equal shape), its gradients computed by transposing first. */
export function trainedProduct<T extends tf.Tensor>(a: T, b: T): T {
  const product = tf.customGrad((x, y, save) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, y as tf.Tensor]);
    return {
      value: tf.matMul(x as tf.Tensor, y as tf.Tensor),
      gradFunc: (dy, [sx, sy]) => [tf.matMul(dy as tf.Tensor, swapLastAxes(sy)), tf.matMul(swapLastAxes(sx), dy as tf.Tensor)],
    };
  });
  return product(a, b) as T;
}
