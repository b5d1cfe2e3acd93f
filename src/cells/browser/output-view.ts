/**
 * Live outputs in a cell's output region. The worker may send output lists
 * faster than the page paints (a training loop reporting progress), so updates
 * wait for the next animation frame and only the latest list per cell is drawn;
 * within it, only the outputs that changed are replaced, so a progress bar
 * ticking does not rebuild a long printed log.
 *
 * Outputs arrive already checked against the protocol (validate.ts); plots,
 * the one kind that carries markup, are cleaned on the page before drawing.
 */
import type { CellLang } from '../core/markup.ts';
import type { Output } from '../core/outputs.ts';
import { renderInvalid, renderOutput, toDom } from '../core/render.ts';
import { sanitisedFigure } from './figure-sanitiser.ts';

interface Drawn {
  key: string;
  node: Node;
}

export class OutputView {
  readonly region: HTMLElement;
  private drawn: Drawn[] = [];
  private pending: Output[] | undefined;
  private frame: number | undefined;

  private readonly lang: CellLang;
  /** Called after each live draw, so the cell can follow what its outputs now say. */
  private readonly onDraw: () => void;

  constructor(region: HTMLElement, lang: CellLang, onDraw: () => void = () => {}) {
    this.region = region;
    this.lang = lang;
    this.onDraw = onDraw;
  }

  /** Says in the cell that the page refused something the worker sent; the reader's code and other outputs stay. */
  invalid(reason: string): void {
    this.flush();
    this.region.appendChild(toDom(renderInvalid(reason, this.lang), this.region.ownerDocument));
  }

  /** Replaces the outputs at the next frame. */
  show(outputs: Output[]): void {
    this.pending = outputs;
    this.frame ??= requestAnimationFrame(() => this.draw());
  }

  /** Empties the region now (a new run starts with a clean slate). */
  clear(): void {
    this.cancel();
    this.drawn = [];
    this.region.replaceChildren();
  }

  /** Draws anything pending now: the run ended, the final state must not wait for a frame. */
  flush(): void {
    if (this.frame !== undefined) {
      cancelAnimationFrame(this.frame);
      this.draw();
    }
  }

  private cancel(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.pending = undefined;
  }

  private draw(): void {
    this.frame = undefined;
    const outputs = this.pending;
    this.pending = undefined;
    if (!outputs) return;
    const document = this.region.ownerDocument;
    const next: Drawn[] = outputs.map((output, index) => {
      const key = JSON.stringify(output);
      const previous = this.drawn[index];
      if (previous?.key === key) return previous;
      const node = output.kind === 'plot' ? sanitisedFigure(output.svg) : toDom(renderOutput(output, this.lang), document);
      // The line travels as data too, so the cell can mark it in its code; it came from the worker, so only a line number passes.
      if (output.kind === 'error' && Number.isInteger(output.line) && output.line! >= 1 && node instanceof Element) node.setAttribute('data-line', String(output.line));
      // A fragment empties on insertion: keep its element so the next draw can replace it.
      return { key, node: node instanceof DocumentFragment ? (node.firstChild ?? document.createTextNode('')) : node };
    });
    // A static build output may still sit in the region: the first live draw replaces it whole.
    if (this.drawn.length === 0) this.region.replaceChildren();
    next.forEach((item, index) => {
      const previous = this.drawn[index];
      if (previous === item) return;
      if (previous) this.region.replaceChild(item.node, previous.node);
      else this.region.appendChild(item.node);
    });
    for (const stale of this.drawn.slice(next.length)) stale.node.parentNode?.removeChild(stale.node);
    this.drawn = next;
    this.onDraw();
  }
}
