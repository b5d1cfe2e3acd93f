/**
 * The search dialog's behaviour: open and close it (button, Ctrl/⌘+K, a click
 * outside or on a result), search as the reader types, and draw the fused
 * results, each labelled with its language, its best section and its twin.
 */
import { shownResults, SiteSearch, type SearchOutcome } from './engine.ts';
import type { Entry, Hit, Language } from './rank.ts';

interface Strings {
  en: string;
  'zh-cn': string;
  twinEn: string;
  twinZh: string;
  none: string;
  results: string;
  loading: string;
  section: string;
}

const debounceMs = 150;

/**
 * Pagefind's excerpt is HTML with <mark> around matched words. Only text and
 * <mark> are kept, rebuilt as DOM nodes, so no markup from the index reaches the page.
 */
function excerptNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

function link(className: string, href: string, text: string, lang?: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = className;
  a.href = href;
  a.textContent = text;
  if (lang) a.lang = lang === 'zh-cn' ? 'zh-CN' : 'en';
  return a;
}

function renderEntry(entry: Entry, strings: Strings): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  item.dataset.language = entry.language;
  const head = document.createElement('div');
  head.className = 'search-result-head';
  head.append(link('search-result-link', entry.hit.url, entry.hit.title, entry.language));
  const label = document.createElement('span');
  label.className = 'search-result-language';
  label.textContent = strings[entry.language];
  head.append(label);
  item.append(head);
  const twinLanguage: Language = entry.language === 'en' ? 'zh-cn' : 'en';
  item.append(link('search-result-twin', entry.twinUrl, twinLanguage === 'en' ? strings.twinEn : strings.twinZh, twinLanguage));
  return item;
}

/** Adds the section and the excerpt between a result's title and its twin link, once they are read. */
function renderDetails(item: HTMLLIElement, hit: Hit, language: Language, strings: Strings): void {
  const twin = item.querySelector('.search-result-twin');
  if (hit.section) item.insertBefore(link('search-result-section', hit.section.url, `${strings.section}: ${hit.section.title}`, language), twin);
  // A page only the dense retriever found has no excerpt: the retriever ships vectors, not text.
  if (hit.excerpt) {
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result-excerpt';
    excerpt.lang = language === 'zh-cn' ? 'zh-CN' : 'en';
    excerpt.append(...excerptNodes(hit.excerpt));
    item.insertBefore(excerpt, twin);
  }
  item.dataset.details = 'shown';
}

export class SiteSearchElement extends HTMLElement {
  private engine: SiteSearch | undefined;
  private searchId = 0;

  /** Searches both languages; the modal draws what this returns, and the search benchmark calls it. */
  results(term: string): Promise<SearchOutcome> {
    this.engine ??= new SiteSearch(this.dataset.base ?? '/', this.dataset.language === 'zh-cn' ? 'zh-cn' : 'en');
    return this.engine.results(term);
  }

  connectedCallback(): void {
    const openButton = this.querySelector<HTMLButtonElement>('button[data-open-modal]')!;
    const closeButton = this.querySelector<HTMLButtonElement>('button[data-close-modal]')!;
    const dialog = this.querySelector('dialog')!;
    const frame = this.querySelector('.dialog-frame')!;
    const input = this.querySelector<HTMLInputElement>('[data-search-input]')!;
    const form = this.querySelector<HTMLFormElement>('[data-search-form]')!;
    const strings = JSON.parse(this.dataset.strings ?? '{}') as Strings;

    if (/(Mac|iPhone|iPod|iPad)/i.test(navigator.platform)) {
      const key = this.querySelector('[data-platform-key]');
      if (key) key.textContent = '⌘';
      openButton.setAttribute('aria-keyshortcuts', 'Meta+K');
    }

    const onClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if ((target as Element).closest?.('a') || (document.body.contains(target) && !frame.contains(target))) dialog.close();
    };
    const open = (event?: Event) => {
      dialog.showModal();
      document.body.toggleAttribute('data-search-modal-open', true);
      input.focus();
      event?.stopPropagation();
      window.addEventListener('click', onClick);
    };
    openButton.addEventListener('click', open);
    openButton.disabled = false;
    closeButton.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      document.body.toggleAttribute('data-search-modal-open', false);
      window.removeEventListener('click', onClick);
    });
    window.addEventListener('keydown', (event) => {
      if ((event.metaKey || event.ctrlKey) && event.key === 'k') {
        if (dialog.open) dialog.close();
        else open();
        event.preventDefault();
      }
    });
    form.addEventListener('submit', (event) => event.preventDefault());

    const list = this.querySelector<HTMLOListElement>('[data-search-results]')!;
    const status = this.querySelector<HTMLElement>('[data-search-status]')!;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detailsObserver: IntersectionObserver | undefined;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const term = input.value.trim();
      const id = ++this.searchId;
      if (!term) {
        detailsObserver?.disconnect();
        list.replaceChildren();
        status.textContent = '';
        return;
      }
      status.textContent = strings.loading;
      timer = setTimeout(async () => {
        const outcome = await this.results(term);
        if (id !== this.searchId) return;
        const shown = outcome.fused.slice(0, shownResults);
        const items = shown.map((entry) => renderEntry(entry, strings));
        // Each result reads its page's fragment for the excerpt and section
        // only when it scrolls into view: most searches are read from the top.
        detailsObserver?.disconnect();
        const observer = new IntersectionObserver((seen) => {
          for (const { target, isIntersecting } of seen) {
            if (!isIntersecting) continue;
            observer.unobserve(target);
            const index = items.indexOf(target as HTMLLIElement);
            const entry = shown[index];
            // A fragment that fails to load leaves the result as it is: a title and a link still work.
            void outcome.details(entry).catch(() => entry.hit).then((hit) => {
              if (id === this.searchId) renderDetails(items[index], hit, entry.language, strings);
            });
          }
        });
        detailsObserver = observer;
        list.replaceChildren(...items);
        for (const item of items) observer.observe(item);
        status.textContent = outcome.fused.length ? `${outcome.fused.length} ${strings.results} ${term}` : `${strings.none} ${term}`;
      }, debounceMs);
    });
  }
}
