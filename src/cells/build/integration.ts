/**
 * Prints how many cells the build executed and how many it took from the
 * cache, once the site is built.
 */
import type { AstroIntegration } from 'astro';
import { cellCounts } from './remark-cells.ts';

export default function cellsSummary(): AstroIntegration {
  return {
    name: 'cells-summary',
    hooks: {
      'astro:build:done': ({ logger }) => {
        logger.info(`cells: ${cellCounts.executed} executed, ${cellCounts.cached} from cache`);
      },
    },
  };
}
