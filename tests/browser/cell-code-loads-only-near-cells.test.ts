/**
 * Cell code costs nothing where it is not used: a page without cells loads no
 * cell script at all; a page with cells loads only the small loader until the
 * reader scrolls near a cell, and then the controls appear and run.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './harness.ts';
import { reachCells, scriptErrors } from './reader.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();

/** The bodies of every script the page has fetched so far, by path. */
function recordScripts(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, response.text());
  });
  return scripts;
}

/**
 * The offline-reading client (src/offline/offline-client.ts), loaded on every
 * page once it is idle, and the chunks it imports: it reads the cell markup
 * only to choose what to keep for offline use, and runs no cell code.
 */
async function offlineClient(scripts: Map<string, Promise<string>>): Promise<Set<string>> {
  const paths = new Set<string>();
  for (const [path, body] of scripts) {
    const code = await body;
    if (!code.includes('serviceWorker.register')) continue;
    paths.add(path);
    for (const [, chunk] of code.matchAll(/from\s*"\.\/([\w.-]+\.js)"/g)) paths.add(new URL(chunk, `http://x${path}`).pathname);
  }
  return paths;
}

/** Scripts whose code names `marker` (the cell attribute the loader looks for, or a class only the controller draws), the offline client aside. */
async function scriptsNaming(scripts: Map<string, Promise<string>>, marker: string): Promise<string[]> {
  const offline = await offlineClient(scripts);
  const named: string[] = [];
  for (const [path, body] of scripts) if (!offline.has(path) && (await body).includes(marker)) named.push(path);
  return named;
}

async function openRecorded(path: string) {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const scripts = recordScripts(page);
  await page.goto(session.site.url + path, { waitUntil: 'networkidle' });
  return { page, scripts };
}

describe('cell code loads only where cells are', () => {
  for (const path of ['', 'zh-cn/', 'papers/', 'algorithms/']) {
    it(`a page without cells (/${path}) loads no cell script`, async () => {
      const { page, scripts } = await openRecorded(path);
      expect(await page.locator('[data-cell]').count()).toBe(0);
      expect(scripts.size).toBeGreaterThan(0);
      expect(await scriptsNaming(scripts, 'data-cell')).toEqual([]);
      await page.context().close();
    });
  }

  it('a page with cells loads the loader only, then the controller when the reader nears a cell', async () => {
    const { page, scripts } = await openRecorded('papers/cosent/');
    const first = page.locator('[data-cell]').first();
    // The premise: the first cell starts more than two screens down, beyond the loader's look-ahead.
    const { top, screen } = await first.evaluate((el) => ({ top: el.getBoundingClientRect().top, screen: innerHeight }));
    expect(top).toBeGreaterThan(2 * screen);
    await page.waitForTimeout(1000);
    expect(await scriptsNaming(scripts, 'data-cell')).toHaveLength(1);
    expect(await scriptsNaming(scripts, 'cells-toolbar')).toEqual([]);
    expect(await page.locator('.cell-controls').count()).toBe(0);

    await reachCells(page);
    expect((await scriptsNaming(scripts, 'cells-toolbar')).length).toBeGreaterThan(0);
    expect(await page.locator('.cell-controls').count()).toBe(await page.locator('[data-cell]').count());
    await page.context().close();
  });

  it('a reader who tabs into a cell far down the page gets its controls', async () => {
    const { page, consoleErrors } = await openPage(session.browser, `${session.site.url}papers/cosent/`);
    // Focus without scrolling: only the focus can have started the controller.
    await page.locator('[data-cell] summary').first().evaluate((summary: HTMLElement) => summary.focus({ preventScroll: true }));
    await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
    expect(await page.locator('[data-cell]').first().evaluate((el) => el.getBoundingClientRect().top > innerHeight)).toBe(true);
    await page.locator('[data-cell]').first().scrollIntoViewIfNeeded();
    expect(await page.locator('.cell-controls').first().isVisible()).toBe(true);
    expect(scriptErrors(consoleErrors)).toEqual([]);
    await page.context().close();
  });
});
