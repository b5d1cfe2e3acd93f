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
 *
 * No hidden state: the scope holds exactly the names the cells define now.
 * When a cell runs again, the names it defined last time and no longer
 * defines are removed first (marimo's rule), and a cell that still reads one
 * fails with a message naming the cell that used to define it. Timers a cell
 * schedules belong to it: their callbacks write into its output, a throw in
 * one is its error, and they are cancelled when it runs again.
 */
import seedrandom from 'seedrandom';
import { analyseProgram, parseCell, type CellAnalysis } from './analyse.ts';
import { Capture } from './capture.ts';
import { createDisplayModule, plotNames } from './display.ts';
import type { PlotPart } from './display-plot.ts';
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

export interface CellTimers {
  setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  setInterval: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearTimeout: (handle: unknown) => void;
  clearInterval: (handle: unknown) => void;
}

interface Runtime {
  scope: Record<string, unknown>;
  import: (specifier: string, names?: readonly string[]) => Promise<unknown>;
  timers: CellTimers;
}

/** Told when a cell's timers come and go, and when one of them throws after the cell returned. */
export interface KernelEvents {
  timers?(cell: string, live: number): void;
  lateError?(cell: string): void;
}

const sourceUrl = (id: string) => `cells/${id}.ts`;

// The timer functions are bound in the cell's own function, so callbacks it schedules, and
// closures it defines, use its timers; they stay on line 1 so line numbers do not move.
const timerPrologue = `const { setTimeout, setInterval, clearTimeout, clearInterval } = ${runtimeName}.timers;`;

function functionSource(prologue: string, body: string, id: string): string {
  return `with (${runtimeName}.scope) { return (async () => { ${timerPrologue} ${prologue}\n${body}\n})(); }\n//# sourceURL=${sourceUrl(id)}`;
}

function compileSource(source: string): (runtime: Runtime) => Promise<unknown> {
  return new Function(runtimeName, source) as (runtime: Runtime) => Promise<unknown>;
}

/** The stack-frame line of a cell's line 1 (engines add header lines); 0 when stacks carry no lines. */
let firstLine: Promise<number> | undefined;
function cellFirstLine(): Promise<number> {
  const noTimers: CellTimers = { setTimeout: () => 0, setInterval: () => 0, clearTimeout: () => undefined, clearInterval: () => undefined };
  firstLine ??= compileSource(functionSource('', 'throw new Error()', 'probe'))({ scope: {}, import: async () => undefined, timers: noTimers }).then(
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

export class RemovedNameError extends Error {
  constructor(name: string, owner: string) {
    super(`\`${name}\` is no longer defined (cell \`${owner}\` defined it)`);
    this.name = 'ReferenceError';
  }
}

/** Properties the kernel's own machinery (transpiler, display) relies on not finding on Object.prototype. */
const pristinePrototype = new Set(Object.getOwnPropertyNames(Object.prototype));

interface LiveTimer {
  cancel: () => void;
}

export class Kernel {
  readonly scope: Record<string, unknown> = Object.create(null);
  private readonly host: KernelHost;
  private readonly random: () => number;
  private readonly events: KernelEvents;
  private current: Capture | undefined;
  private display: ReturnType<typeof createDisplayModule> | undefined;
  private plot: Promise<PlotPart> | undefined;
  /** Which cell defines each name in the scope now. */
  private readonly owner = new Map<string, string>();
  /** Names removed because the cell that defined them no longer does, with that cell. */
  private readonly removed = new Map<string, string>();
  private readonly timers = new Map<string, Set<LiveTimer>>();
  private readonly globalConsole = globalThis.console;

  constructor(host: KernelHost, seed: string, events: KernelEvents = {}) {
    this.host = host;
    this.random = seedrandom(seed);
    this.events = events;
  }

  /** Every specifier a cell may import. */
  get modules(): string[] {
    return [displayModule, ...this.host.modules];
  }

  /** Names the cell defines now (it ran last with that code). */
  definedBy(cell: string): string[] {
    return [...this.owner].filter(([, id]) => id === cell).map(([name]) => name);
  }

  /** Live timers of a cell. */
  liveTimers(cell: string): number {
    return this.timers.get(cell)?.size ?? 0;
  }

  /** Cancels every timer the cell scheduled. */
  cancelTimers(cell: string): void {
    const live = this.timers.get(cell);
    if (!live || live.size === 0) return;
    for (const timer of [...live]) timer.cancel();
    this.events.timers?.(cell, 0);
  }

  /** Cancels every cell's timers: the page's run is over. */
  cancelAllTimers(): void {
    for (const cell of this.timers.keys()) this.cancelTimers(cell);
  }

  /** Forgets a cell that left the page: its names go, as when it is edited to define none. */
  forget(cell: string): void {
    this.cancelTimers(cell);
    for (const name of this.definedBy(cell)) this.remove(name, cell);
  }

  private remove(name: string, cell: string): void {
    delete this.scope[name];
    this.owner.delete(name);
    this.removed.set(name, cell);
  }

  /** Runs one cell, writing its outputs to `capture`; returns its error, if it threw. */
  async run(id: string, code: string, capture: Capture): Promise<ErrorOutput | undefined> {
    const first = await cellFirstLine();
    this.cancelTimers(id);
    let compiled: CompiledCell;
    try {
      compiled = compileCell(id, code);
    } catch (error) {
      const output = errorOutput(error, id, first);
      capture.add(output);
      capture.flush();
      return output;
    }
    const defines = new Set(compiled.defines);
    for (const name of this.definedBy(id)) if (!defines.has(name)) this.remove(name, id);
    for (const name of compiled.defines) {
      this.owner.set(name, id);
      this.removed.delete(name);
      if (!(name in this.scope)) this.scope[name] = undefined;
    }
    const gone = compiled.uses.find((name) => this.removed.has(name) && !(name in this.scope));
    if (gone) {
      const output = errorOutput(new RemovedNameError(gone, this.removed.get(gone) as string), id, first);
      capture.add(output);
      capture.flush();
      return output;
    }

    let unhandled: { reason: unknown } | undefined;
    const stopWatching = this.host.watchUnhandledRejections?.((reason) => {
      unhandled ??= { reason };
    });
    const restore = this.enter(capture);
    try {
      const value = await compiled.run({ scope: this.scope, import: (specifier, names) => this.import(specifier, names), timers: this.timersOf(id, capture, first) });
      // Rejections nobody awaited are reported after the microtask queue drains: give them two turns.
      await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
      await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
      if (unhandled) throw unhandled.reason;
      if (value !== undefined) capture.add(valueOutput(value));
      return undefined;
    } catch (error) {
      const output = errorOutput(error, id, first);
      capture.add(output);
      return output;
    } finally {
      restore();
      stopWatching?.();
      this.heal(capture);
      capture.flush();
    }
  }

  /**
   * Points console, Math.random and the display module at `capture` and
   * returns what undoes it. The console object itself is saved, not only its
   * methods, so a cell that replaces or nulls `console` cannot take the
   * kernel's output with it.
   */
  private enter(capture: Capture): () => void {
    const saved = { random: Math.random, console: globalThis.console, methods: { ...this.globalConsole }, current: this.current };
    this.current = capture;
    Math.random = this.random;
    globalThis.console = this.globalConsole;
    for (const [method, stream] of Object.entries(consoleStreams)) {
      (this.globalConsole as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => capture.write(stream, args.map(formatForConsole).join(' '));
    }
    return () => {
      Math.random = saved.random;
      globalThis.console = this.globalConsole;
      Object.assign(this.globalConsole, saved.methods);
      this.current = saved.current;
    };
  }

  /** Undoes what a cell did to the globals the kernel itself runs on, and says so in the cell. */
  private heal(capture: Capture): void {
    const added = Object.getOwnPropertyNames(Object.prototype).filter((name) => !pristinePrototype.has(name));
    for (const name of added) delete (Object.prototype as Record<string, unknown>)[name];
    if (added.length > 0) {
      capture.write('stderr', `The cell added ${added.map((name) => `"${name}"`).join(', ')} to Object.prototype, which every object would inherit; the kernel removed it.`);
    }
  }

  /** Timer functions that keep the cell's callbacks writing into the cell's output, and cancellable with it. */
  private timersOf(cell: string, capture: Capture, first: number): CellTimers {
    const live = this.timers.get(cell) ?? new Set<LiveTimer>();
    this.timers.set(cell, live);
    const handles = new Map<unknown, LiveTimer>();
    const changed = () => this.events.timers?.(cell, live.size);
    const schedule = (repeat: boolean) => (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      if (typeof callback !== 'function') throw new TypeError('setTimeout and setInterval take a function in a cell');
      const fire = () => {
        if (!repeat) {
          live.delete(timer);
          handles.delete(handle);
        }
        const restore = this.enter(capture);
        try {
          callback(...args);
        } catch (error) {
          capture.add(errorOutput(error, cell, first));
          this.cancelTimers(cell);
          this.events.lateError?.(cell);
        } finally {
          restore();
          capture.flush();
          if (!repeat) changed();
        }
      };
      const handle = repeat ? globalThis.setInterval(fire, ms) : globalThis.setTimeout(fire, ms);
      const timer: LiveTimer = {
        cancel: () => {
          (repeat ? globalThis.clearInterval : globalThis.clearTimeout)(handle as ReturnType<typeof globalThis.setTimeout>);
          live.delete(timer);
          handles.delete(handle);
        },
      };
      live.add(timer);
      handles.set(handle, timer);
      changed();
      return handle;
    };
    const clear = (handle: unknown) => {
      handles.get(handle)?.cancel();
      changed();
    };
    return { setTimeout: schedule(false), setInterval: schedule(true), clearTimeout: clear, clearInterval: clear };
  }

  private capture(): Capture {
    if (!this.current) throw new Error('cells/display was called after its cell finished');
    return this.current;
  }

  /** `names` are the names the cell imports; undefined for a namespace import, which takes them all. */
  private async import(specifier: string, names?: readonly string[]): Promise<unknown> {
    if (specifier === displayModule) {
      this.display ??= createDisplayModule(() => this.capture());
      // Most pages with cells never plot, and Plot with linkedom is most of a build realm's start-up.
      if (names !== undefined && !names.some((name) => plotNames.includes(name))) return this.display;
      this.plot ??= import('./display-plot.ts').then(({ createPlotPart }) => createPlotPart(() => this.capture()));
      return { ...this.display, ...(await this.plot) };
    }
    if (!this.host.modules.includes(specifier)) {
      throw new Error(`Cannot import "${specifier}": a cell can import ${this.modules.map((name) => `"${name}"`).join(', ')}`);
    }
    return this.host.load(specifier);
  }
}
