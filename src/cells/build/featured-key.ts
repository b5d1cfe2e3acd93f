/**
 * The frontmatter key a page's featured plot travels under (featured.ts writes
 * it, the home page reads it). A module of its own so that the home page
 * imports a name, not the build's cell machinery. Namespaced so that no
 * author's frontmatter field is mistaken for it.
 */
export const FEATURED_PLOT_KEY = 'cellsFeaturedPlot';
