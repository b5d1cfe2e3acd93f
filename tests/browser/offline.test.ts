/**
 * Offline reading on the built site, as a reader meets it: visit a note with
 * cells, lose the network (the browser offline and the server gone), reload,
 * and the note opens and Run all runs every cell, TensorFlow.js's WASM and the
 * data files included; a page never visited gets the browser's offline error.
 * And a new build's worker deletes the caches of the one before.
 *
 * Each test serves its own copy of the build (links to dist/ plus a real
 * sw.js), so it can stop the server and deploy a "new build" of the worker.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBuild, serviceWorkerScript, workerFile, type OfflineBuild } from '../../src/offline/build.ts';
import { cacheLimits, cacheName } from '../../src/offline/routes.ts';
import { builds, launch, serve, type Served } from './harness.ts';
import { scriptErrors } from './reader.ts';

/** A note whose cells import TensorFlow.js and load a WordNet data file. */
const note = 'notes/2022/12/query-correction/';
const noteData = ['wn-retrieval.json'];
const neverVisited = 'papers/sgns/';

let browser: Browser;
const described = new Map<string, OfflineBuild>();
/** What the build wrote into its sw.js, worked out again from its files (the sub-path build only when a test needs it). */
function offlineOf(build: { dir: string; base: string }): OfflineBuild {
  if (!described.has(build.dir)) described.set(build.dir, describeBuild(build.dir, build.base));
  return described.get(build.dir) as OfflineBuild;
}
const copies: string[] = [];

/** Paths of built problem pages, e.g. "algorithms/problems/2021/10/two-sum/", sorted. */
function problemPages(dir: string): string[] {
  const root = join(dir, 'algorithms/problems');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('/index.html') && file.split('/').length === 4)
    .map((file) => `algorithms/problems/${file.slice(0, -'index.html'.length)}`)
    .sort();
}

/** A copy of a build whose sw.js can be replaced: every other entry links to the real one. */
function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'offline-site-'));
  copies.push(copy);
  for (const entry of readdirSync(dir)) {
    if (entry === workerFile) copyFileSync(join(dir, entry), join(copy, entry));
    else symlinkSync(join(dir, entry), join(copy, entry));
  }
  return copy;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

interface Reader {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
}

async function reader(): Promise<Reader> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return { context, page, consoleErrors };
}

/** The URLs, of those given, that this build's caches do not hold yet. */
function missing(page: Page, build: OfflineBuild, urls: string[]): Promise<string[]> {
  const names = (['pages', 'runtime', 'assets', 'data'] as const).map((kind) => cacheName(kind, build.base, build.version));
  return page.evaluate(
    async ({ names, urls }) => {
      const held = new Set<string>();
      for (const name of names) {
        if (!(await caches.has(name))) continue;
        for (const request of await (await caches.open(name)).keys()) held.add(request.url);
      }
      return urls.filter((url) => !held.has(url));
    },
    { names, urls },
  );
}

async function visitAndKeep(page: Page, site: Served, build: OfflineBuild, path: string, data: string[]): Promise<void> {
  await page.goto(site.url + path);
  await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const wanted = [site.url + path, ...build.runtime.map((file) => site.url + file), ...data.map((file) => `${site.url}data/${file}`)];
  await expect.poll(() => missing(page, build, wanted), { timeout: 60_000, interval: 500 }).toEqual([]);
}

async function runAllOffline(page: Page): Promise<void> {
  const cells = page.locator('[data-cell]');
  const count = await cells.count();
  expect(count).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await expect
    .poll(() => cells.evaluateAll((all) => all.map((cell) => cell.getAttribute('data-cell-state'))), { timeout: 150_000, interval: 500 })
    .toEqual(Array.from({ length: count }, () => 'done'));
}

describe('offline reading', () => {
  it('opens a visited note and runs its cells with no network; a page never visited is the browser offline error', { timeout: 300_000 }, async () => {
    const site = await serve(copyOf(builds.root.dir), builds.root.base);
    const { context, page, consoleErrors } = await reader();
    await visitAndKeep(page, site, offlineOf(builds.root), note, noteData);

    await site.close();
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('h1').first().textContent()).toBeTruthy();
    await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
    // Every cell's output is cleared when the reader's run starts; what is there at the end, this run wrote.
    await runAllOffline(page);
    expect(await page.locator('[data-cell-output]').evaluateAll((all) => all.filter((output) => (output.textContent ?? '').trim() !== '').length)).toBeGreaterThan(0);
    // TensorFlow.js ran on WASM: its binary came from the cache, fetched by the kernel frame's blob: worker.
    expect(await page.locator('.cells-backend-current').textContent()).toBe('wasm');
    expect(scriptErrors(consoleErrors)).toEqual([]);

    await expect(page.goto(site.url + neverVisited)).rejects.toThrow(/net::ERR_/);
    await context.close();
  });

  it('works the same under a sub-path: scope, caches and an offline reload', { timeout: 300_000 }, async () => {
    const site = await serve(copyOf(builds.sub.dir), builds.sub.base);
    const { context, page } = await reader();
    await visitAndKeep(page, site, offlineOf(builds.sub), note, noteData);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(site.url);

    await site.close();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Run all', exact: true }).waitFor();
    await runAllOffline(page);
    await context.close();
  });

  it("a new build's worker deletes the previous build's caches", { timeout: 180_000 }, async () => {
    const copy = copyOf(builds.root.dir);
    const site = await serve(copy, builds.root.base);
    const { context, page } = await reader();
    await visitAndKeep(page, site, offlineOf(builds.root), note, noteData);
    const ours = (names: string[]) => names.filter((name) => name.startsWith('study-notes:'));
    const namesNow = () => page.evaluate(() => caches.keys()).then(ours);
    expect((await namesNow()).every((name) => name.endsWith(`:${offlineOf(builds.root).version}`))).toBe(true);

    // What the next build writes: the same site at another version.
    const next: OfflineBuild = { ...offlineOf(builds.root), version: 'next-build' };
    writeFileSync(join(copy, workerFile), await serviceWorkerScript(next));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(() => namesNow(), { timeout: 30_000, interval: 250 }).not.toContainEqual(expect.stringContaining(offlineOf(builds.root).version));

    // The new worker keeps the reader's next visit under its own version.
    await page.reload();
    await expect.poll(() => missing(page, next, [site.url + note]), { timeout: 30_000, interval: 250 }).toEqual([]);
    expect((await namesNow()).every((name) => name.endsWith(':next-build'))).toBe(true);
    await context.close();
    await site.close();
  });

  it(`keeps the ${cacheLimits.pages} pages opened last, and drops the ones before`, { timeout: 300_000 }, async () => {
    const site = await serve(copyOf(builds.root.dir), builds.root.base);
    const { context, page } = await reader();
    const paths = problemPages(builds.root.dir).slice(0, cacheLimits.pages + 2);
    expect(paths).toHaveLength(cacheLimits.pages + 2);
    await page.goto(site.url + paths[0]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await expect.poll(() => missing(page, offlineOf(builds.root), [site.url + paths[0]]), { timeout: 30_000 }).toEqual([]);
    for (const path of paths.slice(1)) await page.goto(site.url + path, { waitUntil: 'commit' });
    const pagesCache = cacheName('pages', offlineOf(builds.root).base, offlineOf(builds.root).version);
    const kept = () => page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url).sort(), pagesCache);
    await expect.poll(kept, { timeout: 60_000, interval: 500 }).toEqual(paths.slice(2).map((path) => site.url + path).sort());
    await context.close();
    await site.close();
  });
});
