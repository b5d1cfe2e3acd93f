/**
 * Adam's update of the rows a step read, run by rowadam.wat, with the
 * moments of every table kept in the kernel's own memory.
 *
 * Why a hand-written kernel: on the default bag a step updates about 3,000
 * rows of 256, three quarters of a million elements, each with three
 * divisions and a square root. A JavaScript loop took about half of a step
 * for that; tfjs's WASM element-wise ops are slower still on tensors this
 * size (each op a pass over memory plus a copy out), and no library offers a
 * sparse Adam step. The kernel does tfjs's Adam arithmetic in float32, four
 * elements per instruction, so a row gets the bits tfjs's Adam would give it.
 */
import { wasmBase64 } from './rowadam.wasm.ts';

interface Exports {
  memory: WebAssembly.Memory;
  adamRows(count: number, width: number, rows: number, m: number, v: number, grad: number, values: number,
    b1: number, a1: number, b2: number, a2: number, c1: number, c2: number, eps: number, negRate: number): void;
}

let compiled: WebAssembly.Module | undefined;

// A few hundred bytes: compiling synchronously is allowed on any thread.
const kernelModule = () => (compiled ??= new WebAssembly.Module(Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0))));

export interface AdamConstants {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The step's arrays, views into the kernel's memory, valid until the next `rows` or `run`. */
export interface RowScratch {
  /** Table row of each slot. */
  rows: Int32Array;
  /** Gradient of each slot's row, [count, width]; zeros on return from `rows`. */
  grad: Float32Array;
  /** Value of each slot's row, [count, width], for the caller to fill and read back. */
  values: Float32Array;
}

/** Adam moments for any number of tables, and one step's scratch rows. */
export class RowAdam {
  private readonly kernel: Exports;
  /** Byte offsets of each table's first and second moments. */
  private readonly moments = new Map<object, { m: number; v: number; size: number }>();
  /** Bytes in use by moments; the step's scratch starts here. */
  private top = 0;
  private scratch = { m: 0, v: 0, count: 0, width: 0, rows: 0, grad: 0, values: 0 };
  private readonly constants: AdamConstants;
  /** β1^step and β2^step as tfjs's Adam keeps them: float32 products, one factor a step. */
  private powers = { step: 0, beta1: 1, beta2: 1 };

  constructor(constants: AdamConstants) {
    this.constants = constants;
    this.kernel = new WebAssembly.Instance(kernelModule()).exports as unknown as Exports;
  }

  /**
   * Scratch for `count` rows of `width` of `table` (of `size` elements), for
   * the next `run`. A table's moments start at zero the first time it is seen.
   */
  rows(table: object, size: number, count: number, width: number): RowScratch {
    const { m, v } = this.momentsOf(table, size);
    const bytes = count * width * 4;
    const rows = this.top, grad = rows + align(count * 4), values = grad + align(bytes);
    this.reserve(values + bytes);
    this.scratch = { m, v, count, width, rows, grad, values };
    const view = this.views();
    view.grad.fill(0);
    return view;
  }

  /** The optimiser's `step`-th Adam step (steps only increase) on the scratch rows: updates their moments, and their values in the scratch. */
  run(step: number): RowScratch {
    const f = Math.fround;
    const { learningRate, beta1, beta2, epsilon } = this.constants;
    if (step < this.powers.step) throw new Error(`step ${step} after step ${this.powers.step}`);
    while (this.powers.step < step) {
      const first = this.powers.step === 0;
      this.powers = { step: this.powers.step + 1, beta1: first ? f(beta1) : f(this.powers.beta1 * f(beta1)), beta2: first ? f(beta2) : f(this.powers.beta2 * f(beta2)) };
    }
    const { m, v, count, width, rows, grad, values } = this.scratch;
    this.kernel.adamRows(count, width, rows, m, v, grad, values,
      f(beta1), f(1 - beta1), f(beta2), f(1 - beta2), f(1 - this.powers.beta1), f(1 - this.powers.beta2), f(epsilon), f(-learningRate));
    return this.views();
  }

  private momentsOf(table: object, size: number): { m: number; v: number } {
    let found = this.moments.get(table);
    if (!found) {
      const m = this.top, v = m + align(size * 4), end = v + align(size * 4);
      this.reserve(end);
      // The bytes may have held an earlier step's scratch.
      new Uint8Array(this.kernel.memory.buffer).fill(0, m, end);
      this.top = end;
      found = { m, v, size };
      this.moments.set(table, found);
    } else if (found.size !== size) {
      throw new Error(`a table of ${found.size} elements is now ${size}: its moments no longer fit`);
    }
    return found;
  }

  private views(): RowScratch {
    const { buffer } = this.kernel.memory;
    const { count, width, rows, grad, values } = this.scratch;
    return { rows: new Int32Array(buffer, rows, count), grad: new Float32Array(buffer, grad, count * width), values: new Float32Array(buffer, values, count * width) };
  }

  private reserve(bytes: number): void {
    const { memory } = this.kernel;
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
