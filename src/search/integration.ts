/**
 * Build hook for search, in the built site before Starlight runs Pagefind (so
 * this integration comes before Starlight in astro.config.mjs):
 *  - every Chinese page gets the browser-cut words of its titles
 *    (src/search/segment-hints.ts);
 *  - the dense retriever is trained on the built pages and written to
 *    search/dense.bin (src/search/dense/).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { addSegmentHints } from './segment-hints.ts';
import { writeDenseIndex } from './dense/build.ts';

export default function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
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
        logger.info(await writeDenseIndex(root));
      },
    },
  };
}
