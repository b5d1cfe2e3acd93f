/**
 * What the dense retriever learns from and indexes, read from the built pages:
 * each page's title, original Chinese title, description and sections
 * (heading and the text under it).
 */

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

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

/** Text of an HTML fragment: tags dropped, common entities decoded, white space squashed. */
function textOf(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<span class="sr-only"[^>]*>[\s\S]*?<\/span>/g, ' ')
    .replace(/<annotation\b[\s\S]*?<\/annotation>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_all, name: string) => entities[name])
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The page at `path` from its built HTML; undefined for pages search does not
 * index. Read with patterns over Starlight's markup rather than a DOM: a DOM
 * parse of 860 pages of up to 200 KB each took minutes on two busy cores.
 */
export function readPage(html: string, path: string): PageDoc | undefined {
  if (!/<main\b[^>]*\bdata-pagefind-body/.test(html)) return undefined;
  const title = /<h1 id="_top"[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  const start = html.indexOf('<div class="sl-markdown-content">');
  if (!title || start < 0) return undefined;
  const end = html.indexOf('</main>', start);
  const content = html.slice(start, end < 0 ? undefined : end);
  const sections: Section[] = [];
  const headings = [...content.matchAll(/<h([23]) id="[^"]*"[^>]*>([\s\S]*?)<\/h\1>/g)];
  const text = (from: number, to?: number) => textOf(content.slice(from, to)).slice(0, 400);
  sections.push({ heading: textOf(title[1]), text: text(0, headings[0]?.index) });
  headings.forEach((h, i) => sections.push({ heading: textOf(h[2]), text: text(h.index + h[0].length, headings[i + 1]?.index) }));
  const original = /<p class="original-title[^"]*"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  const description = /<meta name="description" content="([^"]*)"/.exec(html);
  return {
    path,
    title: textOf(title[1]),
    originalTitle: original ? textOf(original[1]) : undefined,
    description: description ? textOf(description[1]) : '',
    sections: sections.filter((s) => s.text || s.heading),
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
