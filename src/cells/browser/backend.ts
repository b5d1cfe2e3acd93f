/**
 * Choosing TensorFlow.js's backend inside the cell worker.
 *
 * "First backend that initialises" is wrong here: without a real GPU, WebGL
 * initialises on a software rasteriser and runs about ten times slower than
 * WASM, and WebGPU can fall back to a software adapter. So WebGPU is taken
 * only with a hardware adapter, WebGL only with a hardware renderer, and WASM
 * otherwise; CPU is the last resort. tfjs falls back silently when a backend
 * fails, so the answer is always read back from tf.getBackend().
 */
import type * as Tf from '@tensorflow/tfjs';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type TfModule = typeof Tf;
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const backendNames: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const softwareRenderer = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

async function hasHardwareGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return false;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return false;
    return !(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false);
  } catch {
    return false;
  }
}

function hasHardwareWebGl(): boolean {
  if (typeof OffscreenCanvas === 'undefined') return false;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !softwareRenderer.test(renderer);
}

let wasmRegistered = false;
let webgpuRegistered = false;

// The optional backends are separate chunks: a page that stays on WASM never downloads WebGPU's.
async function register(tf: TfModule, name: BackendName): Promise<void> {
  if (name === 'wasm' && !wasmRegistered) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threaded WASM needs cross-origin isolation and crashes inside a bundled worker; one thread it is.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // Absolute: the worker starts from a blob: URL (kernel-host.ts), against which a root-relative path does not resolve.
    const absolute = (url: string) => new URL(url, import.meta.url).href;
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': absolute(wasmUrl),
      'tfjs-backend-wasm-simd.wasm': absolute(wasmSimdUrl),
      'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedSimdUrl),
    });
    wasmRegistered = true;
  }
  if (name === 'webgpu' && !webgpuRegistered) {
    await import('@tensorflow/tfjs-backend-webgpu');
    webgpuRegistered = true;
  }
}

/** Switches to `name` if it initialises; returns the backend actually in use. */
export async function useBackend(tf: TfModule, name: BackendName): Promise<string> {
  await register(tf, name);
  try {
    await tf.setBackend(name);
  } catch {
    // tfjs reports most failures by returning false; a throw means the same here.
  }
  await tf.ready();
  return tf.getBackend();
}

/** The fastest backend this machine really accelerates, set and returned. */
export async function chooseBackend(tf: TfModule): Promise<string> {
  if (await hasHardwareGpuAdapter()) {
    if ((await useBackend(tf, 'webgpu')) === 'webgpu') return 'webgpu';
  }
  if (hasHardwareWebGl()) {
    if ((await useBackend(tf, 'webgl')) === 'webgl') return 'webgl';
  }
  if ((await useBackend(tf, 'wasm')) === 'wasm') return 'wasm';
  return useBackend(tf, 'cpu');
}
