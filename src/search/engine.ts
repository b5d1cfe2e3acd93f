/**
 * The search behind the modal: Pagefind's own bundle, loaded from the site on
 * first use, queried in the page's language and, through `mergeIndex`, in the
 * other one. Each index segments the query the way its own language needs
 * (Pagefind runs `Intl.Segmenter` with the index's language), which is why a
 * second index is merged instead of building one combined index: a combined
 * index would have one language, and Chinese typed into it on an English page
 * would not be segmented at all.
 */
import { fuse, fusionWeights, languageOf, type Entry, type Hit, type Language } from './rank.ts';
import { denseIndexPath, nearestPages, unpackIndex, type DenseIndex, type DensePage } from './dense/model.ts';
import { relaxedRanking, relaxedWords } from './relax.ts';

interface PagefindSubResult {
  url: string;
  title: string;
  excerpt: string;
  anchor?: { element: string; id: string };
  locations: number[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface PagefindResult {
  /** The page's fragment id, which the dense index lists for each page. */
  id: string;
  /** Pagefind's BM25 score for this search; the relaxed pass adds up a page's scores over the query's words. */
  score: number;
  data(): Promise<PagefindData>;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: { language: string; baseUrl: string }): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] } | null>;
}

export interface SearchOutcome {
  /** Pagefind in the page's language only: what Starlight's search gives. */
  own: Hit[];
  other: Hit[];
  /** The dense retriever's pages, both languages. */
  dense: Hit[];
  fused: Entry[];
  /**
   * The entry's hit with its excerpt and best section, read from its Pagefind
   * fragment; unchanged for a page only the dense retriever found. A fragment
   * holds its page's whole text (3–10 KB gzip), so the modal asks only for the
   * results a reader can see.
   */
  details(entry: Entry): Promise<Hit>;
}

/** Results taken from each list per search. */
const perLanguage = 8;

/** Results the modal lists. */
export const shownResults = 10;

/** The best-matching section of a page: the heading with the most matched words under it. */
function bestSection(data: PagefindData): Hit['section'] {
  const sections = data.sub_results.filter((sub) => sub.anchor && sub.url.includes('#'));
  if (sections.length === 0) return undefined;
  const best = sections.reduce((a, b) => (b.locations.length > a.locations.length ? b : a));
  return { url: best.url, title: best.title };
}

async function toHit(result: PagefindResult): Promise<Hit> {
  const data = await result.data();
  return { url: data.url, title: data.meta.title ?? data.url, excerpt: data.excerpt, section: bestSection(data) };
}

interface LoadedDense {
  index: DenseIndex;
  byFragment: Map<string, DensePage>;
}

export class SiteSearch {
  private pagefind: Promise<PagefindApi> | undefined;
  private dense: Promise<LoadedDense> | undefined;

  constructor(
    private readonly base: string,
    private readonly own: Language,
  ) {}

  private load(): Promise<PagefindApi> {
    this.pagefind ??= (async () => {
      const root = this.base.replace(/\/?$/, '/');
      const bundle = `${root}pagefind/`;
      const api = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as PagefindApi;
      await api.options({ baseUrl: root, excerptLength: 24 });
      await api.init();
      // Pagefind skips a merged path that the primary bundle path starts with;
      // `./` names the same folder and keeps the other language's index.
      await api.mergeIndex(`${bundle}./`, { language: this.own === 'en' ? 'zh-cn' : 'en', baseUrl: root });
      return api;
    })();
    return this.pagefind;
  }

  private loadDense(): Promise<LoadedDense> {
    this.dense ??= fetch(`${this.base.replace(/\/?$/, '/')}${denseIndexPath}`).then(async (response) => {
      if (!response.ok) throw new Error(`${denseIndexPath}: HTTP ${response.status}`);
      const index = unpackIndex(await response.arrayBuffer());
      return { index, byFragment: new Map(index.pages.flatMap((page) => (page.fragment ? [[page.fragment, page] as const] : []))) };
    });
    return this.dense;
  }

  /**
   * Pagefind's results for the whole query, topped up from its words one by
   * one when every word together matches fewer pages than one list shows.
   */
  private async pagefindResults(api: PagefindApi, term: string): Promise<PagefindResult[]> {
    const all = (await api.search(term))?.results ?? [];
    const words = relaxedWords(term);
    // A one-word query would only repeat the search it has just made.
    if (all.length >= perLanguage || (words.length === 1 && words[0] === term.trim().toLowerCase())) return all;
    const perWord = await Promise.all(words.map(async (word) => (await api.search(word))?.results ?? []));
    return relaxedRanking(all, perWord, perLanguage * 2);
  }

  async results(term: string): Promise<SearchOutcome> {
    const [api, dense] = await Promise.all([this.load(), this.loadDense()]);
    const root = this.base.replace(/\/?$/, '/');
    const pageHit = (page: DensePage): Hit => ({ url: `${root}${page.path.slice(1)}`, title: page.title, excerpt: '' });
    const denseHits = nearestPages(dense.index, term, perLanguage * 2).map(({ page }) => pageHit(page));
    const found = await this.pagefindResults(api, term);
    // Pagefind returns both indexes' results in one list sorted by score; the
    // URL says which index each came from, and each language keeps its order.
    const fragments = new Map<string, PagefindResult>();
    const hits = await Promise.all(
      found.slice(0, perLanguage * 2).map(async (result) => {
        const page = dense.byFragment.get(result.id);
        // A page the dense index does not list is placed by reading its fragment.
        const hit = page ? pageHit(page) : await toHit(result);
        fragments.set(hit.url, result);
        return hit;
      }),
    );
    const ownHits = hits.filter((hit) => languageOf(hit.url, this.base) === this.own);
    const otherHits = hits.filter((hit) => languageOf(hit.url, this.base) !== this.own);
    const fused = fuse(
      [
        { hits: ownHits, weight: fusionWeights.own },
        { hits: otherHits, weight: fusionWeights.other },
        { hits: denseHits, weight: fusionWeights.dense },
      ],
      this.own,
      this.base,
    );
    const details = async (entry: Entry): Promise<Hit> => {
      const result = fragments.get(entry.hit.url);
      // A page the dense index does not list was placed by reading its fragment already.
      if (!result || entry.hit.excerpt) return entry.hit;
      const { excerpt, section } = await toHit(result);
      return { ...entry.hit, excerpt, section };
    };
    return { own: ownHits, other: otherHits, dense: denseHits, fused, details };
  }
}
