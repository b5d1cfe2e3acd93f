/**
 * What the home page's components share: finding a note in the reader's
 * language, and failing the build, not the reader, when the home page names
 * a note that does not exist.
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Note = CollectionEntry<'docs'>;

/** The note with this English id (`papers/cosent`) in the page's language; the English page where no twin exists. */
export async function noteInLanguage(id: string, zh: boolean): Promise<Note> {
  const wanted = zh ? [`zh-cn/${id}`, id] : [id];
  const found = await getCollection('docs', (entry) => wanted.includes(entry.id));
  const note = wanted.map((want) => found.find((entry) => entry.id === want)).find((entry) => entry !== undefined);
  if (!note) throw new Error(`The home page names the note "${id}", which does not exist`);
  return note;
}

/** Starlight names the page's locale: 'zh-cn' on Chinese pages, undefined on English (root) ones. */
export function isChinese(locals: App.Locals): boolean {
  return locals.starlightRoute?.locale === 'zh-cn';
}

/** The page's-language notes whose id (without `zh-cn/`) matches. */
export async function notesMatching(pattern: RegExp, zh: boolean): Promise<Note[]> {
  const prefix = zh ? 'zh-cn/' : '';
  return getCollection('docs', (entry) => entry.id.startsWith(prefix) && (zh || !entry.id.startsWith('zh-cn/')) && pattern.test(entry.id.slice(prefix.length)));
}
