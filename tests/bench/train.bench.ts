/**
 * Training and search figures: dense against sparse table reads side by side
 * on Node WASM (bag encoder and Transformer steps, with GFLOP/s beside the
 * backend's own matMul), CoSENT training pairs per second through the cell
 * executor on every backend (Node CPU and WASM; headless Chromium WASM, WebGL
 * and WebGPU where it offers them), and brute-force top-k time per query over
 * 10k and 100k vectors beside the memory-bandwidth bound. Prints figures;
 * asserts nothing.
 *
 *   npm run build && node tests/bench/train.bench.ts
 *   node tests/bench/train.bench.ts --node-only   (no site needed: skips Chromium)
 *
 * The same cell source runs in Node (through the build's executor) and in the
 * browser (typed into a cell), so the two measure the same code.
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { executePage } from '../../src/cells/build/execute.ts';
import { parseCellMeta } from '../../src/cells/core/options.ts';
import { loadDataset, setDataSource } from '../../notebooks/data.ts';
import { topK } from '../../notebooks/retrieval.ts';
import { useBackend } from '../../src/cells/build/node-tfjs.ts';
import { nodeDataSource } from '../../src/data/node-source.ts';
import { builds, launch, openPage, runCellAndWait, serve } from '../browser/harness.ts';
import { bagBench, benchBagSizes, matMulGflops, transformerBench } from './sparse.ts';

const root = join(import.meta.dirname, '../..');
const cellPage = 'algorithms/problems/2021/10/two-sum/';

const throughputCell = (setup: string) => `import * as tf from '@tensorflow/tfjs';
import { loadDataset } from 'notebooks/data';
import { BagEncoder } from 'notebooks/encoders';
import { cosentLoss } from 'notebooks/losses';
${setup}
const data = await loadDataset('wn-sts');
const encoder = new BagEncoder({ seed: 1 });
const optimizer = tf.train.adam(2e-3);
const batch = 32;
const step = (i: number) => {
  const pairs = data.train.slice(i * batch, (i + 1) * batch);
  optimizer.minimize(() => cosentLoss(encoder.encode(pairs.map((p) => p.a)), encoder.encode(pairs.map((p) => p.b)), tf.tensor1d(pairs.map((p) => p.score))), false, encoder.variables);
};
// Warm-up: kernels compiled or shaders linked before the clock starts.
for (let i = 0; i < 3; i++) step(i);
await encoder.variables[0].data();
const steps = 20;
const started = performance.now();
for (let i = 0; i < steps; i++) step(3 + i);
await encoder.variables[0].data();
const seconds = (performance.now() - started) / 1000;
console.log(\`throughput \${tf.getBackend()} \${Math.round((steps * batch) / seconds)} pairs/s\`);
encoder.dispose();
optimizer.dispose();`;

const parse = (text: string) => text.match(/throughput (\S+) (\d+) pairs\/s/);

async function nodeThroughput(backend: 'wasm' | 'cpu'): Promise<string> {
  const code = throughputCell(backend === 'cpu' ? "await tf.setBackend('cpu');" : '');
  const [cell] = await executePage([{ id: 'throughput', code, options: parseCellMeta(''), fence: 1 }], 'bench/train', root);
  const text = JSON.stringify(cell.outputs);
  const found = parse(text);
  return found ? `${found[2]} pairs/s (${found[1]})` : `no figure: ${text.slice(0, 300)}`;
}

async function browserThroughput(browser: Browser, url: string): Promise<string[]> {
  const { page } = await openPage(browser, url + cellPage);
  const picker = page.getByRole('combobox', { name: 'Backend' });
  const cell = page.locator('[data-cell]').first();
  const lines: string[] = [];
  // The picker lists every backend; one the browser lacks falls back, and the
  // figure says which backend really ran.
  for (const backend of ['wasm', 'webgl', 'webgpu']) {
    await picker.selectOption(backend);
    await cell.getByRole('button', { name: 'Edit code', exact: true }).click();
    await cell.locator('.cm-content').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(throughputCell(''));
    const text = await runCellAndWait(cell, ['done', 'error'], 300_000);
    const found = parse(text);
    lines.push(`Chromium ${backend}: ${found ? `${found[2]} pairs/s (ran on ${found[1]})` : `no figure: ${text.slice(0, 200)}`}`);
  }
  await page.context().close();
  return lines;
}

/** Bytes per second of a plain copy of a buffer far larger than the caches: the bandwidth a scan can hope for. */
function copyBandwidth(): number {
  const source = new Float32Array(64 << 20);
  source.fill(1);
  const target = new Float32Array(source.length);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    target.set(source);
    best = Math.min(best, performance.now() - started);
  }
  // A copy reads and writes every byte once.
  return (2 * source.byteLength) / (best / 1000);
}

function searchTimes(backend: string, bandwidth: number): string[] {
  const lines: string[] = [];
  const dim = 128;
  const queries = 256;
  for (const n of [10_000, 100_000]) {
    const docs = tf.randomNormal([n, dim], 0, 1, 'float32', 1) as tf.Tensor2D;
    const q = tf.randomNormal([queries, dim], 0, 1, 'float32', 2) as tf.Tensor2D;
    topK(q.slice([0, 0], [8, -1]), docs, 10);
    const started = performance.now();
    topK(q, docs, 10);
    const perQuery = (performance.now() - started) / queries;
    // Each query must compare against every stored vector: n·dim float32 read.
    const bytesPerSecond = (n * dim * 4) / (perQuery / 1000);
    lines.push(
      `top-10 of ${n.toLocaleString('en')} × ${dim} (${backend}): ${perQuery.toFixed(3)} ms/query, ` +
        `${(bytesPerSecond / 1e9).toFixed(2)} GB/s of vectors scanned = ${(bytesPerSecond / bandwidth).toFixed(2)}× the copy bandwidth`,
    );
    tf.dispose([docs, q]);
  }
  return lines;
}

await useBackend('wasm');
setDataSource(nodeDataSource());
const sts = await loadDataset('wn-sts');
const peak = matMulGflops();
console.log(`512 × 512 matMul on Node wasm: ${peak.toFixed(2)} GFLOP/s`);
for (const size of benchBagSizes) for (const line of bagBench(sts.train, size, peak)) console.log(line);
for (const line of transformerBench(sts.train, peak)) console.log(line);
console.log(`512 × 512 matMul on Node wasm, after: ${matMulGflops().toFixed(2)} GFLOP/s`);

console.log(`Node WASM: ${await nodeThroughput('wasm')}`);
console.log(`Node CPU: ${await nodeThroughput('cpu')}`);

const bandwidth = copyBandwidth();
console.log(`memory copy bandwidth (the bound): ${(bandwidth / 1e9).toFixed(2)} GB/s`);
for (const backend of ['wasm', 'cpu'] as const) {
  await useBackend(backend);
  for (const line of searchTimes(backend, bandwidth)) console.log(line);
}

if (process.argv.includes('--node-only')) process.exit(0);

const browser = await launch();
const site = await serve(builds.root.dir, builds.root.base);
try {
  for (const line of await browserThroughput(browser, site.url)) console.log(line);
} finally {
  await site.close();
  await browser.close();
}
