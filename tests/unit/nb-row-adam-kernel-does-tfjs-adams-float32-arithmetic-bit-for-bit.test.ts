import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleKernel, kernelSources } from '../../scripts/build-kernels.ts';
import { RowAdam } from '../../notebooks/rowadam.ts';
import { Rng } from '../../notebooks/random.ts';

/**
 * tfjs-core 4.22's AdamOptimizer.applyGradients on the given rows, one
 * float32 rounding per kernel as its ops round: m·β1 + g·(1−β1),
 * v·β2 + g²·(1−β2), then (m/(1−β1^t)) / (√(v/(1−β2^t)) + ε) · (−lr) + value,
 * with β^t kept as a float32 product.
 */
function referenceStep(table: Float32Array, m: Float32Array, v: Float32Array, rows: number[], grad: Float32Array, width: number, step: number, c: { learningRate: number; beta1: number; beta2: number; epsilon: number }): void {
  const f = Math.fround;
  let p1 = f(c.beta1), p2 = f(c.beta2);
  for (let t = 1; t < step; t++) [p1, p2] = [f(p1 * f(c.beta1)), f(p2 * f(c.beta2))];
  const c1 = f(1 - p1), c2 = f(1 - p2);
  rows.forEach((row, k) => {
    for (let j = 0; j < width; j++) {
      const at = row * width + j, g = grad[k * width + j];
      const mt = (m[at] = f(f(m[at] * f(c.beta1)) + f(g * f(1 - c.beta1))));
      const vt = (v[at] = f(f(v[at] * f(c.beta2)) + f(f(g * g) * f(1 - c.beta2))));
      table[at] = f(f(f(f(mt / c1) / f(f(Math.sqrt(f(vt / c2))) + f(c.epsilon))) * f(-c.learningRate)) + table[at]);
    }
  });
}

const constants = { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

describe('the row Adam kernel', () => {
  it('gives the bits of tfjs’s float32 Adam arithmetic over several steps, for rows of 6, 5 and 1 columns, three tables interleaved', () => {
    const rng = new Rng(7);
    const kernel = new RowAdam(constants);
    const tables = [{ dim: 9, width: 6 }, { dim: 5, width: 5 }, { dim: 4, width: 1 }].map(({ dim, width }) => ({
      dim, width, key: {},
      kernelValues: Float32Array.from({ length: dim * width }, () => rng.next() * 2 - 1),
      ref: { values: new Float32Array(0), m: new Float32Array(dim * width), v: new Float32Array(dim * width) },
    }));
    for (const t of tables) t.ref.values = t.kernelValues.slice();
    for (let step = 1; step <= 4; step++) {
      for (const t of tables) {
        // A different subset of rows each step, in no particular order.
        const rows = Array.from({ length: t.dim }, (_, r) => r).filter(() => rng.next() < 0.6).reverse();
        if (rows.length === 0) rows.push(step % t.dim);
        const grad = Float32Array.from({ length: rows.length * t.width }, () => (rng.next() - 0.5) * 10 ** Math.floor(rng.next() * 6 - 3));
        const scratch = kernel.rows(t.key, t.dim * t.width, rows.length, t.width);
        expect([...scratch.grad].every((x) => x === 0)).toBe(true);
        scratch.rows.set(rows);
        scratch.grad.set(grad);
        rows.forEach((row, k) => scratch.values.set(t.kernelValues.subarray(row * t.width, (row + 1) * t.width), k * t.width));
        const updated = kernel.run(step).values;
        rows.forEach((row, k) => t.kernelValues.set(updated.subarray(k * t.width, (k + 1) * t.width), row * t.width));
        referenceStep(t.ref.values, t.ref.m, t.ref.v, rows, grad, t.width, step, constants);
        expect([...t.kernelValues]).toEqual([...t.ref.values]);
      }
    }
    // Something moved, so the equality above is not between two untouched copies.
    expect(tables.every((t) => t.ref.m.some((x) => x !== 0))).toBe(true);
  });

  it('worked by hand: one element, two steps', () => {
    const kernel = new RowAdam({ learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0 });
    const key = {};
    let value = 1;
    for (const [step, g] of [[1, 0.5], [2, 1]]) {
      const s = kernel.rows(key, 1, 1, 1);
      s.rows[0] = 0;
      s.grad[0] = g;
      s.values[0] = value;
      value = kernel.run(step).values[0];
    }
    // t=1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: value = 1 − 0.1 · 0.5 / 0.5 = 0.9.
    // t=2: m = 0.145, v = 0.00124975, m̂ = 0.145 / 0.19 = 0.763158, v̂ = 0.00124975 / 0.001999 = 0.625188:
    //      value = 0.9 − 0.1 · 0.763158 / 0.790688 = 0.803482.
    expect(value).toBeCloseTo(0.803482, 5);
  });

  it('refuses a table whose size changed, whose moments would no longer line up', () => {
    const kernel = new RowAdam(constants);
    const key = {};
    kernel.rows(key, 8, 1, 4);
    expect(() => kernel.rows(key, 12, 1, 4)).toThrow(/8 elements is now 12/);
  });

  it('is built from its source: the committed bytes are what `npm run kernels` assembles', async () => {
    for (const { source, target } of kernelSources()) {
      expect(readFileSync(target, 'utf8'), `${target} is stale: run npm run kernels`).toBe(await assembleKernel(basename(source), readFileSync(source, 'utf8')));
    }
    expect(kernelSources().map((k) => k.target)).toContain(join(import.meta.dirname, '../../notebooks/rowadam.wasm.ts'));
  });
});
