/**
 * The foundation as a reader meets it: both locales, sidebar navigation, math,
 * search in English and Chinese, themes, accessibility, and a site that works
 * from its own origin alone — at the root and under a sub-path.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { builds, openPage, serve, type Served } from './harness.ts';
import { useBuiltSite } from './session.ts';

const bctPath = 'papers/backward-compatible-representation-learning/';

const session = useBuiltSite();

async function search(page: Page, query: string): Promise<string[]> {
  await page.click('button[data-open-modal]');
  const input = page.locator('dialog[open]').getByRole('searchbox');
  await input.fill(query);
  const results = page.locator('dialog[open] .search-result-link');
  await results.first().waitFor({ timeout: 15_000 });
  return results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

/** The first two-to-four-character Chinese word of a title, as the browser segments a query. */
function chineseWord(title: string): string | undefined {
  return [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)].map((s) => s.segment).find((w) => /^[\u4e00-\u9fff]{2,4}$/.test(w));
}

/** A built English archive note whose original Chinese title holds a Chinese word, found on disk. */
function archivedNoteWithOriginalTitle(): { path: string; originalTitle: string } {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : name === 'index.html' ? [full] : [];
    });
  for (const file of walk(join(builds.root.dir, 'notes'))) {
    const html = readFileSync(file, 'utf8');
    const match = html.match(/<p class="original-title[^"]*" lang="zh-CN"[^>]*>([^<]+)<\/p>/);
    if (match && !/categories/.test(file) && chineseWord(match[1])) {
      return { path: relative(builds.root.dir, file).replace(/index\.html$/, ''), originalTitle: match[1] };
    }
  }
  throw new Error('no archived note with an original Chinese title was built');
}

