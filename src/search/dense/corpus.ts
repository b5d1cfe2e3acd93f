/**
 * What the dense retriever learns from and indexes, read from the built pages:
 * each page's title, original Chinese title, description and sections
 * (heading and the text under it).
 */
import { parseHTML } from 'linkedom';

export interface Section {
  heading: string;
  text: string;
}

export interface PageDoc {
  /** Site path without base: /papers/cosent/, /zh-cn/papers/cosent/. */
  path: string;
  title: string;
  originalTitle?: string;
  description: string;
  sections: Section[];
}

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The page at `path` from its built HTML; undefined for pages search does not index. */
export function readPage(html: string, path: string): PageDoc | undefined {
  const { document } = parseHTML(html);
  const content = document.querySelector('main[data-pagefind-body] .sl-markdown-content');
  const title = squash(document.querySelector('h1#_top')?.textContent);
  if (!content || !title) return undefined;
  for (const hidden of content.querySelectorAll('[data-pagefind-ignore], script, style, .sr-only')) hidden.remove();
  const sections: Section[] = [{ heading: title, text: '' }];
  for (const node of content.children) {
    const heading = node.matches('.sl-heading-wrapper') ? node.querySelector('h2, h3') : node.matches('h2, h3') ? node : null;
    if (heading) sections.push({ heading: squash(heading.textContent), text: '' });
    else sections[sections.length - 1].text += ` ${squash(node.textContent)}`;
  }
  return {
    path,
    title,
    originalTitle: squash(document.querySelector('p.original-title')?.textContent) || undefined,
    description: squash(document.querySelector('meta[name="description"]')?.getAttribute('content')),
    sections: sections.map((s) => ({ heading: s.heading, text: s.text.trim().slice(0, 400) })).filter((s) => s.text || s.heading),
  };
}

/**
 * Training pairs mined from the notes: (heading, section text), (title,
 * description), (original Chinese title, title), and a page's two languages'
 * titles. Each pair's two sides should land near each other.
 */
export function minePairs(pages: PageDoc[]): [string, string][] {
  const pairs: [string, string][] = [];
  const byPath = new Map(pages.map((p) => [p.path, p]));
  for (const page of pages) {
    if (page.description) pairs.push([page.title, page.description]);
    if (page.originalTitle) pairs.push([page.originalTitle, page.title]);
    for (const section of page.sections) if (section.text.length > 40) pairs.push([section.heading, section.text]);
    const twin = page.path.startsWith('/zh-cn/') ? undefined : byPath.get(`/zh-cn${page.path}`);
    if (twin) pairs.push([page.title, twin.title], [page.description, twin.description]);
  }
  return pairs;
}

/** The texts whose embeddings make a page's vector: what a reader could be asking for. */
export function pageTexts(page: PageDoc): string[] {
  return [page.title, page.originalTitle ?? '', page.description, ...page.sections.map((s) => `${s.heading} ${s.text}`)].filter(Boolean);
}
