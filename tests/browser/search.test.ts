/**
 * The search box as a reader uses it on the built site: open it, type (key by
 * key), and read the results: the page expected, labelled with its language,
 * with its section and its twin in the other language; in both languages,
 * across languages, and under the /notes/ sub-path with the site's CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builds, openPage, serve, type Served } from './harness.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();

interface ShownResult {
  path: string;
  language: string;
  label: string;
  section: string | null;
  twin: string;
}

/** Opens the box with Ctrl+K, types the query key by key, and reads the results once they settle. */
async function typeQuery(page: Page, query: string): Promise<ShownResult[]> {
  await page.locator('button[data-open-modal]:not([disabled])').first().waitFor();
  await page.keyboard.press('Control+k');
  const input = page.locator('dialog[open]').getByRole('searchbox');
  await input.waitFor();
  await input.pressSequentially(query, { delay: 30 });
  await page.locator('dialog[open] [role="status"]').filter({ hasText: query }).waitFor({ timeout: 20_000 });
  await page.locator('dialog[open] .search-result').first().and(page.locator('[data-details]')).waitFor();
  return page.locator('dialog[open] .search-result').evaluateAll((items) =>
    items.map((item) => ({
      path: (item.querySelector('.search-result-link') as HTMLAnchorElement).pathname,
      language: (item as HTMLElement).dataset.language ?? '',
      label: item.querySelector('.search-result-language')?.textContent ?? '',
      section: (item.querySelector('.search-result-section') as HTMLAnchorElement | null)?.hash ?? null,
      twin: (item.querySelector('.search-result-twin') as HTMLAnchorElement).pathname,
    })),
  );
}

describe('one search box for both languages', () => {
  it('finds an English page from an English query, labelled English, with its section and Chinese twin', async () => {
    const { page, consoleErrors } = await openPage(session.browser, session.site.url);
    const results = await typeQuery(page, 'trapping rain water');
    const hit = results.find((r) => r.path === '/algorithms/problems/2021/10/trapping-rain-water/');
    expect(hit).toMatchObject({ language: 'en', label: 'English', twin: '/zh-cn/algorithms/problems/2021/10/trapping-rain-water/' });
    expect(results.some((r) => r.section?.startsWith('#'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it('finds a Chinese page from a Chinese query on a Chinese page', async () => {
    const { page } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    const results = await typeQuery(page, '对比学习');
    expect(results.slice(0, 5).map((r) => r.path)).toContain('/zh-cn/notes/2022/05/contrastive-learning/');
    expect(results[0]).toMatchObject({ language: 'zh-cn', label: '中文' });
  });

  it('answers Chinese typed on an English page from the Chinese pages, labelled Chinese, twins offered', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    const results = await typeQuery(page, '负采样');
    const sgns = results.slice(0, 5).find((r) => r.path === '/zh-cn/papers/sgns/');
    expect(sgns).toMatchObject({ language: 'zh-cn', label: 'Chinese', twin: '/papers/sgns/' });
    for (const r of results) expect(r.twin).toBe(r.language === 'zh-cn' ? r.path.replace('/zh-cn/', '/') : `/zh-cn${r.path}`);
  });

  it('answers an English term typed on a Chinese page, own-language results first', async () => {
    const { page } = await openPage(session.browser, `${session.site.url}zh-cn/`);
    const results = await typeQuery(page, 'knapsack');
    expect(results.slice(0, 5).map((r) => r.twin.replace('/zh-cn/', '/'))).toContain('/algorithms/problems/2022/05/zero-one-knapsack/');
    const languages = results.map((r) => r.language);
    expect(languages[0]).toBe('zh-cn');
    expect(new Set(results.map((r) => r.label)).size).toBeGreaterThan(0);
  });

  it('finds the page for a question whose words no page has all of, in both languages', async () => {
    for (const [from, query, answer] of [
      ['', 'why is a queue built from a pair of stacks amortised constant time', '/algorithms/problems/2022/03/queue-from-stacks-amortised/'],
      ['zh-cn/', '为什么用两个栈实现的队列均摊是常数时间', '/zh-cn/algorithms/problems/2022/03/queue-from-stacks-amortised/'],
    ]) {
      const { page } = await openPage(session.browser, `${session.site.url}${from}`);
      // Pagefind alone keeps only pages with every word: none for this question.
      // A string, not a function: the test runner would rewrite a function's import().
      const plain = await page.evaluate(`(async () => {
        const api = await import('/pagefind/pagefind.js');
        const instance = api.createInstance({ basePath: '/pagefind/' });
        await instance.options({ baseUrl: '/' });
        return (await instance.search(${JSON.stringify(query)})).results.length;
      })()`);
      expect(plain).toBe(0);
      const results = await typeQuery(page, query);
      expect(results.slice(0, 5).map((r) => r.path)).toContain(answer);
    }
  });

  it('reads a result’s excerpt only once it scrolls into view', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    const fragments: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/fragment/')) fragments.push(request.url());
    });
    const results = await typeQuery(page, 'contrastive loss');
    expect(results).toHaveLength(10);
    const items = page.locator('dialog[open] .search-result');
    await expect(items.last().getAttribute('data-details')).resolves.toBeNull();
    const before = fragments.length;
    expect(before).toBeLessThan(10);
    for (const item of await items.all()) {
      await item.scrollIntoViewIfNeeded();
      await item.and(page.locator('[data-details]')).waitFor();
    }
    expect(fragments.length).toBeGreaterThan(before);
  });

  it('follows the section link to the heading it names', async () => {
    const { page } = await openPage(session.browser, session.site.url);
    await typeQuery(page, 'backfilling');
    const section = page.locator('dialog[open] .search-result-section').first();
    const hash = await section.evaluate((a) => (a as HTMLAnchorElement).hash);
    await section.click();
    await page.waitForURL(`**${hash}`);
    await expect(page.locator(decodeURIComponent(hash)).count()).resolves.toBe(1);
  });
});

describe('under the /notes/ sub-path', () => {
  let sub: Served;
  beforeAll(async () => {
    sub = await serve(builds.sub.dir, builds.sub.base);
  });
  afterAll(async () => sub?.close());

  it('searches both languages from the base, with no CSP violation or failed request', async () => {
    const { page, consoleErrors, failedResponses, offOriginRequests } = await openPage(session.browser, sub.url);
    const results = await typeQuery(page, '向后兼容');
    // A page found in both languages is shown once, in the reader's language, with its twin offered.
    const bct = results.slice(0, 5).find((r) => r.path.endsWith('/papers/backward-compatible-representation-learning/'));
    expect(bct?.path).toBe('/notes/papers/backward-compatible-representation-learning/');
    expect(bct?.twin).toBe('/notes/zh-cn/papers/backward-compatible-representation-learning/');
    expect(results.every((r) => r.twin.startsWith('/notes/'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(failedResponses).toEqual([]);
    expect(offOriginRequests).toEqual([]);
  });
});
