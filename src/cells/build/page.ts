/**
 * What the build derives from a page's path (relative to the project root,
 * e.g. "content/zh-cn/guides/how-cells-work.mdx").
 */
import type { CellLang } from '../core/markup.ts';

/** "content/zh-cn/…" pages are Chinese. */
export function pageLang(page: string): CellLang {
  return /^content\/zh-cn\//.test(page) ? 'zh-cn' : 'en';
}

/** The kernel's random seed. A translation shares its original's seed, so both show the same numbers. */
export function pageSeed(page: string): string {
  return page.replace(/^content\/zh-cn\//, 'content/');
}
