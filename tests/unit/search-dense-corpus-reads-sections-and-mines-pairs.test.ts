import { describe, expect, it } from 'vitest';
import { minePairs, readPage } from '../../src/search/dense/corpus.ts';

// The markup Starlight builds: title, original title, content with wrapped headings.
const built = (lang: string, title: string, original: string) =>
  `<html lang="${lang}"><head><meta name="description" content="How much rain &amp; water stays"></head><body>` +
  `<nav><h2 id="starlight__on-this-page">On this page</h2></nav><main data-pagefind-body><h1 id="_top">${title}</h1>` +
  `<p class="original-title" lang="zh-CN">${original}</p><div class="sl-markdown-content"><p>Intro text that is long enough to train on, truly.</p>` +
  `<div class="sl-heading-wrapper level-h2"><h2 id="two-pointers">Two pointers</h2><a class="sl-anchor-link" href="#two-pointers"><span class="sr-only">Section titled “Two pointers”</span></a></div>` +
  `<p>Walk from both ends, keeping the higher wall on each side <span class="katex"><annotation encoding="application/x-tex">h_i</annotation>h</span>.</p><script>ignored()</script></div></main></body></html>`;

describe('the dense retriever’s corpus', () => {
  it('reads title, original title, description and each section’s text from a built page', () => {
    const page = readPage(built('en', 'Trapping Rain Water', '接雨水'), '/a/')!;
    expect(page).toMatchObject({ path: '/a/', title: 'Trapping Rain Water', originalTitle: '接雨水', description: 'How much rain & water stays' });
    expect(page.sections.map((s) => s.heading)).toEqual(['Trapping Rain Water', 'Two pointers']);
    expect(page.sections[1].text).toBe('Walk from both ends, keeping the higher wall on each side h .');
    expect(readPage('<html><body><main><h1 id="_top">x</h1></main></body></html>', '/b/')).toBeUndefined();
  });

  it('pairs headings with their text, titles with descriptions and original titles, and twins’ titles', () => {
    const en = readPage(built('en', 'Trapping Rain Water', '接雨水'), '/a/')!;
    const zh = readPage(built('zh-CN', '接雨水', '接雨水'), '/zh-cn/a/')!;
    const pairs = minePairs([en, zh]);
    expect(pairs).toContainEqual(['Two pointers', en.sections[1].text]);
    expect(pairs).toContainEqual(['Trapping Rain Water', 'How much rain & water stays']);
    expect(pairs).toContainEqual(['接雨水', 'Trapping Rain Water']);
    expect(pairs).toContainEqual(['Trapping Rain Water', '接雨水']);
  });
});
