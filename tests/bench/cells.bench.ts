/**
 * Cell figures on the built site, in headless Chromium: cold and warm time from
 * Run to first output, the same cold start for Pyodide as a yardstick, the
 * longest main-thread task while a cell trains (the JavaScript a page ships
 * before interaction is in site.bench.ts). Prints figures; asserts nothing.
 *
 *   npm run build && node tests/bench/cells.bench.ts
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { builds, launch, openPage, serve } from '../browser/harness.ts';
import { reachCells } from '../browser/reader.ts';

const cellPage = 'algorithms/problems/2021/10/two-sum/';
const warmRuns = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function openCellPage(browser: Browser, url: string): Promise<Page> {
  const { page } = await openPage(browser, url + cellPage);
  await reachCells(page);
  return page;
}

/** Types `code` into the first cell's editor (loading the editor is not part of any timing). */
async function typeIntoFirstCell(page: Page, code: string): Promise<void> {
  const cell = page.locator('[data-cell]').first();
  await cell.getByRole('button', { name: 'Edit code', exact: true }).click();
  await cell.locator('.cm-content').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

/**
 * Clicks the first cell's Run and measures, inside the page, the time until its
 * output region, once cleared for the run, shows `expected`.
 */
function timeRunToOutput(page: Page, expected: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((done, fail) => {
        const cell = document.querySelector('[data-cell]') as HTMLElement;
        const region = cell.querySelector('[data-cell-output]') as HTMLElement;
        const run = cell.querySelector('button[aria-label="Run cell"]') as HTMLButtonElement;
        // A region with no output yet counts as cleared: the first thing it shows is this run's.
        let cleared = region.childNodes.length === 0;
        setTimeout(() => fail(new Error(`no "${wanted}" in the output after 60 s: ${region.textContent}`)), 60_000);
        let start = 0;
        const observer = new MutationObserver(() => {
          if (region.childNodes.length === 0) cleared = true;
          else if (cleared && (region.textContent ?? '').includes(wanted)) {
            observer.disconnect();
            done(performance.now() - start);
          }
        });
        observer.observe(region, { childList: true, subtree: true, characterData: true });
        start = performance.now();
        run.click();
      }),
    expected,
  );
}

async function waitForDone(page: Page): Promise<void> {
  await page.locator('[data-cell]').first().and(page.locator('[data-cell-state="done"]')).waitFor({ timeout: 120_000 });
}

async function coldStart(browser: Browser, url: string, code: string, expected: string): Promise<number> {
  const page = await openCellPage(browser, url);
  await typeIntoFirstCell(page, code);
  const time = await timeRunToOutput(page, expected);
  await page.context().close();
  return time;
}

async function warmOverhead(browser: Browser, url: string): Promise<number> {
  const page = await openCellPage(browser, url);
  await typeIntoFirstCell(page, 'console.log(1)');
  await timeRunToOutput(page, '1');
  await waitForDone(page);
  const times: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    times.push(await timeRunToOutput(page, '1'));
    await waitForDone(page);
  }
  await page.context().close();
  return median(times);
}

async function pyodideColdStart(browser: Browser): Promise<number> {
  // Pyodide from node_modules, beside a page that loads it: the same origin, nothing from a CDN.
  const dir = mkdtempSync(join(tmpdir(), 'cells-bench-'));
  symlinkSync(resolve(import.meta.dirname, '../../node_modules/pyodide'), join(dir, 'pyodide'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Pyodide</title><script type="module">
import { loadPyodide } from './pyodide/pyodide.mjs';
window.runPrint = async () => {
  const start = performance.now();
  let first;
  const pyodide = await loadPyodide({ indexURL: './pyodide/', stdout: () => { first ??= performance.now(); } });
  pyodide.runPython('print(1)');
  return first - start;
};
</script>`,
  );
  const site = await serve(dir, '/');
  try {
    const { page } = await openPage(browser, site.url);
    await page.waitForFunction(() => 'runPrint' in window);
    const time = await page.evaluate(() => (window as unknown as { runPrint(): Promise<number> }).runPrint());
    await page.context().close();
    return time;
  } finally {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const trainingCell = `import * as tf from '@tensorflow/tfjs';
import { progress } from 'cells/display';
const net = tf.sequential({ layers: [tf.layers.dense({ units: 64, activation: 'relu', inputShape: [32] }), tf.layers.dense({ units: 1 })] });
net.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const inputs = tf.randomNormal([512, 32]);
const targets = tf.randomNormal([512, 1]);
const began = Date.now();
let epoch = 0;
while (Date.now() - began < 10_000) {
  await net.fit(inputs, targets, { epochs: 1, batchSize: 32, verbose: 0 });
  epoch += 1;
  progress(Math.min(Date.now() - began, 10_000), 10_000, 'training');
  console.log('epoch', epoch);
}
console.log('trained', epoch, 'epochs');`;

async function longestTaskWhileTraining(browser: Browser, url: string): Promise<{ longest: number; count: number; epochs: number }> {
  const page = await openCellPage(browser, url);
  await typeIntoFirstCell(page, trainingCell);
  await page.evaluate(() => {
    const record: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.locator('[data-cell]').first().getByRole('button', { name: 'Run cell', exact: true }).click();
  await waitForDone(page);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const text = (await page.locator('[data-cell] [data-cell-output]').first().textContent()) ?? '';
  await page.context().close();
  return { longest: Math.max(0, ...tasks), count: tasks.length, epochs: Number(text.match(/trained (\d+) epochs/)?.[1] ?? NaN) };
}

const browser = await launch();
const site = await serve(builds.root.dir, builds.root.base);
try {
  const plain = await coldStart(browser, site.url, 'console.log(1)', '1');
  console.log(`cold Run → first output, console.log(1): ${ms(plain)} (target ≤ 300 ms)`);
  const matMul = await coldStart(
    browser,
    site.url,
    "import * as tf from '@tensorflow/tfjs';\nconst m = tf.randomNormal([256, 256]);\nconsole.log('sum', tf.matMul(m, m).sum().dataSync()[0]);",
    'sum',
  );
  console.log(`cold Run → first output, 256×256 tf.matMul: ${ms(matMul)} (target ≤ 1500 ms)`);
  console.log(`warm Run → first output, console.log(1), median of ${warmRuns}: ${ms(await warmOverhead(browser, site.url))} (target ≤ 20 ms)`);
  const python = await pyodideColdStart(browser);
  console.log(`cold start → first output, Pyodide print(1): ${ms(python)} (${(python / plain).toFixed(1)}× the TypeScript cell)`);
  const training = await longestTaskWhileTraining(browser, site.url);
  console.log(`while a cell trains for 10 s (${training.epochs} epochs): longest main-thread task ${training.count ? ms(training.longest) : 'none ≥ 50 ms'}, ${training.count} long tasks`);
} finally {
  await site.close();
  await browser.close();
}
