/**
 * Runs a page's cells in one shared scope. A cell's TypeScript is transpiled,
 * analysed and rewritten (core/rewrite.ts) so its top-level bindings land on
 * `scope`, then run as an async function inside `with (scope)`: later cells
 * see earlier cells' names and top-level `await` works. `with` is the only
 * construct that lets plain JavaScript resolve free names against an object
 * whose contents change between runs; the code runs in sloppy mode for it.
 *
 * The kernel knows no host: the Node build and the browser worker each pass
 * the modules they can load.
 */
import seedrandom from 'seedrandom';
import { analyseProgram, parseCell, type CellAnalysis } from './analyse.ts';
import { Capture } from './capture.ts';
import type { DisplayModule } from './display.ts';
import { formatForConsole, valueOutput, type ErrorOutput } from './outputs.ts';
import { rewriteCell, runtimeName } from './rewrite.ts';
import { CellSyntaxError, transpileCell } from './transpile.ts';

export const displayModule = 'cells/display';

export interface KernelHost {
  /** Module specifiers the host can load, e.g. "@tensorflow/tfjs", "notebooks/losses". */
  modules: readonly string[];
  load(specifier: string): Promise<unknown>;
  /** Reports promise rejections nobody handled, until the returned function is called. */
  watchUnhandledRejections?(report: (reason: unknown) => void): () => void;
}

export interface CompiledCell extends CellAnalysis {
  run: (runtime: Runtime) => Promise<unknown>;
}

interface Runtime {
  scope: Record<string, unknown>;
  import: (specifier: string) => Promise<unknown>;
}

const sourceUrl = (id: string) => `cells/${id}.ts`;

function functionSource(prologue: string, body: string, id: string): string {
  return `with (${runtimeName}.scope) { return (async () => { ${prologue}\n${body}\n})(); }\n//# sourceURL=${sourceUrl(id)}`;
}

function compileSource(source: string): (runtime: Runtime) => Promise<unknown> {
  return new Function(runtimeName, source) as (runtime: Runtime) => Promise<unknown>;
}

/** The stack-frame line of a cell's line 1 (engines add header lines); 0 when stacks carry no lines. */
let firstLine: Promise<number> | undefined;
function cellFirstLine(): Promise<number> {
  firstLine ??= compileSource(functionSource('', 'throw new Error()', 'probe'))({ scope: {}, import: async () => undefined }).then(
    () => 0,
    (error: Error) => Number(String(error.stack).match(/cells\/probe\.ts:(\d+)/)?.[1] ?? 0),
  );
  return firstLine;
}

export function compileCell(id: string, code: string): CompiledCell {
  const js = transpileCell(code);
  const program = parseCell(js);
  const analysis = analyseProgram(program);
  if (analysis.defines.includes(runtimeName)) throw new CellSyntaxError(`"${runtimeName}" is reserved for the cell runtime`, 1, 1);
  const { prologue, body } = rewriteCell(js, program);
  return { ...analysis, run: compileSource(functionSource(prologue, body, id)) };
}

function errorOutput(error: unknown, cell: string, first: number): ErrorOutput {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : formatForConsole(error);
  if (error instanceof CellSyntaxError) return { kind: 'error', name, message, line: error.line, column: error.column, cell };
  const escaped = sourceUrl(cell).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = String((error as Error | undefined)?.stack ?? '').match(new RegExp(`${escaped}:(\\d+)`));
  const line = frame && first > 0 ? Number(frame[1]) - first + 1 : undefined;
  // Runtime columns are those of the generated JavaScript, not the reader's TypeScript: only the line is reported.
  return line !== undefined && line >= 1 ? { kind: 'error', name, message, line, cell } : { kind: 'error', name, message, cell };
}

const consoleStreams = { log: 'stdout', info: 'stdout', debug: 'stdout', warn: 'stderr', error: 'stderr' } as const;

export class Kernel {
  readonly scope: Record<string, unknown> = Object.create(null);
  private readonly host: KernelHost;
  private readonly random: () => number;
  private current: Capture | undefined;
  private display: Promise<DisplayModule> | undefined;

  constructor(host: KernelHost, seed: string) {
    this.host = host;
    this.random = seedrandom(seed);
  }

  /** Every specifier a cell may import. */
  get modules(): string[] {
    return [displayModule, ...this.host.modules];
  }

  /** Runs one cell, writing its outputs to `capture`; returns its error, if it threw. */
  async run(id: string, code: string, capture: Capture): Promise<ErrorOutput | undefined> {
    const first = await cellFirstLine();
    let compiled: CompiledCell;
    try {
      compiled = compileCell(id, code);
    } catch (error) {
      const output = errorOutput(error, id, first);
      capture.add(output);
      capture.flush();
      return output;
    }
    for (const name of compiled.defines) if (!(name in this.scope)) this.scope[name] = undefined;

    const saved = { random: Math.random, console: { ...console } };
    let unhandled: { reason: unknown } | undefined;
    const stopWatching = this.host.watchUnhandledRejections?.((reason) => {
      unhandled ??= { reason };
    });
    this.current = capture;
    Math.random = this.random;
    for (const [method, stream] of Object.entries(consoleStreams)) {
      (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => capture.write(stream, args.map(formatForConsole).join(' '));
    }
    try {
      const value = await compiled.run({ scope: this.scope, import: (specifier) => this.import(specifier) });
      // Rejections nobody awaited are reported after the microtask queue drains: give them a turn.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (unhandled) throw unhandled.reason;
      if (value !== undefined) capture.add(valueOutput(value));
      return undefined;
    } catch (error) {
      const output = errorOutput(error, id, first);
      capture.add(output);
      return output;
    } finally {
      Math.random = saved.random;
      Object.assign(console, saved.console);
      stopWatching?.();
      this.current = undefined;
      capture.flush();
    }
  }

  private capture(): Capture {
    if (!this.current) throw new Error('cells/display was called after its cell finished');
    return this.current;
  }

  private async import(specifier: string): Promise<unknown> {
    if (specifier === displayModule) {
      this.display ??= import('./display.ts').then(({ createDisplayModule }) => createDisplayModule(() => this.capture()));
      return this.display;
    }
    if (!this.host.modules.includes(specifier)) {
      throw new Error(`Cannot import "${specifier}": a cell can import ${this.modules.map((name) => `"${name}"`).join(', ')}`);
    }
    return this.host.load(specifier);
  }
}
