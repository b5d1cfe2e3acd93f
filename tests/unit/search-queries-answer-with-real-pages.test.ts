/**
 * The search benchmark's query set (tests/fixtures/search-queries.json) is only
 * worth its figures if every answer is a page the site builds, in both
 * languages, and both halves hold every kind of query.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQueries } from '../bench/search-queries.ts';

const content = resolve(import.meta.dirname, '../../content');
const queries = loadQueries();

/** The note's source file for a site path, if it exists: `/papers/x/` → content/papers/x.mdx. */
function sourceOf(dir: string, path: string): string | undefined {
  const stem = join(dir, path.replace(/^\/|\/$/g, ''));
  return [`${stem}.mdx`, `${stem}.md`, join(stem, 'index.mdx')].find((file) => existsSync(file));
}

describe('the search query set', () => {
  it('holds at least 100 queries with unique ids and texts per locale', () => {
    expect(queries.length).toBeGreaterThanOrEqual(100);
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
    expect(new Set(queries.map((q) => `${q.from}\u0000${q.query}`)).size).toBe(queries.length);
  });

  it('answers every query with pages that exist in English and Chinese', () => {
    const missing = queries.flatMap((q) =>
      q.answers.flatMap((path) => [
        ...(sourceOf(content, path) ? [] : [`${q.id}: ${path}`]),
        ...(sourceOf(join(content, 'zh-cn'), path) ? [] : [`${q.id}: /zh-cn${path}`]),
      ]),
    );
    expect(missing).toEqual([]);
  });

  it('splits every kind of query between dev and test, about half each', () => {
    const test = queries.filter((q) => q.split === 'test').length;
    expect(Math.abs(test - queries.length / 2)).toBeLessThanOrEqual(queries.length * 0.05);
    for (const kind of new Set(queries.map((q) => q.kind))) {
      const splits = new Set(queries.filter((q) => q.kind === kind).map((q) => q.split));
      expect([kind, [...splits].sort()]).toEqual([kind, ['dev', 'test']]);
    }
  });

  it('covers English, Chinese and mixed queries, typed from both locales', () => {
    expect(new Set(queries.map((q) => q.lang))).toEqual(new Set(['en', 'zh', 'mixed']));
    expect(queries.some((q) => q.kind === 'cross-language' && q.lang === 'zh' && q.from === 'en')).toBe(true);
    expect(queries.some((q) => q.kind === 'cross-language' && q.lang === 'en' && q.from === 'zh-cn')).toBe(true);
  });
});
