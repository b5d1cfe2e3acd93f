/**
 * Where the site is published, from the SITE_URL setting: Astro's `site`,
 * which turns on the sitemap, canonical links, `hreflang` alternates and the
 * feeds. SITE_URL is the origin only; the path the site lives under is
 * SITE_BASE, so the two cannot disagree.
 */
import { withBase } from './base-url.ts';

/** The origin Astro's `site` gets, or undefined when SITE_URL is unset or empty (a local build). */
export function siteUrl(setting: string | undefined): string | undefined {
  if (!setting) return undefined;
  let url: URL;
  try {
    url = new URL(setting);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.org, not "${setting}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be an http(s) URL, not "${setting}"`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`SITE_URL is the origin only ("${url.origin}"); put the path "${url.pathname}" in SITE_BASE`);
  }
  return url.origin;
}

/** The feeds, one per language: the language's notes by date. */
export const feeds = [
  { locale: undefined, lang: 'en', title: 'Study Notes', path: 'feed.xml' },
  { locale: 'zh-cn', lang: 'zh-CN', title: '学习笔记', path: 'zh-cn/feed.xml' },
] as const;

/** `<link rel="alternate">` to each feed, for Starlight's `head`: feed readers find them from any page. */
export function feedLinks(base: string) {
  return feeds.map((feed) => ({
    tag: 'link' as const,
    attrs: { rel: 'alternate', type: 'application/rss+xml', title: feed.title, hreflang: feed.lang, href: withBase(feed.path, base) },
  }));
}
