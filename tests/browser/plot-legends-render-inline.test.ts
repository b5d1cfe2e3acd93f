/**
 * A chart's colour legend on a built page looks as Observable Plot draws it:
 * small swatches in a row, each beside its label, readable in light and dark
 * themes. Screenshots go to test-results/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage } from './harness.ts';
import { useBuiltSite } from './session.ts';

const session = useBuiltSite();
const note = 'notes/2022/05/loss-functions/';
const shots = resolve(import.meta.dirname, '../../test-results');

describe('Plot swatch legends on the built site', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`lay swatches out inline beside their labels (${colorScheme})`, async () => {
      const { page } = await openPage(session.browser, session.site.url + note, { colorScheme });
      const legend = page.locator('.cell-plot [class*="-swatches"]').first();
      await legend.scrollIntoViewIfNeeded();
      const swatches = await legend.locator('[class$="-swatch"]').evaluateAll((items) =>
        items.map((item) => {
          const box = item.getBoundingClientRect();
          const svg = item.querySelector('svg')!.getBoundingClientRect();
          const label = getComputedStyle(item);
          return { top: box.top, left: box.left, svgWidth: svg.width, svgHeight: svg.height, svgLeft: svg.left, text: item.textContent ?? '', color: label.color };
        }),
      );
      expect(swatches.length).toBeGreaterThan(1);
      for (const swatch of swatches) {
        // Plot's swatch is 15 px square, left of its label.
        expect(swatch.svgWidth).toBe(15);
        expect(swatch.svgHeight).toBe(15);
        expect(swatch.text.trim().length).toBeGreaterThan(0);
      }
      // In one row (the legend wraps only when the column is too narrow): the same top, left to right.
      expect(new Set(swatches.map((s) => Math.round(s.top))).size).toBe(1);
      expect(swatches.map((s) => s.left)).toEqual([...swatches.map((s) => s.left)].sort((a, b) => a - b));
      // Labels take the page's text colour, so they read on either background.
      const body = await page.evaluate(() => getComputedStyle(document.querySelector('.sl-markdown-content')!).color);
      expect(swatches[0].color).toBe(body);
      mkdirSync(shots, { recursive: true });
      await page.locator('.cell-plot', { has: page.locator('[class*="-swatches"]') }).first().screenshot({ path: join(shots, `plot-legend-${colorScheme}.png`) });
      await page.context().close();
    });
  }
});
