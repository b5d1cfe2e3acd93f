/**
 * The plotting half of `cells/display`: plot() and Observable Plot's
 * namespace. Plot and linkedom cost about 0.75 s to load in each page's build
 * realm and most pages with cells never plot, so the kernel loads this part
 * only when a cell imports `plot` or `Plot` (or the whole module).
 *
 * Plot draws into linkedom's document, which exists in Node and in a Web
 * Worker alike, and the figure is sanitised into the output model straight away.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Capture } from './capture.ts';
import { sanitiseSvg } from './svg.ts';
import type { VNode } from './vnode.ts';

export function createPlotPart(current: () => Capture) {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  // Plot.plot draws with the global `document`, which a worker does not have: the
  // Plot a cell imports draws into the same linkedom document as plot() does.
  const cellPlot: typeof Plot = { ...Plot, plot: (options?: Plot.PlotOptions) => Plot.plot({ ...options, document } as Plot.PlotOptions) };
  return {
    Plot: cellPlot,
    /** Draws an Observable Plot chart, e.g. plot({ marks: [Plot.lineY(losses)] }). */
    plot(options: Plot.PlotOptions): void {
      const figure = Plot.plot({ ...options, document } as Plot.PlotOptions);
      const svg = sanitiseSvg(figure as unknown as Parameters<typeof sanitiseSvg>[0]) as VNode;
      current().add({ kind: 'plot', svg });
    },
  };
}

export type PlotPart = ReturnType<typeof createPlotPart>;
