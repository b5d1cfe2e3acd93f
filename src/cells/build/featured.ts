/**
 * The plot of a page's `featured` cell, as the build computed it, handed to
 * the site through the page's frontmatter (Astro exposes it as
 * `remarkPluginFrontmatter` from `render(entry)`). The home page draws it as
 * the note's thumbnail, so no thumbnail is ever a hand-made image.
 */
import type { VFile } from 'vfile';
import type { Output } from '../core/outputs.ts';
import type { VNode } from '../core/vnode.ts';
import type { CollectedCell } from './collect.ts';
import { FEATURED_PLOT_KEY, setFrontmatter } from './frontmatter.ts';
import { fail } from './page-errors.ts';

/** The sanitised chart (core/svg.ts) of the one featured cell, or undefined when the page marks none; a page that marks two, or a featured cell that drew no plot, fails. */
export function featuredPlot(cells: readonly CollectedCell[], outputs: ReadonlyMap<string, Output[]>, page: string): VNode | undefined {
  const featured = cells.filter((cell) => cell.options.featured);
  if (featured.length === 0) return undefined;
  if (featured.length > 1) fail(page, featured[1].fence, `Only one cell per page can be featured; "${featured[0].id}" already is`);
  const [cell] = featured;
  const plots = (outputs.get(cell.id) ?? []).filter((output) => output.kind === 'plot');
  if (plots.length === 0) fail(page, cell.fence, 'A featured cell must draw a plot: it becomes the note’s thumbnail');
  return plots[plots.length - 1].svg;
}

/** Stores the featured plot in the page's frontmatter, where the home page reads it. */
export function exportFeaturedPlot(file: VFile, plot: VNode | undefined): void {
  if (!plot) return;
  setFrontmatter(file, FEATURED_PLOT_KEY, plot);
}
