/**
 * The `cells/display` module a cell imports: display, table, plot, progress,
 * and Observable Plot's namespace for building marks. Plot draws into
 * linkedom's document, which exists in Node and in a Web Worker alike, and
 * the figure is sanitised into the output model straight away.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Capture } from './capture.ts';
import { tableOutput, valueOutput } from './outputs.ts';
import { sanitiseSvg } from './svg.ts';
import type { VNode } from './vnode.ts';

export function createDisplayModule(current: () => Capture) {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  // Plot.plot draws with the global `document`, which a worker does not have: the
  // Plot a cell imports draws into the same linkedom document as plot() does.
  const cellPlot: typeof Plot = { ...Plot, plot: (options?: Plot.PlotOptions) => Plot.plot({ ...options, document } as Plot.PlotOptions) };
  return {
    Plot: cellPlot,
    /** Shows a value: tensors with dtype, shape and values; anything else in the inspector. */
    display(value: unknown): void {
      current().add(valueOutput(value));
    },
    /** Shows rows (objects or arrays) as a table; `columns` picks and orders the columns. */
    table(rows: ReadonlyArray<unknown>, columns?: string[]): void {
      current().add(tableOutput(rows, columns));
    },
    /** Draws an Observable Plot chart, e.g. plot({ marks: [Plot.lineY(losses)] }). */
    plot(options: Plot.PlotOptions): void {
      const figure = Plot.plot({ ...options, document } as Plot.PlotOptions);
      const svg = sanitiseSvg(figure as unknown as Parameters<typeof sanitiseSvg>[0]) as VNode;
      current().add({ kind: 'plot', svg });
    },
    /**
     * Writes a sentence about the results, in both page languages, e.g.
     * prose({ en: `λ=20 reaches ${a}`, 'zh-cn': `λ=20 达到 ${a}` }).
     */
    prose(text: { en: string; 'zh-cn': string }): void {
      if (typeof text?.en !== 'string' || typeof text['zh-cn'] !== 'string') throw new TypeError("prose() needs { en: string, 'zh-cn': string }");
      current().add({ kind: 'prose', text: { en: text.en, 'zh-cn': text['zh-cn'] } });
    },
    /** Shows or updates the progress bar named `label`. */
    progress(done: number, total: number, label = ''): void {
      current().add({ kind: 'progress', id: label, done, total, label });
    },
  };
}

export type DisplayModule = ReturnType<typeof createDisplayModule>;
