/**
 * Live outputs in a cell's output region. The worker may send output lists
 * faster than the page paints (a training loop reporting progress), so updates
 * wait for the next animation frame and only the latest list per cell is drawn;
 * within it, only the outputs that changed are replaced, so a progress bar
 * ticking does not rebuild a long printed log.
 */
import type { Output } from '../core/outputs.ts';
import { renderOutput, toDom } from '../core/render.ts';

interface Drawn {
  key: string;
  node: Node;
}

export class OutputView {
  readonly region: HTMLElement;
  private drawn: Drawn[] = [];
  private pending: Output[] | undefined;
  private frame: number | undefined;

  constructor(region: HTMLElement) {
    this.region = region;
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
      return previous?.key === key ? previous : { key, node: toDom(renderOutput(output), document) };
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
  }
}
