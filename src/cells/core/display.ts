/**
 * The `cells/display` module a cell imports: display, table, prose, progress,
 * and (from display-plot.ts, loaded only for cells that import them) plot and
 * Observable Plot's namespace.
 */
import type { Capture } from './capture.ts';
import { tableOutput, valueOutput } from './outputs.ts';
import type { PlotPart } from './display-plot.ts';

/** The names of `cells/display` that display-plot.ts provides. */
export const plotNames: readonly string[] = ['Plot', 'plot'] satisfies ReadonlyArray<keyof PlotPart>;

export function createDisplayModule(current: () => Capture) {
  return {
    /** Shows a value: tensors with dtype, shape and values; anything else in the inspector. */
    display(value: unknown): void {
      current().add(valueOutput(value));
    },
    /** Shows rows (objects or arrays) as a table; `columns` picks and orders the columns. */
    table(rows: ReadonlyArray<unknown>, columns?: string[]): void {
      current().add(tableOutput(rows, columns));
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

/** Everything a cell can import from `cells/display`. */
export type DisplayModule = ReturnType<typeof createDisplayModule> & PlotPart;
