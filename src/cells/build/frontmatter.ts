/**
 * What the build writes into a page's remark frontmatter for the site to read
 * back through render(entry). Kept out of src/cells/core: the cell cache's key
 * hashes core, and this is no part of how a cell runs.
 */

import type { VFile } from 'vfile';

/** Sets one field of the page's remark frontmatter (Astro's `file.data.astro.frontmatter`). */
export function setFrontmatter(file: VFile, key: string, value: unknown): void {
  const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
  (astro.frontmatter ??= {})[key] = value;
}

/** How many cells the page has; CellsFooter.astro loads the cell loader only where it is above zero. */
export const CELL_COUNT_FRONTMATTER = 'cellCount';

/** The page's featured plot (featured.ts writes it, the home page reads it); namespaced so that no author's field is mistaken for it. */
export const FEATURED_PLOT_KEY = 'cellsFeaturedPlot';
