/**
 * Build hook for search: before Starlight runs Pagefind (so this integration
 * comes before Starlight in astro.config.mjs), give every Chinese page the
 * browser-cut words of its titles (src/search/segment-hints.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { addSegmentHints } from './segment-hints.ts';

export default function searchIndexHints(): AstroIntegration {
  return {
    name: 'search-index-hints',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let changed = 0;
        for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          if (!name.endsWith('.html')) continue;
          const file = join(root, name);
          const html = readFileSync(file, 'utf8');
          const updated = addSegmentHints(html);
          if (updated !== html) {
            writeFileSync(file, updated);
            changed++;
          }
        }
        logger.info(`segment hints added to ${changed} Chinese pages`);
      },
    },
  };
}
