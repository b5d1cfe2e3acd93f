/**
 * What SITE_URL turns on, read from the two builds the test command makes:
 * `npm run build:base` sets SITE_URL=https://example.org under /notes/, so
 * dist-base/ must have the sitemap, canonical and hreflang links and the
 * feeds; `npm run build` sets none, so dist/ must have none of them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMParser, parseHTML } from 'linkedom';
import { builds } from './harness.ts';

const root = resolve(import.meta.dirname, '../..');
const origin = 'https://example.org';
const site = `${origin}/notes/`;

function read(dir: string, path: string): string {
  const file = join(dir, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" and "npm run build:base" first`);
  return readFileSync(file, 'utf8');
}

const xml = (text: string) => new DOMParser().parseFromString(text, 'text/xml');
const page = (path: string) => parseHTML(read(builds.sub.dir, `${path}index.html`)).document;

function notesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? notesIn(full) : /\.mdx?$/.test(name) ? [full] : [];
  });
}

/** Paper and concept notes (not the reading list) and archived notes, counted from the content folder. */
function feedNotes(contentDir: string): number {
  const papers = notesIn(join(contentDir, 'papers')).filter((file) => !file.endsWith('index.mdx'));
  const archived = readdirSync(join(contentDir, 'notes')).filter((name) => /^\d{4}$/.test(name)).flatMap((year) => notesIn(join(contentDir, 'notes', year)));
  return papers.length + archived.length;
}

describe('with SITE_URL (dist-base)', () => {
  it('lists every page in the sitemap with its twin in the other language', () => {
    expect(read(builds.sub.dir, 'sitemap-index.xml')).toContain(`<loc>${site}sitemap-0.xml</loc>`);
    const sitemap = xml(read(builds.sub.dir, 'sitemap-0.xml'));
    const urls = [...sitemap.querySelectorAll('url')];
    const entry = urls.find((url) => url.querySelector('loc')?.textContent === `${site}papers/cosent/`);
    expect(entry).toBeDefined();
    // The alternates are <xhtml:link> elements: matched by name, whatever the XML parser makes of the prefix.
    const links = [...entry!.children].filter((child) => /(^|:)link$/.test(child.tagName));
    const alternates = Object.fromEntries(links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]));
    expect(alternates).toMatchObject({ en: `${site}papers/cosent/`, 'zh-CN': `${site}zh-cn/papers/cosent/` });
    // Every URL is under the site's address, home pages of both languages included.
    const locs = urls.map((url) => url.querySelector('loc')?.textContent ?? '');
    expect(locs.every((loc) => loc.startsWith(site))).toBe(true);
    expect(locs).toEqual(expect.arrayContaining([site, `${site}zh-cn/`]));
  });

  it.each([
    ['papers/cosent/', 'zh-cn/papers/cosent/'],
    ['zh-cn/notes/2022/04/bert-crf-memo/', 'zh-cn/notes/2022/04/bert-crf-memo/'],
  ])('gives /notes/%s its canonical address and hreflang links to both languages', (path) => {
    const document = page(path);
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${site}${path}`);
    const english = path.replace(/^zh-cn\//, '');
    const alternates = Object.fromEntries(
      [...document.querySelectorAll('link[rel="alternate"][hreflang]:not([type])')].map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]),
    );
    expect(alternates).toEqual({ en: `${site}${english}`, 'zh-CN': `${site}zh-cn/${english}`, 'x-default': `${site}${english}` });
  });

  it.each([
    { feed: 'feed.xml', lang: 'en', content: join(root, 'content'), prefix: site },
    { feed: 'zh-cn/feed.xml', lang: 'zh-CN', content: join(root, 'content', 'zh-cn'), prefix: `${site}zh-cn/` },
  ])('publishes $feed: the $lang paper and archived notes, newest first, with dates', ({ feed, lang, content, prefix }) => {
    const channel = xml(read(builds.sub.dir, feed)).querySelector('channel')!;
    expect(channel.querySelector('language')?.textContent).toBe(lang);
    const items = [...channel.querySelectorAll('item')].map((item) => ({
      link: item.querySelector('link')?.textContent ?? '',
      date: Date.parse(item.querySelector('pubDate')?.textContent ?? ''),
      title: item.querySelector('title')?.textContent ?? '',
    }));
    expect(items).toHaveLength(feedNotes(content));
    expect(items.every((item) => item.link.startsWith(prefix) && item.title !== '' && Number.isFinite(item.date))).toBe(true);
    expect(items.some((item) => item.link === `${prefix}papers/cosent/`)).toBe(true);
    expect(items.some((item) => item.link === `${prefix}notes/2022/04/bert-crf-memo/`)).toBe(true);
    expect(items.some((item) => /\/algorithms\/|\/guides\//.test(item.link))).toBe(false);
    if (lang === 'en') expect(items.some((item) => item.link.includes('/zh-cn/'))).toBe(false);
    for (let i = 1; i < items.length; i++) expect(items[i].date).toBeLessThanOrEqual(items[i - 1].date);
    // Every page's head tells feed readers where both feeds are.
    const links = [...page('papers/cosent/').querySelectorAll('link[type="application/rss+xml"]')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/notes/feed.xml', '/notes/zh-cn/feed.xml']);
  });

  it('joins the home page\'s hero actions onto the base', () => {
    const actions = [...page('').querySelectorAll('.hero .actions a')].map((link) => link.getAttribute('href'));
    expect(actions).toEqual(['/notes/papers/', '/notes/guides/how-cells-work/']);
    const chinese = [...page('zh-cn/').querySelectorAll('.hero .actions a')].map((link) => link.getAttribute('href'));
    expect(chinese).toEqual(['/notes/zh-cn/papers/', '/notes/zh-cn/guides/how-cells-work/']);
  });
});

describe('without SITE_URL (dist)', () => {
  it('writes no sitemap, feed, canonical or hreflang link, and still builds every page', () => {
    expect(existsSync(join(builds.root.dir, 'sitemap-index.xml'))).toBe(false);
    expect(existsSync(join(builds.root.dir, 'feed.xml'))).toBe(false);
    expect(existsSync(join(builds.root.dir, 'zh-cn', 'feed.xml'))).toBe(false);
    const { document } = parseHTML(read(builds.root.dir, 'papers/cosent/index.html'));
    expect(document.querySelector('link[rel="canonical"], link[hreflang], link[type="application/rss+xml"]')).toBeNull();
  });
});
