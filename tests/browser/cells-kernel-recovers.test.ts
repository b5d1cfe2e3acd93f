/**
 * The live kernel as a reader who experiments finds it: timers that belong to
 * their cell and can be stopped, a cell that closes its own worker, a late
 * rejection, and a saved edit whose original the author has since changed.
 */
import { describe, expect, it } from 'vitest';
import { cell, openCells, output, reachCells, runAndWait, scriptErrors, type } from './reader.ts';
import { runCellAndWait } from './harness.ts';
import { useBuiltSite } from './session.ts';

const twoSum = 'algorithms/problems/2021/10/two-sum/';
const session = useBuiltSite();
const open = (path: string) => openCells(session.browser, session.site.url + path);

describe('a kernel that never gets stuck', () => {
  it('keeps a cell’s ticks in its own output, shows it running, and Stop ends them', async () => {
    const { page, consoleErrors } = await open(twoSum);
    await type(page, 0, "setInterval(() => console.log('tick'), 20)");
    await cell(page, 0).getByRole('button', { name: 'Run cell', exact: true }).click();
    await cell(page, 0).and(page.locator('[data-cell-state="running"]')).waitFor();
    await expect.poll(() => output(page, 0).textContent()).toContain('tick');
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    await page.waitForTimeout(300);
    expect(await stop.isDisabled()).toBe(false);
    await type(page, 1, "console.log('other cell')");
    const other = await runAndWait(page, 1);
    expect(other).toContain('other cell');
    expect(other).not.toContain('tick');
    await stop.click();
    const frozen = await output(page, 0).textContent();
    await page.waitForTimeout(200);
    expect(await output(page, 0).textContent()).toBe(frozen);
    expect(scriptErrors(consoleErrors)).toEqual([]);
  });

  it('names a cell that closed its worker, and the next run starts a fresh kernel', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, 'self.close()');
    await cell(page, 0).getByRole('button', { name: 'Run cell', exact: true }).click();
    await expect.poll(() => page.locator('.cells-status').textContent()).toContain('the cell closed its worker');
    await type(page, 0, "console.log('fresh', 40 + 2)");
    expect(await runAndWait(page, 0)).toContain('fresh 42');
  });

  it('marks a late rejection as the cell’s error', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, "Promise.reject(new Error('late')); console.log('after')");
    const text = await runCellAndWait(cell(page, 0), ['error'], 30_000);
    expect(text).toContain('late');
    await page.waitForTimeout(300);
    expect(await cell(page, 0).getAttribute('data-cell-state')).toBe('error');
  });

  it('keeps a saved edit whose original changed, says so, and shows the new original', async () => {
    const { page } = await open(twoSum);
    await type(page, 0, "console.log('my edit')");
    await page.waitForTimeout(300);
    // As if the edit had been made from an older original.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage)) {
        if (!key.includes(':solution')) continue;
        const saved = JSON.parse(localStorage.getItem(key) ?? '{}') as { code: string };
        localStorage.setItem(key, JSON.stringify({ code: saved.code, original: '00000000' }));
      }
    });
    await page.reload();
    await reachCells(page);
    const notice = cell(page, 0).locator('.cell-original-changed');
    await notice.waitFor();
    await notice.locator('summary').click();
    expect(await notice.locator('pre').textContent()).toContain('function twoSum');
    expect(await cell(page, 0).locator('.cell-plain').textContent()).toBe("console.log('my edit')");
  });
});
