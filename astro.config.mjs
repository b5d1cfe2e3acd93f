// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import starlightLinksValidator from 'starlight-links-validator';
import starlightSidebarTopics from 'starlight-sidebar-topics';
import rehypeKatexStrict from './src/markdown/rehype-katex-strict.ts';
import rehypeBaseLinks from './src/markdown/rehype-base-links.ts';
import remarkDocsPath from './src/markdown/remark-docs-path.ts';
import remarkCells from './src/cells/build/remark-cells.ts';
import cellsSummary from './src/cells/build/integration.ts';
import cspInlineHashes from './src/site/csp-inline-hashes.ts';
import offlineReading from './src/offline/integration.ts';
import { denseSearchIndex, searchSegmentHints } from './src/search/integration.ts';
import { feedLinks, siteUrl } from './src/site/publishing.ts';

// SITE_BASE deploys the site under a sub-path, e.g. SITE_BASE=/notes/.
const base = process.env.SITE_BASE ?? '/';
// SITE_URL (the origin, e.g. https://example.org) turns on the sitemap, canonical and hreflang links, and the feeds.
const site = siteUrl(process.env.SITE_URL);

export default defineConfig({
  site,
  base,
  // Rendered Markdown is cached; links in it depend on the base, so each base gets its own cache.
  cacheDir: base === '/' ? './node_modules/.astro' : './node_modules/.astro-base',
  trailingSlash: 'ignore',
  security: {
    csp: {
      // What each source is for: README, "Content Security Policy".
      directives: [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "form-action 'self'",
        "worker-src 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  markdown: {
    processor: unified({
      remarkPlugins: [
        [
          remarkDocsPath,
          {
            contentDir: fileURLToPath(new URL('./content/', import.meta.url)),
            docsDir: fileURLToPath(new URL('./src/content/docs/', import.meta.url)),
          },
        ],
        remarkMath,
        remarkCells,
      ],
      rehypePlugins: [rehypeKatex, rehypeKatexStrict, [rehypeBaseLinks, { base }]],
    }),
  },
  // The cell worker is an ES module so TensorFlow.js, its backends and the
  // notebooks stay separate chunks, fetched only when a cell imports them.
  vite: { worker: { format: 'es' } },
  integrations: [
    cellsSummary(),
    cspInlineHashes(),
    // Before Starlight: its build:done hook runs Pagefind over the pages this one adds hints to.
    searchSegmentHints(),
    starlight({
      title: { en: 'Study Notes', 'zh-CN': '学习笔记' },
      description: 'Study notes on sentence embeddings and dense retrieval, with runnable TensorFlow.js notebooks.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css', './src/styles/cells.css', './src/styles/plot-legends.css'],
      head: site ? feedLinks(base) : [],
      // Hero action links are site paths: this joins them onto the base.
      routeMiddleware: './src/site/hero-links.ts',
      components: {
        PageTitle: './src/components/PageTitle.astro',
        // Keeps Starlight's footer and adds the cell loader to every page.
        Footer: './src/cells/browser/CellsFooter.astro',
        // One search box over both languages (src/search/).
        Search: './src/search/Search.astro',
      },
      // Vite resolves the src/content/docs symlink to content/, so Starlight's
      // Markdown transforms (asides, heading anchors) must be told about it.
      markdown: { processedDirs: ['./content'] },
      lastUpdated: false,
      // One sidebar per section (starlight-sidebar-topics): Starlight renders the
      // whole sidebar into every page, which at 800+ pages would be most of each
      // page's HTML. Folders start collapsed; Starlight opens the current one.
      // Chinese pages may link to English-only sections: Starlight serves those as fallback pages.
      plugins: [
        starlightSidebarTopics(
          [
            { id: 'papers', label: { en: 'Papers', 'zh-CN': '论文' }, link: '/papers/', icon: 'document', items: [{ autogenerate: { directory: 'papers' } }] },
            { id: 'notes', label: { en: 'Notes', 'zh-CN': '笔记' }, link: '/notes/', icon: 'open-book', items: [{ autogenerate: { directory: 'notes', collapsed: true } }] },
            { id: 'algorithms', label: { en: 'Algorithms', 'zh-CN': '算法题' }, link: '/algorithms/', icon: 'puzzle', items: [{ autogenerate: { directory: 'algorithms', collapsed: true } }] },
            { id: 'guides', label: { en: 'Guides', 'zh-CN': '指南' }, link: '/guides/how-cells-work/', icon: 'information', items: [{ autogenerate: { directory: 'guides' } }] },
          ],
          { exclude: ['/', '/zh-cn/'] },
        ),
        starlightLinksValidator({ errorOnRelativeLinks: false, errorOnFallbackPages: false }),
      ],
    }),
    // After Starlight: the dense index names each page's Pagefind fragment.
    denseSearchIndex(),
    // Last: the service worker's version hashes the finished site, search index included.
    offlineReading(),
  ],
});
