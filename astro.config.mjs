// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import starlightLinksValidator from 'starlight-links-validator';
import rehypeKatexStrict from './src/markdown/rehype-katex-strict.ts';
import rehypeBaseLinks from './src/markdown/rehype-base-links.ts';
import remarkDocsPath from './src/markdown/remark-docs-path.ts';
import remarkCells from './src/cells/build/remark-cells.ts';
import cellsSummary from './src/cells/build/integration.ts';
import cspInlineHashes from './src/site/csp-inline-hashes.ts';

// SITE_BASE deploys the site under a sub-path, e.g. SITE_BASE=/notes/.
const base = process.env.SITE_BASE ?? '/';

export default defineConfig({
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
    starlight({
      title: { en: 'Study Notes', 'zh-CN': '学习笔记' },
      description: 'Study notes on sentence embeddings and dense retrieval, with runnable TensorFlow.js notebooks.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css', './src/styles/cells.css'],
      components: {
        PageTitle: './src/components/PageTitle.astro',
        // Keeps Starlight's footer and adds the cell loader to every page.
        Footer: './src/cells/browser/CellsFooter.astro',
      },
      // Vite resolves the src/content/docs symlink to content/, so Starlight's
      // Markdown transforms (asides, heading anchors) must be told about it.
      markdown: { processedDirs: ['./content'] },
      lastUpdated: false,
      sidebar: [
        { label: 'Papers', translations: { 'zh-CN': '论文' }, items: [{ autogenerate: { directory: 'papers' } }] },
        { label: 'Notes', translations: { 'zh-CN': '笔记' }, items: [{ autogenerate: { directory: 'notes' } }] },
        { label: 'Algorithms', translations: { 'zh-CN': '算法题' }, items: [{ autogenerate: { directory: 'algorithms' } }] },
        { label: 'Guides', translations: { 'zh-CN': '指南' }, items: [{ autogenerate: { directory: 'guides' } }] },
      ],
      // Chinese pages may link to English-only sections: Starlight serves those as fallback pages.
      plugins: [starlightLinksValidator({ errorOnRelativeLinks: false, errorOnFallbackPages: false })],
    }),
  ],
});
