/**
 * The home page as a first-time reader meets it, in both languages and both
 * themes, on a phone (375 px) and a laptop: the hero and its two actions in
 * the first screen, nothing wider than the screen, the cards laid out with the
 * thumbnails the build computed, and the reading paths and topics leading
 * where they say. Screenshots go to test-results/home/ for a person to look at.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage } from './harness.ts';
import { useBuiltSite } from './session.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results', 'home');
mkdirSync(shots, { recursive: true });

const session = useBuiltSite();

const languages = [
  { lang: 'en', path: '', start: 'Start reading', cells: 'How the cells work' },
  { lang: 'zh-CN', path: 'zh-cn/', start: '从论文读起', cells: '代码单元怎么用' },
] as const;
const screens = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;
const themes = ['light', 'dark'] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function openHome(path: string, theme: 'light' | 'dark', screen: { width: number; height: number }) {
  const opened = await openPage(session.browser, session.site.url + path, { colorScheme: theme });
  await opened.page.setViewportSize(screen);
  await opened.page.reload();
  return opened;
}

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not rendered`);
  return found;
}

describe.each(languages)('home page ($lang)', ({ lang, path, start, cells }) => {
  it.each(themes.flatMap((theme) => screens.map((screen) => ({ theme, screen }))))(
    'shows what the site offers in the first screen, in the $theme theme on a $screen.name',
    async ({ theme, screen }) => {
      const { page, consoleErrors, offOriginRequests, failedResponses } = await openHome(path, theme, screen);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme);

      // Nothing is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen.width);

      // The hero and both actions are in the first screen, without scrolling.
      for (const target of [page.locator('.hero h1'), page.getByRole('link', { name: start, exact: true }), page.getByRole('link', { name: cells, exact: true })]) {
        await expect(target.isVisible()).resolves.toBe(true);
        const where = await target.boundingBox();
        expect(where && where.y >= 0 && where.y + where.height <= screen.height).toBe(true);
      }

      // Four cards, each with a drawn thumbnail, none on top of another; one column on a phone, several on a laptop.
      const cards = page.locator('.home-card');
      await expect(cards.count()).resolves.toBe(4);
      const boxes: Box[] = [];
      for (let i = 0; i < 4; i++) {
        const card = cards.nth(i);
        const thumbnail = await card.locator('.home-thumb svg').boundingBox();
        expect(thumbnail && thumbnail.width > 150 && thumbnail.height > 40).toBe(true);
        await expect(card.locator('.home-thumb svg').count()).resolves.toBe(1);
        await expect(card.locator('.home-thumb svg :is(path, circle, rect, line)').count()).resolves.toBeGreaterThan(3);
        const cardBox = await card.boundingBox();
        expect(cardBox).not.toBeNull();
        boxes.push(cardBox!);
      }
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
      const columns = new Set(boxes.map((b) => Math.round(b.x))).size;
      if (screen.name === 'phone') expect(columns).toBe(1);
      else expect(columns).toBeGreaterThan(1);
      // On a laptop the cards already start in the first screen.
      if (screen.name === 'laptop') expect(boxes[0].y).toBeLessThan(screen.height);

      // Every card and chip sits inside the content column.
      const main = await box(page, 'main');
      for (const selector of ['.home-card', '.home-path li', '.home-topics li', '.home-sections li']) {
        for (const item of await page.locator(selector).all()) {
          const b = (await item.boundingBox())!;
          expect(b.x >= main.x - 1 && b.x + b.width <= main.x + main.width + 1, `${selector} inside main`).toBe(true);
        }
      }

      const name = `${path ? 'zh-cn' : 'en'}-${theme}-${screen.width}`;
      await page.screenshot({ path: join(shots, `${name}-first-screen.png`) });
      await page.screenshot({ path: join(shots, `${name}-full.png`), fullPage: true });
      expect(consoleErrors).toEqual([]);
      expect(offOriginRequests).toEqual([]);
      expect(failedResponses).toEqual([]);
    },
  );
});

describe('home page links', () => {
  it('draws each thumbnail from the plot the note itself shows, and a click anywhere on the card opens the note', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    const card = page.locator('.home-card').first();
    const thumbnailPaths = await card.locator('.home-thumb svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
    // A click on the plot, not on the title, where a reader's pointer lands: the whole card is the link's target.
    await card.scrollIntoViewIfNeeded();
    const thumbnail = (await card.locator('.home-thumb').boundingBox())!;
    await page.mouse.click(thumbnail.x + thumbnail.width / 2, thumbnail.y + thumbnail.height / 2);
    await page.waitForURL('**/papers/cosent/');
    const notePaths = await page.locator('[data-cell="curves"] [data-cell-output] svg path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
    expect(thumbnailPaths.length).toBeGreaterThan(0);
    expect(thumbnailPaths).toEqual(notePaths);
  });

  it('loads no cell runtime: the home page has no cells', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (['script', 'fetch', 'other'].includes(request.resourceType())) scripts.push(request.url());
    });
    await page.reload({ waitUntil: 'networkidle' });
    expect(scripts.filter((url) => /tfjs|kernel|worker|sucrase|codemirror/i.test(url))).toEqual([]);
    await expect(page.locator('[data-cell]').count()).resolves.toBe(0);
  });

  it('walks the reading path in order, in the reader\'s language', async () => {
    const { page } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    const steps = page.locator('.home-path a');
    const hrefs = await steps.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual(
      ['sgns', 'ngram2vec', 'anisotropy-and-whitening', 'cosent', 'rocketqa', 'rocketqav2', 'retromae', 'generative-dense-retrieval', 'backward-compatible-representation-learning'].map(
        (slug) => `/zh-cn/papers/${slug}/`,
      ),
    );
    await steps.nth(4).click();
    await page.waitForURL('**/zh-cn/papers/rocketqa/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  });

  it.each(languages)('opens the problem index filtered to the topic a reader picks ($lang)', async ({ path }) => {
    const { page } = await openPage(session.browser, session.site.url + path);
    const topic = page.locator('.home-topics a').first();
    const [tag, count] = (await topic.innerText()).split(/\s+(?=\d+$)/);
    await topic.click();
    await page.waitForURL(/\/algorithms\/\?topic=/);
    await expect(page.locator('select[name="topic"]').inputValue()).resolves.toBe(tag);
    await expect(page.locator('[data-problem-index] tbody tr:not([hidden])').count()).resolves.toBe(Number(count));
  });

  it('counts the sections from the content, not from typed numbers', async () => {
    const notesIn = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = join(dir, name);
        return statSync(full).isDirectory() ? notesIn(full) : /\.mdx?$/.test(name) ? [full] : [];
      });
    const content = join(root, 'content');
    const papers = notesIn(join(content, 'papers')).filter((file) => !file.endsWith('index.mdx'));
    const problems = notesIn(join(content, 'algorithms', 'problems'));
    const { page } = await openPage(session.browser, session.site.url);
    const counts = await page.locator('[data-home-count]').allInnerTexts();
    expect(counts[0]).toBe(`${papers.length} notes`);
    expect(counts[2]).toBe(`${problems.length} problems`);
  });
});
