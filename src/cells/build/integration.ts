/**
 * The cells' part of the build: type-check every cell before pages render
 * (CELLS_TYPECHECK=0 skips it, for a build right after `npm run typecheck`,
 * which already ran the same check), and print how many cells the build
 * executed and how many it took from the cache.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { cellCounts } from './remark-cells.ts';

// Loaded with Node's require for the reason given in remark-cells.ts.
const nodeRequire = createRequire(import.meta.url);

export default function cellsSummary(): AstroIntegration {
  return {
    name: 'cells-summary',
    hooks: {
      'astro:build:start': ({ logger }) => {
        if (process.env.CELLS_TYPECHECK === '0') return;
        const root = process.cwd();
        const types = nodeRequire(join(root, 'src/cells/build/cell-types.ts')) as typeof import('./cell-types.ts');
        const errors = types.checkCellTypes(root);
        if (errors.length > 0) throw new Error(`Type errors in cells:\n${errors.map(types.formatCellTypeError).join('\n')}`);
        logger.info('cells: no type errors');
      },
      'astro:build:done': ({ logger }) => {
        logger.info(`cells: ${cellCounts.executed} executed, ${cellCounts.cached} from cache`);
      },
    },
  };
}