describe('locales', () => {
  it('renders the English home page with links to every section', async () => {
    const { page, consoleErrors } = await openPage(session.browser, session.site.url);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    for (const section of ['papers/', 'notes/', 'algorithms/']) {
      await expect(page.locator(`main a[href$="/${section}"]`).count()).resolves.toBeGreaterThan(0);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('renders the Chinese home page in Chinese, with Chinese interface strings', async () => {
    const { page, consoleErrors } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('main').innerText()).toMatch(/[\u4e00-\u9fff]{4}/);
    await expect(page.locator('button[data-open-modal]').innerText()).resolves.toContain('搜索');
    expect(consoleErrors).toEqual([]);
  });

  it('switches language with the language picker, staying on the same note', async () => {
    const { page } = await openPage(session.browser, `${session.site.url}${bctPath}`);
    await page.locator('starlight-lang-select select').first().selectOption({ label: '简体中文' });
    await page.waitForURL(`**/zh-cn/${bctPath}`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  });
});

describe('navigation and content', () => {
  it('reaches a note from the sidebar, with its original Chinese title under the title', async () => {
    const { page, consoleErrors } = await openPage(session.browser, session.site.url + 'papers/');
    const link = page.locator(`nav[aria-label] a[href$="/${bctPath}"]`).first();
    await link.click();
    await page.waitForURL(`**/${bctPath}`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/Backward-Compatible/i);
    await expect(page.locator('.original-title').innerText()).resolves.toContain('向后兼容');
    expect(consoleErrors).toEqual([]);
  });

  it('shows one section’s sidebar per page, with the sections as topics, and the current folder open', async () => {
    const { page } = await openPage(session.browser, session.site.url + 'algorithms/problems/2021/10/two-sum/');
    const sidebar = page.locator('#starlight__sidebar');
    expect((await sidebar.locator('.starlight-sidebar-topics').allInnerTexts()).join(' ')).toMatch(/Papers[\s\S]*Notes[\s\S]*Algorithms/);
    // Only the algorithms section's pages: no paper note is listed.
    expect(await sidebar.locator('a[href$="/papers/cosent/"]').count()).toBe(0);
    const current = sidebar.locator('a[aria-current="page"]');
    expect(await current.getAttribute('href')).toMatch(/two-sum\/$/);
    // Folders other than the current one are closed.
    const open = await sidebar.locator('details[open] > summary').allInnerTexts();
    expect(open.map((label) => label.trim())).not.toContain('2022');
  });

  it('renders math with KaTeX, without errors, and the square-root sign visible', async () => {
    const { page } = await openPage(session.browser, session.site.url + bctPath);
    expect(await page.locator('.katex').count()).toBeGreaterThan(2);
    expect(await page.locator('.katex-error').count()).toBe(0);
    const sqrt = page.locator('.katex .sqrt svg').first();
    const box = await sqrt.boundingBox();
    expect(box, 'a square root drawn by KaTeX').not.toBeNull();
    expect(box!.height).toBeGreaterThan(5);
    expect(box!.width).toBeGreaterThan(5);
  });

  it('serves KaTeX fonts from the site itself', async () => {
    const { page, offOriginRequests, failedResponses } = await openPage(session.browser, session.site.url + bctPath);
    const fontFamilies = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(fontFamilies.some((f) => f.includes('KaTeX'))).toBe(true);
    expect(offOriginRequests).toEqual([]);
    expect(failedResponses).toEqual([]);
  });

  it('renders Starlight asides on notes', async () => {
    const { page } = await openPage(session.browser, session.site.url + bctPath);
    expect(await page.locator('aside.starlight-aside').count()).toBeGreaterThan(0);
  });

  it('toggles dark mode from the theme picker', async () => {
    const { page } = await openPage(session.browser, session.site.url + bctPath);
    await page.locator('starlight-theme-select select').first().selectOption('dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.reload();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.locator('starlight-theme-select select').first().selectOption('light');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
  });
});

describe('search', () => {
  it('finds an English term', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    const hits = await search(page, 'backfilling');
    expect(hits).toContain(`/${bctPath}`);
  });

  it('finds a Chinese term from a Chinese page body', async () => {
    const { page } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    const hits = await search(page, '兼容');
    expect(hits).toContain(`/zh-cn/${bctPath}`);
  });

  it('finds a note by a term that appears only in its Chinese original title', async () => {
    const note = archivedNoteWithOriginalTitle();
    const { page } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    const term = chineseWord(note.originalTitle);
    expect(term, `a Chinese word in "${note.originalTitle}"`).toBeTruthy();
    const hits = await search(page, term!);
    expect(hits).toContain(`/zh-cn/${note.path}`);
  });
});

describe('a site that stands alone', () => {
  it('requests nothing from another origin and logs no console error across pages', async () => {
    const pages = ['', 'zh-cn/', bctPath, `zh-cn/${bctPath}`, 'papers/', 'notes/', 'algorithms/'];
    const offOrigin: string[] = [];
    const errors: string[] = [];
    const failed: string[] = [];
    for (const path of pages) {
      const opened = await openPage(session.browser, session.site.url + path);
      await opened.page.waitForLoadState('networkidle');
      offOrigin.push(...opened.offOriginRequests);
      errors.push(...opened.consoleErrors.map((e) => `${path}: ${e}`));
      failed.push(...opened.failedResponses);
      await opened.page.context().close();
    }
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it.each(['', bctPath, `zh-cn/${bctPath}`])('has no serious or critical axe violation on /%s', async (path) => {
    const { page } = await openPage(session.browser, session.site.url + path);
    // Expressive Code makes an overflowing code block focusable from a debounced
    // ResizeObserver (250 ms, then idle), so the page is audited once that has
    // happened; if it never does, this wait times out and the test fails.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every(
          (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
        ),
      undefined,
      { timeout: 5000 },
    );
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  });
});

describe('deployed under a sub-path', () => {
  let sub: Served;
  beforeAll(async () => {
    sub = await serve(builds.sub.dir, builds.sub.base);
  });
  afterAll(async () => sub?.close());

  it('resolves every link, asset and search result under the base', async () => {
    const { page, failedResponses, consoleErrors } = await openPage(session.browser, sub.url);
    const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.filter((h) => !h.startsWith('/notes/'))).toEqual([]);
    // The archive section under base /notes/ is /notes/notes/, not the home page.
    expect(hrefs).toContain('/notes/notes/');
    await page.locator('main a[href="/notes/papers/"]').first().click();
    await page.waitForURL('**/notes/papers/');
    await page.locator(`nav[aria-label] a[href$="/${bctPath}"]`).first().click();
    await page.waitForURL(`**/notes/${bctPath}`);
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    const hits = await search(page, 'backfilling');
    expect(hits).toContain(`/notes/${bctPath}`);
    expect(failedResponses).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
