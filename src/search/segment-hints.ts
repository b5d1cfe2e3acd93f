/**
 * Pagefind's extended build segments Chinese pages with its own dictionary when
 * it indexes them, but segments a reader's query with the browser's
 * `Intl.Segmenter`; where the two cut a title differently, the query's words
 * are not in the index and the page is not found. This adds, to each page,
 * the words of its titles and headings as `Intl.Segmenter` cuts them, spaced
 * apart so the indexer keeps them whole: whatever the browser makes of a title
 * or heading, the index has the same words.
 */
const han = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/** The distinct words of `texts` that hold a Chinese character, as the browser cuts them. */
export function browserWords(texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const { segment, isWordLike } of segmenter.segment(text)) {
      if (isWordLike && han.test(segment)) words.add(segment.toLocaleLowerCase());
    }
  }
  return [...words];
}

const decode = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** The texts a reader searches a page by: its title, original Chinese title, description and headings. */
export function titlesOf(html: string): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(/<(h[1-3])\b[^>]*>([\s\S]*?)<\/\1>/g)) texts.push(decode(match[2]));
  const original = /<p class="original-title[^"]*"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  if (original) texts.push(decode(original[1]));
  const description = /<meta name="description" content="([^"]*)"/.exec(html);
  if (description) texts.push(decode(description[1]));
  return texts;
}

/**
 * A Chinese page with a hidden list of its titles' browser-cut words inside
 * the element Pagefind indexes (`data-pagefind-body`). English pages are left
 * as they are: their index does not segment Chinese at all, and the search box
 * answers Chinese on English pages from the Chinese index (src/search/engine.ts).
 */
export function addSegmentHints(html: string): string {
  if (!/<html[^>]*\blang="zh/.test(html)) return html;
  const body = /<[a-z]+\b[^>]*\bdata-pagefind-body\b[^>]*>/.exec(html);
  if (!body) return html;
  const words = browserWords(titlesOf(html));
  if (words.length === 0) return html;
  const at = body.index + body[0].length;
  return `${html.slice(0, at)}<span hidden data-search-hints>${words.join(' ')}</span>${html.slice(at)}`;
}
