/**
 * A running cell's output sink. Consecutive writes to one stream merge into one
 * output; a stream keeps its first and last `keepLines` lines and counts the
 * rest, so a cell printing in a tight loop cannot flood the page or the
 * worker channel. Changes are batched: `onFlush` gets the whole (bounded)
 * output list at most once per `flushMs`.
 */
import type { Output, ProgressOutput, StreamOutput } from './outputs.ts';

export interface CaptureOptions {
  keepLines?: number;
  flushMs?: number;
  onFlush?: (outputs: Output[]) => void;
}

interface OpenStream {
  kind: 'open-stream';
  name: StreamOutput['name'];
  head: string[];
  tail: string[];
  hidden: number;
}

export class Capture {
  private readonly items: Array<Output | OpenStream> = [];
  private readonly keepLines: number;
  private readonly flushMs: number;
  private readonly onFlush?: (outputs: Output[]) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: CaptureOptions = {}) {
    this.keepLines = options.keepLines ?? 100;
    this.flushMs = options.flushMs ?? 50;
    this.onFlush = options.onFlush;
  }

  /** Appends text to a stream; a trailing newline does not make an empty line. */
  write(name: StreamOutput['name'], text: string): void {
    const last = this.items[this.items.length - 1];
    const stream: OpenStream =
      last && last.kind === 'open-stream' && last.name === name ? last : { kind: 'open-stream', name, head: [], tail: [], hidden: 0 };
    if (stream !== last) this.items.push(stream);
    for (const line of text.replace(/\n$/, '').split('\n')) {
      if (stream.head.length < this.keepLines) {
        stream.head.push(line);
      } else {
        stream.tail.push(line);
        if (stream.tail.length > this.keepLines) {
          stream.tail.shift();
          stream.hidden += 1;
        }
      }
    }
    this.changed();
  }

  /** Adds an output; a progress output replaces the earlier one with the same id. */
  add(output: Output): void {
    const index = output.kind === 'progress' ? this.items.findIndex((item) => item.kind === 'progress' && item.id === output.id) : -1;
    if (index >= 0) this.items[index] = output as ProgressOutput;
    else this.items.push(output);
    this.changed();
  }

  outputs(): Output[] {
    return this.items.map((item): Output => {
      if (item.kind !== 'open-stream') return item;
      const stream: StreamOutput = { kind: 'stream', name: item.name, text: item.head.join('\n') };
      if (item.tail.length > 0) {
        if (item.hidden > 0) stream.hiddenLines = item.hidden;
        stream.tail = item.tail.join('\n');
        if (item.hidden === 0) {
          stream.text = `${stream.text}\n${stream.tail}`;
          delete stream.tail;
        }
      }
      return stream;
    });
  }

  /** Sends pending changes now (the kernel calls this when the cell ends). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.onFlush?.(this.outputs());
  }

  private changed(): void {
    if (!this.onFlush || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
  }
}
