/**
 * A float32 tensor's storage as an array, to read without a copy or to write
 * in place, on the backends that keep it where JavaScript can reach it.
 *
 * LazyAdam changes a few thousand rows of a table with millions of weights at
 * every step. Through tfjs ops that is a read of those rows and a ScatterNd
 * into a copy of the whole table, about a fifth of a WASM step on the default
 * bag; written in place it is the rows alone. tfjs has no public API for it,
 * so this reads two backends' own stores, as tfjs-backend-wasm and
 * tfjs-backend-cpu 4.22 keep them: WASM's heap (`typedArrayFromHeap`, the
 * view its own JavaScript kernels use) and the CPU backend's arrays.
 *
 * There is no view on any other backend. A variable whose storage another
 * tensor shares (a clone shares its source's, and so does a variable the
 * tensor it was made from) first gets a copy of its own: writing into shared
 * storage would change the other tensor too. (tfjs-backend-cpu's own
 * TensorScatterUpdate does exactly that: it writes into its input's array and
 * returns it, so a clone of the input changes with it.)
 *
 * A view into the WASM heap is valid only until the heap grows, which any
 * new tensor may cause: take it after the last op and use it before the next.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmStore {
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

interface CpuStore {
  data: { get(dataId: tf.DataId): { values?: unknown } | undefined };
}

const viewable = () => ['wasm', 'cpu'].includes(tf.getBackend());

/** `t`'s float32 storage, to read without a copy; undefined where JavaScript cannot reach it. Never write into it: other tensors may share it. */
export function readableStorage(t: tf.Tensor): Float32Array | undefined {
  if (t.dtype !== 'float32' || !viewable()) return undefined;
  const backend = tf.backend();
  if (backend.refCount(t.dataId) === 0) return undefined;
  return view(backend, t);
}

function view(backend: tf.KernelBackend, t: tf.Tensor): Float32Array | undefined {
  if (tf.getBackend() === 'wasm') return (backend as unknown as WasmStore).typedArrayFromHeap({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
  const values = (backend as unknown as CpuStore).data.get(t.dataId)?.values;
  return values instanceof Float32Array && values.length === t.size ? values : undefined;
}

/** `variable`'s float32 storage, its own, to write in place; undefined on a backend that keeps it out of JavaScript's reach. */
export function writableStorage(variable: tf.Variable): Float32Array | undefined {
  if (variable.dtype !== 'float32' || !viewable()) return undefined;
  const backend = tf.backend();
  // 0 when the variable lives on another backend, which reading moves it from.
  if (backend.refCount(variable.dataId) !== 1) {
    // x · 1 is x, bit for bit, into a new array.
    const copy = tf.mul(variable, 1);
    variable.assign(copy);
    copy.dispose();
    if (backend.refCount(variable.dataId) !== 1) return undefined;
  }
  return view(backend, variable);
}
