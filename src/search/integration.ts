/**
 * Build hook for search, in the built site before Starlight runs Pagefind (so
 * this integration comes before Starlight in astro.config.mjs):
 *  - every Chinese page gets the browser-cut words of its titles
 *    (src/search/segment-hints.ts);
 *  - the dense retriever is trained on the built pages and written, with a
 *    vector per page, to search/dense.bin (src/search/dense/).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import type { AstroIntegration } from 'astro';
import { addSegmentHints } from './segment-hints.ts';
import { readPage, type PageDoc } from './dense/corpus.ts';
import { trainDenseIndex } from './dense/train.ts';
import { denseIndexPath, packIndex } from './dense/model.ts';

/** Site path of a built file: papers/x/index.html → /papers/x/. */
const sitePath = (file: string) => `/${file.replace(/index\.html$/, '')}`;

export default function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages: PageDoc[] = [];
        let hinted = 0;
        const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
        for (const name of files) {
          const file = join(root, name);
          const html = readFileSync(file, 'utf8');
          const page = name.endsWith('index.html') ? readPage(html, sitePath(name)) : undefined;
          if (page) pages.push(page);
          const updated = addSegmentHints(html);
          if (updated !== html) {
            writeFileSync(file, updated);
            hinted++;
          }
        }
        logger.info(`segment hints added to ${hinted} Chinese pages`);
        // The cells' build runner may have chosen tfjs's WASM backend already; if not, it is faster than plain JS here too.
        await import('@tensorflow/tfjs-backend-wasm');
        if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
        const { index, pairs, seconds } = await trainDenseIndex(pages);
        const out = join(root, denseIndexPath);
        mkdirSync(dirname(out), { recursive: true });
        const packed = packIndex(index);
        writeFileSync(out, packed);
        logger.info(
          `dense retriever trained on ${pairs} pairs from ${pages.length} pages in ${seconds.toFixed(1)} s (${tf.getBackend()}); ` +
            `${denseIndexPath}: ${(gzipSync(packed).length / 1024).toFixed(1)} KB gzip`,
        );
      },
    },
  };
}
