/**
 * Live cells as a reader uses them, on the built site: run, edit and re-run,
 * dependency-aware runs, Run all, Stop on a runaway loop, share links — and
 * what a reader might type that must not hurt the page (floods, markup,
 * errors, unhandled rejections, leaking tensors). The adversarial code is
 * typed into an existing cell's editor, as a reader would.
 */
import { describe, expect, it } from 'vitest';
import { openPage } from './harness.ts';
import { cell, openCells, output, reachCells, run, runAndWait, scriptErrors, state, type, waitForState } from './reader.ts';
import { useBuiltSite } from './session.ts';

const twoSum = 'algorithms/problems/2021/10/two-sum/';

const session = useBuiltSite();

const open = (path: string) => openCells(session.browser, session.site.url + path);

describe('running cells', () => {
  it('runs a later cell after the cell it depends on, on a fresh page', async () => {
    const { page, consoleErrors } = await open(twoSum);
    expect(await state(page, 0)).toBe('idle');
    await run(page, 1);
    await waitForState(page, 1, 'done');
    expect(await state(page, 0)).toBe('done');
    expect(await output(page, 1).locator('table').count()).toBe(1);
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('runs with the button and with Shift+Enter, and re-runs an edit', async () => {
    const { page, consoleErrors } = await open(twoSum);
    await type(page, 0, 'console.log(6 * 7)');
    expect(await runAndWait(page, 0)).toContain('42');
    await type(page, 0, "console.log('edited ' + (6 * 7 + 1))");
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => output(page, 0).textContent()).toContain('edited 43');
    expect(await state(page, 0)).toBe('done');
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('marks a dependent cell stale after an edit, and keeps the edit across a reload', async () => {
    const { page } = await open(twoSum);
    await run(page, 1);
    await waitForState(page, 1, 'done');
    await type(page, 0, 'function twoSum(nums: number[], target: number): [number, number] {\n  return [0, 1];\n}');
    await waitForState(page, 1, 'stale');
    await page.reload();
    await reachCells(page);
    await expect.poll(() => cell(page, 0).locator('.cell-plain').textContent()).toContain('return [0, 1];');
    await cell(page, 0).getByRole('button', { name: 'Reset cell', exact: true }).click();
    expect(await cell(page, 0).locator('.cell-plain').isVisible()).toBe(false);
  });

  it('runs every cell with Run all', async () => {
    const { page, consoleErrors } = await open(twoSum);
    const count = await page.locator('[data-cell]').count();
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await waitForState(page, count - 1, 'done');
    for (let i = 0; i < count; i++) expect(await state(page, i)).toBe('done');
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });
});

describe('a misbehaving cell', () => {
  it('is stopped within a second while the page keeps answering', async () => {
    const { page, consoleErrors } = await open(twoSum);
    await type(page, 0, 'while (true) {}');
    await run(page, 0);
    await waitForState(page, 0, 'running');
    await page.waitForTimeout(300);
    const started = Date.now();
    // A click handler run by the page itself: it only answers if the main thread is free.
    const answered = await page.evaluate(() => {
      const probe = document.createElement('button');
      let clicked = false;
      probe.addEventListener('click', () => (clicked = true));
      probe.click();
      return clicked;
    });
    expect(answered).toBe(true);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitForState(page, 0, 'idle', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect.poll(() => page.locator('.cells-status').textContent()).toContain('kernel was reset');
    // A fresh kernel starts on the next run.
    await type(page, 0, "console.log('alive again')");
    expect(await runAndWait(page, 0)).toContain('alive again');
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('caps a 100,000-line print', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, "for (let i = 0; i < 100_000; i++) console.log('line ' + i);");
    const text = await runAndWait(page, 0);
    expect(text).toMatch(/… [\d,]+ lines hidden …/);
    expect(text).toContain('line 0');
    expect(text).toContain('line 99999');
    expect(text.split('\n').length).toBeLessThan(1_000);
  });

  it('prints markup as text', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, 'console.log(\'<img src=x onerror="globalThis.injected = 1">\')');
    const text = await runAndWait(page, 0);
    expect(text).toContain('<img src=x onerror=');
    expect(await output(page, 0).locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { injected?: number }).injected)).toBeUndefined();
  });

  it('points at the line of a syntax error and of a runtime error', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, 'const fine = 1;\nconst broken = ;');
    expect(await runAndWait(page, 0, 'error')).toMatch(/SyntaxError.*line 2/);
    await type(page, 0, "const a = 1;\nconst b = 2;\nthrow new RangeError('third line');");
    expect(await runAndWait(page, 0, 'error')).toMatch(/RangeError: third line \(line 3/);
  });

  it('names an unknown import and what is available', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, "import pad from 'left-pad';\npad('x', 3);");
    const text = await runAndWait(page, 0, 'error');
    expect(text).toContain('"left-pad"');
    expect(text).toContain('@tensorflow/tfjs');
  });

  it('reports an unhandled promise rejection', async () => {
    const { page, consoleErrors } = await open(twoSum);
    await type(page, 0, "Promise.reject(new Error('nobody caught me'));\nconsole.log('after');");
    const text = await runAndWait(page, 0, 'error');
    expect(text).toContain('nobody caught me');
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('does not leak tensors when a TensorFlow.js cell runs again and again', async () => {
    const { page } = await open(twoSum);
    await type(
      page,
      0,
      "import * as tf from '@tensorflow/tfjs';\nconst weights = tf.randomNormal([32, 32]);\nconst score = tf.matMul(weights, weights).relu().sum();\nconsole.log('tensors', tf.memory().numTensors);\nscore",
    );
    const counts: number[] = [];
    for (let i = 0; i < 20; i++) {
      // Waits for this run's own end: the previous run's "done" must not count.
      const text = await runAndWait(page, 0);
      counts.push(Number(text.match(/tensors (\d+)/)?.[1]));
    }
    expect(counts.every(Number.isFinite)).toBe(true);
    expect(counts[19]).toBe(counts[1]);
  });

  it('keeps tensors a top-level name or tf.keep holds, and frees those only a closure holds', async () => {
    const { page } = await open(twoSum);
    await type(
      page,
      0,
      "import * as tf from '@tensorflow/tfjs';\nconst bound = tf.scalar(2);\nconst scaler = (keep: boolean) => {\n  const factor = tf.scalar(3);\n  if (keep) tf.keep(factor);\n  return (x: number) => factor.mul(x).dataSync()[0];\n};\nconst kept = scaler(true);\nconst lost = scaler(false);",
    );
    await runAndWait(page, 0);
    await type(page, 1, "console.log('later', bound.mul(5).dataSync()[0], kept(5));");
    expect(await runAndWait(page, 1)).toContain('later 10 15');
    await type(page, 1, 'lost(5)');
    expect(await runAndWait(page, 1, 'error')).toContain('disposed');
  });

  it('shows the backend it chose and lets the reader switch', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, "import * as tf from '@tensorflow/tfjs';\nconsole.log('on', tf.getBackend());");
    // Headless Chromium here has no GPU: WebGL would be software-rendered, so WASM must win.
    expect(await runAndWait(page, 0, 'done')).toContain('on wasm');
    expect(await page.locator('.cells-backend-current').textContent()).toBe('wasm');
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('cpu');
    await expect.poll(() => page.locator('.cells-backend-current').textContent()).toBe('cpu');
    expect(await runAndWait(page, 0, 'done')).toContain('on cpu');
  });
});

describe('share links', () => {
  it('carry edited code to another reader, who sees a notice and nothing runs', async () => {
    const first = await open(twoSum);
    const edited = "console.log('shared edit', 1 + 2)";
    await type(first.page, 0, edited);
    await cell(first.page, 0).getByRole('button', { name: 'Share', exact: true }).click();
    const link = await cell(first.page, 0).getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/#cells=/);

    // openPage gives a fresh context: no localStorage from the first reader.
    const second = await openPage(session.browser, link);
    const { page } = second;
    await reachCells(page);
    await expect.poll(() => page.locator('.cells-status').textContent()).toContain('share link');
    expect(await cell(page, 0).locator('.cell-plain').textContent()).toBe(edited);
    await page.waitForTimeout(500);
    expect(await state(page, 0)).toBe('idle');
    expect(await output(page, 0).textContent()).not.toContain('shared edit');
    const workers = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /worker|cells-kernel/.test(entry.name)).length);
    expect(workers).toBe(0);
    expect(await runAndWait(page, 0)).toContain('shared edit 3');
    expect(scriptErrors(second.consoleErrors)).toEqual([]);
  });
});
