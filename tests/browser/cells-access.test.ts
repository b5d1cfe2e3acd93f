/**
 * The live cells for every reader: controls reachable and named for assistive
 * technology, usable from the keyboard alone, labelled in Chinese on Chinese
 * pages with the same accessible names, and working under a sub-path, where
 * the worker, TensorFlow.js's WASM binary and the data must resolve under it.
 */
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { builds, openPage, serve } from './harness.ts';
import { reachCells } from './reader.ts';
import { useBuiltSite } from './session.ts';

const guide = 'guides/how-cells-work/';

const session = useBuiltSite();

function cellById(page: Page, id: string) {
  return page.locator(`[data-cell="${id}"]`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Expressive Code makes overflowing code blocks focusable from a resize observer
  // after an idle moment; the page is only finished once it has.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
  );
  // Plot's SVG comes from the build's renderer, not from these controls; it is checked where plots are made.
  const results = await new AxeBuilder({ page }).include('main').exclude('.cell-plot').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe('accessibility of the live cells', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious axe violation in ${colorScheme} mode once the controls are added, a cell has run and another is stale`, async () => {
      const { page } = await openPage(session.browser, session.site.url + guide, { colorScheme });
      await reachCells(page);
      expect(await seriousViolations(page)).toEqual([]);
      await cellById(page, 'table-and-plot').getByRole('button', { name: 'Run cell', exact: true }).click();
      await cellById(page, 'table-and-plot').and(page.locator('[data-cell-state="done"]')).waitFor({ timeout: 60_000 });
      const curve = cellById(page, 'curve');
      await curve.getByRole('button', { name: 'Edit code', exact: true }).click();
      await curve.locator('.cm-content').focus();
      await page.keyboard.press('End');
      await page.keyboard.insertText(' ');
      await cellById(page, 'table-and-plot').and(page.locator('[data-cell-state="stale"]')).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('announces outputs politely and names every control', async () => {
    const { page } = await openPage(session.browser, session.site.url + guide);
    await reachCells(page);
    const hello = cellById(page, 'hello');
    expect(await hello.locator('[data-cell-output]').getAttribute('aria-live')).toBe('polite');
    for (const name of ['Run cell', 'Edit code', 'Reset cell', 'Copy code', 'Share']) {
      expect(await hello.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    for (const name of ['Run all', 'Stop']) expect(await page.getByRole('button', { name, exact: true }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Backend' }).count()).toBe(1);
  });

  it('works from the keyboard alone: run, edit, Shift+Enter, Escape', async () => {
    const { page } = await openPage(session.browser, session.site.url + guide);
    await reachCells(page);
    const hello = cellById(page, 'hello');
    const run = hello.getByRole('button', { name: 'Run cell', exact: true });
    await hello.getByRole('button', { name: 'Share', exact: true }).focus();
    // Shift+Tab walks back through Copy code and Edit code to Run cell (Reset cell is disabled until an edit).
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    expect(await run.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await hello.and(page.locator('[data-cell-state="done"]')).waitFor();
    expect(await hello.locator('[data-cell-output]').textContent()).toContain('Hello from a cell');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await hello.locator('.cm-content').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText("console.log('typed with keys')");
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => hello.locator('[data-cell-output]').textContent()).toContain('typed with keys');
    await page.keyboard.press('Escape');
    expect(await run.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('labels controls in Chinese on Chinese pages and keeps the English accessible names', async () => {
    const { page } = await openPage(session.browser, session.site.url + 'zh-cn/' + guide);
    await reachCells(page);
    const run = cellById(page, 'hello').getByRole('button', { name: 'Run cell', exact: true });
    expect(await run.textContent()).toBe('运行');
    expect(await page.locator('.cells-toolbar label').textContent()).toBe('后端');
    await run.click();
    await cellById(page, 'hello').and(page.locator('[data-cell-state="done"]')).waitFor();
    expect(await cellById(page, 'hello').locator('.cell-state').textContent()).toBe('完成');
  });
});

describe('under a sub-path', () => {
  it('loads the worker, TensorFlow.js and its WASM binary from below the base', async () => {
    const sub = await serve(builds.sub.dir, builds.sub.base);
    try {
      const { page, failedResponses, offOriginRequests } = await openPage(session.browser, sub.url + guide);
      await reachCells(page);
      await cellById(page, 'curve').getByRole('button', { name: 'Run cell', exact: true }).click();
      await cellById(page, 'curve').and(page.locator('[data-cell-state="done"]')).waitFor({ timeout: 60_000 });
      // WASM is only chosen once its binary has loaded and initialised; a wrong path would leave tfjs on the CPU.
      expect(await page.locator('.cells-backend-current').textContent()).toBe('wasm');
      // The favicon is the site test's concern, not the cells'.
      expect(failedResponses.filter((response) => !response.includes('favicon'))).toEqual([]);
      expect(offOriginRequests).toEqual([]);
    } finally {
      await sub.close();
    }
  });
});
