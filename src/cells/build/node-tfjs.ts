/**
 * The one TensorFlow.js backend setup in Node, for the build's cell realms,
 * the scripts, tests and benches: the WASM backend with its binaries read from
 * node_modules, or the plain CPU backend.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fileURLToPath } from 'node:url';

const wasmDir = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

export async function useBackend(name: 'wasm' | 'cpu'): Promise<string> {
  if (name === 'wasm') {
    setWasmPaths({
      'tfjs-backend-wasm.wasm': `${wasmDir}tfjs-backend-wasm.wasm`,
      'tfjs-backend-wasm-simd.wasm': `${wasmDir}tfjs-backend-wasm-simd.wasm`,
      'tfjs-backend-wasm-threaded-simd.wasm': `${wasmDir}tfjs-backend-wasm-threaded-simd.wasm`,
    });
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`backend ${name} did not initialise (got ${tf.getBackend()})`);
  return tf.getBackend();
}

/** WASM when it initialises here, else CPU; returns the backend in use. */
export async function useFastestBackend(): Promise<string> {
  try {
    return await useBackend('wasm');
  } catch {
    return useBackend('cpu');
  }
}
