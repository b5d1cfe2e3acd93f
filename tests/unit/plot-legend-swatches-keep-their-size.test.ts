import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import * as Plot from '@observablehq/plot';
import { toHtml } from '../../src/cells/core/render.ts';
import { sanitiseSvg } from '../../src/cells/core/svg.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');
type PlotNode = Parameters<typeof sanitiseSvg>[0];

/** A chart with a colour legend, drawn with linkedom as the build draws it. */
function chartWithLegend(options: Plot.PlotOptions['color'] = {}) {
  const figure = Plot.plot({
    document: document as unknown as Document,
    color: { legend: true, ...options },
    marks: [Plot.dot([{ x: 1, y: 1, k: 'a' }, { x: 2, y: 3, k: 'b' }, { x: 3, y: 2, k: 'c' }], { x: 'x', y: 'y', fill: 'k' })],
  });
  return toHtml(sanitiseSvg(figure as unknown as PlotNode)!);
}

describe('Plot swatch legends', () => {
  it('keep each swatch at its own size, inline with its label, while the chart still scales', () => {
    const html = chartWithLegend();
    const swatches = [...html.matchAll(/<span class="plot-[\w]+-swatch">(<svg[^>]*>)/g)].map((m) => m[1]);
    expect(swatches).toHaveLength(3);
    for (const svg of swatches) {
      expect(svg).toContain('style="width: 15px; height: 15px; flex: none;"');
      expect(svg).not.toContain('height: auto');
    }
    // The legend's classes survive for src/styles/plot-legends.css to lay it out; its <style> does not.
    expect(html).toMatch(/<div[^>]* class="plot-\w+-swatches plot-\w+-swatches-wrap"/);
    expect(html).not.toContain('<style');
    // The chart itself keeps the layout that scales it down to the column.
    expect(html).toMatch(/<svg[^>]* class="plot-\w+" style="[^"]*display: block; height: auto; max-width: 100%;"/);
  });

  it('take a custom swatch size', () => {
    const html = chartWithLegend({ swatchSize: 22 } as Plot.PlotOptions['color']);
    expect(html).toContain('style="width: 22px; height: 22px; flex: none;"');
  });
});
