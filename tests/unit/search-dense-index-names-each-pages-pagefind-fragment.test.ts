/**
 * The dense index lists each page's Pagefind fragment id, read from the
 * fragments Pagefind wrote, so the search box can place Pagefind's results
 * without fetching a fragment for each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pagefindFragments } from '../../src/search/dense/build.ts';

const root = mkdtempSync(join(tmpdir(), 'pagefind-fragments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fragment(id: string, url: string): void {
  const dir = join(root, 'pagefind/fragment');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.pf_fragment`), gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify({ url, content: 'Two Sum. {braces} in the text', meta: { title: 'x' } })}`)));
}

describe('pagefindFragments', () => {
  it('maps each indexed page path to its fragment id', () => {
    fragment('en_5c21708', '/algorithms/problems/2021/10/two-sum/');
    fragment('zh-cn_7147277', '/zh-cn/papers/cosent/');
    writeFileSync(join(root, 'pagefind/fragment/notes.txt'), 'not a fragment');
    expect(Object.fromEntries(pagefindFragments(root))).toEqual({
      '/algorithms/problems/2021/10/two-sum/': 'en_5c21708',
      '/zh-cn/papers/cosent/': 'zh-cn_7147277',
    });
  });

  it('is empty for a site Pagefind has not indexed', () => {
    expect(pagefindFragments(join(root, 'elsewhere')).size).toBe(0);
  });
});
