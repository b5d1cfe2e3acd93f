/**
 * How one search box ranks pages found in both languages. Every page exists in
 * English and Chinese (the Chinese twin lives under zh-cn/), so a result is
 * identified by its page, whichever language matched: the two languages' lists
 * are fused by reciprocal-rank fusion, which needs no comparable scores, only
 * ranks (Pagefind's scores from two indexes are not on one scale).
 */

export type Language = 'en' | 'zh-cn';

export interface Hit {
  /** The matched page's URL, base included. */
  url: string;
  title: string;
  excerpt: string;
  /** The section that matched best, when the page has headings. */
  section?: { url: string; title: string };
}

export interface Entry {
  /** The page's English site path without base, `/papers/cosent/`: both twins share it. */
  key: string;
  /** The version that matched, in the reader's language when that one matched. */
  hit: Hit;
  language: Language;
  /** The same page in the other language. */
  twinUrl: string;
  score: number;
}

const zhPrefix = 'zh-cn/';

function withinBase(url: string, base: string): string {
  const path = url.split('#')[0];
  const root = base.replace(/\/?$/, '/');
  return path.startsWith(root) ? path.slice(root.length) : path.replace(/^\//, '');
}

export function languageOf(url: string, base: string): Language {
  return withinBase(url, base).startsWith(zhPrefix) ? 'zh-cn' : 'en';
}

/** The page both twins share: base, locale prefix and anchor removed. */
export function pageKey(url: string, base: string): string {
  const path = withinBase(url, base);
  return `/${path.startsWith(zhPrefix) ? path.slice(zhPrefix.length) : path}`;
}

export function twinUrl(url: string, base: string): string {
  const root = base.replace(/\/?$/, '/');
  const key = pageKey(url, base).slice(1);
  return languageOf(url, base) === 'zh-cn' ? `${root}${key}` : `${root}${zhPrefix}${key}`;
}

/**
 * RRF weights of the search box's lists: the reader's language leads the other
 * at equal ranks. Chosen on the dev split of the query set only.
 */
export const fusionWeights = { own: 1, other: 0.9, dense: 1 } as const;

export interface RankedList {
  hits: Hit[];
  /** RRF weight; the reader's own language gets the larger one so its results lead at equal ranks. */
  weight: number;
}

/**
 * Reciprocal-rank fusion (Cormack et al., k = 60) over page keys. Within one
 * list a page counts once, at its best rank (a list may hold both twins); an
 * entry shows the version in the reader's language when that version matched.
 */
export function fuse(lists: RankedList[], own: Language, base: string, k = 60): Entry[] {
  const entries = new Map<string, Entry>();
  for (const list of lists) {
    const seen = new Set<string>();
    let rank = 0;
    for (const hit of list.hits) {
      const key = pageKey(hit.url, base);
      const language = languageOf(hit.url, base);
      const found = entries.get(key);
      if (found && language === own && found.language !== own) {
        Object.assign(found, { hit, language, twinUrl: twinUrl(hit.url, base) });
      }
      if (seen.has(key)) continue;
      seen.add(key);
      rank++;
      const gain = list.weight / (k + rank);
      if (found) found.score += gain;
      else entries.set(key, { key, hit, language, twinUrl: twinUrl(hit.url, base), score: gain });
    }
  }
  return [...entries.values()].sort((a, b) => b.score - a.score || Number(b.language === own) - Number(a.language === own));
}
