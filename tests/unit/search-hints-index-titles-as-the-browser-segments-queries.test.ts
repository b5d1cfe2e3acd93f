import { describe, expect, it } from 'vitest';
import { addSegmentHints, browserWords, titlesOf } from '../../src/search/segment-hints.ts';

const page = (lang: string, body: string) =>
  `<html lang="${lang}"><head><meta name="description" content="用单调栈求接雨水"></head><body><main data-pagefind-body>${body}</main></body></html>`;

describe('segment hints for Chinese pages', () => {
  it('cuts a title into the words Intl.Segmenter makes of a query for it', () => {
    const query = [...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment('接雨水')].map((s) => s.segment);
    expect(browserWords(['接雨水'])).toEqual(query);
    expect(browserWords(['Transformer与长度外推性'])).not.toContain('transformer');
  });

  it('reads the headings, the original title and the description', () => {
    const html = page('zh-CN', '<h1 id="_top">接雨水</h1><p class="original-title" lang="zh-CN">接雨水问题</p><h2 id="a">单调栈 &amp; 双指针</h2>');
    expect(titlesOf(html)).toEqual(['接雨水', '单调栈 & 双指针', '接雨水问题', '用单调栈求接雨水']);
  });

  it('puts the words, hidden, inside the indexed element of a Chinese page only', () => {
    const zh = addSegmentHints(page('zh-CN', '<h1 id="_top">接雨水</h1>'));
    expect(zh).toMatch(/<main data-pagefind-body><span hidden data-search-hints>[^<]*雨水[^<]*<\/span><h1/);
    const en = page('en', '<h1 id="_top">Trapping Rain Water</h1><p class="original-title" lang="zh-CN">接雨水</p>');
    expect(addSegmentHints(en)).toBe(en);
    const unindexed = '<html lang="zh-CN"><body><main><h1>接雨水</h1></main></body></html>';
    expect(addSegmentHints(unindexed)).toBe(unindexed);
  });
});
