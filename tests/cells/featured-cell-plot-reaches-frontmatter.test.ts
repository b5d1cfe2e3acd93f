/**
 * A `featured` cell's plot leaves the page through its frontmatter, as the
 * build computed and sanitised it: the home page draws it as the note's
 * thumbnail. Through the real remark pipeline on fixture pages.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { parseHTML } from 'linkedom';
import remarkCells from '../../src/cells/build/remark-cells.ts';
import { FEATURED_PLOT_KEY } from '../../src/cells/build/frontmatter.ts';
import { toHtml } from '../../src/cells/core/render.ts';
import type { VNode } from '../../src/cells/core/vnode.ts';
import { root } from './site-cells.ts';

const fixtures = 'tests/cells/fixtures/content';

async function frontmatter(name: string): Promise<Record<string, unknown>> {
  const path = join(root, fixtures, name);
  // Astro hands the plugin the page's parsed frontmatter here; the plugin adds to it.
  const file = new VFile({ path, value: readFileSync(path, 'utf8'), data: { astro: { frontmatter: { title: 'fixture' } } } });
  await unified().use(remarkParse).use(remarkCells, { root, cache: false }).use(remarkRehype).use(rehypeStringify).process(file);
  return (file.data.astro as { frontmatter: Record<string, unknown> }).frontmatter;
}

describe('featured cell', () => {
  it('puts the featured cell\'s plot, not another cell\'s, into the frontmatter, next to the author\'s fields', async () => {
    const data = await frontmatter('featured.md');
    expect(data.title).toBe('fixture');
    const plot = data[FEATURED_PLOT_KEY] as VNode;
    expect(plot).toMatchObject({ tag: 'svg' });
    // It survives JSON (Astro exports the frontmatter as a JSON literal).
    const { document } = parseHTML(`<!doctype html><html><body>${toHtml(JSON.parse(JSON.stringify(plot)))}</body></html>`);
    // The featured cell drew a line; the other cell drew dots.
    expect(document.querySelector('svg path')).not.toBeNull();
    expect(document.querySelector('svg circle')).toBeNull();
    // Markup the cell put into the chart stays text.
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('svg')?.textContent).toContain('<script>alert(1)</script>');
  });

  it('adds no featured plot to a page without a featured cell', async () => {
    expect(await frontmatter('reproducible.md')).not.toHaveProperty(FEATURED_PLOT_KEY);
  });

  it('fails at the second of two featured cells, and at a featured cell that draws no plot', async () => {
    await expect(frontmatter('featured-twice.md')).rejects.toThrow(`${fixtures}/featured-twice.md:8 Only one cell per page can be featured; "first" already is`);
    await expect(frontmatter('featured-without-plot.md')).rejects.toThrow(`${fixtures}/featured-without-plot.md:3 A featured cell must draw a plot`);
  });
});
