import { describe, expect, it } from 'vitest';
import { feedLinks, siteUrl } from '../../src/site/publishing.ts';

describe('SITE_URL', () => {
  it('is optional: unset or empty builds a site without an address', () => {
    expect(siteUrl(undefined)).toBeUndefined();
    expect(siteUrl('')).toBeUndefined();
  });

  it('gives Astro the origin', () => {
    expect(siteUrl('https://example.org')).toBe('https://example.org');
    expect(siteUrl('https://example.org/')).toBe('https://example.org');
    expect(siteUrl('http://localhost:4321')).toBe('http://localhost:4321');
  });

  it('refuses a path, which belongs in SITE_BASE, and anything that is not an http(s) URL', () => {
    expect(() => siteUrl('https://example.org/notes/')).toThrow(/origin only \("https:\/\/example.org"\); put the path "\/notes\/" in SITE_BASE/);
    expect(() => siteUrl('example.org')).toThrow(/absolute URL/);
    expect(() => siteUrl('ftp://example.org')).toThrow(/http\(s\) URL/);
  });
});

describe('feed links', () => {
  it('point at each language\'s feed under the base', () => {
    expect(feedLinks('/notes/').map((link) => [link.attrs.hreflang, link.attrs.href])).toEqual([
      ['en', '/notes/feed.xml'],
      ['zh-CN', '/notes/zh-cn/feed.xml'],
    ]);
    expect(feedLinks('/')[0].attrs).toMatchObject({ rel: 'alternate', type: 'application/rss+xml', href: '/feed.xml' });
  });
});
