/**
 * Build hooks for search, around Starlight's, whose build:done runs Pagefind:
 *  - before it, every Chinese page gets the browser-cut words of its titles
 *    (src/search/segment-hints.ts), so Pagefind indexes them;
 *  - after it, the dense retriever is trained on the built pages and written
 *    to search/dense.bin with each page's Pagefind fragment id
 *    (src/search/dense/).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { addSegmentHints } from './segment-hints.ts';
import { writeDenseIndex } from './dense/build.ts';

/** Goes before Starlight in astro.config.mjs. */
export function searchSegmentHints(): AstroIntegration {
  return {
    name: 'search-segment-hints',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let hinted = 0;
        for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          if (!name.endsWith('.html')) continue;
          const file = join(root, name);
          const html = readFileSync(file, 'utf8');
          const updated = addSegmentHints(html);
          if (updated !== html) {
            writeFileSync(file, updated);
            hinted++;
          }
        }
        logger.info(`segment hints added to ${hinted} Chinese pages`);
      },
    },
  };
}

/** Goes after Starlight in astro.config.mjs: it reads the Pagefind index Starlight wrote. */
export function denseSearchIndex(): AstroIntegration {
  return {
    name: 'search-dense-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        logger.info(await writeDenseIndex(fileURLToPath(dir)));
      },
    },
  };
}
