/**
 * CONTENT.md: every page exists in English and in Chinese, at the same path
 * under content/zh-cn/, and the two carry the same original title.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const content = join(import.meta.dirname, '../../content');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(content, 'zh-cn') ? [] : pages(path);
    return /\.mdx?$/.test(entry.name) ? [relative(content, path)] : [];
  });
}

const originalTitle = (file: string) => (parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '') as { originalTitle?: string }).originalTitle;

describe('every English page has a Chinese twin', () => {
  const english = pages(content);
  it('finds the pages', () => expect(english.length).toBeGreaterThan(100));
  it('has a zh-cn page at the same path with the same original title', () => {
    const missing = english.filter((page) => !existsSync(join(content, 'zh-cn', page)));
    expect(missing).toEqual([]);
    const differing = english.filter((page) => originalTitle(join(content, page)) !== originalTitle(join(content, 'zh-cn', page)));
    expect(differing).toEqual([]);
  });
});
