/**
 * The page's cell kernel, in a module Web Worker: a runaway cell blocks this
 * thread, never the page, and Stop terminates it. TensorFlow.js and the
 * notebooks are loaded only when a cell imports them.
 */
/// <reference lib="webworker" />
import { Capture } from '../core/capture.ts';
import { Kernel, type KernelHost } from '../core/kernel.ts';
import type { ErrorOutput } from '../core/outputs.ts';
import { setDataSource } from '../../../notebooks/data.ts';
import { setSqlEngine, type SqlJsStatic } from '../../../notebooks/sql.ts';
import { chooseBackend, useBackend, type BackendName, type TfModule } from './backend.ts';
import type { CellCode, FromWorker, ToWorker } from './protocol.ts';
import { Session } from './session.ts';
import { beginCell, endCell, reachable, releaseUnreachable } from './tensor-scope.ts';

declare const self: DedicatedWorkerGlobalScope;

const tfSpecifier = '@tensorflow/tfjs';
const notebookLoaders = import.meta.glob('../../../notebooks/*.ts');
const notebooks = new Map(Object.entries(notebookLoaders).map(([path, load]) => [`notebooks/${path.replace(/^.*\/|\.ts$/g, '')}`, load]));

function post(message: FromWorker): void {
  self.postMessage(message);
}

// A cell that closes its own worker would leave the page waiting for an answer
// that never comes: say why first, so the page can start a fresh kernel.
const closeWorker = self.close.bind(self);
self.close = () => {
  post({ type: 'failure', message: 'the cell closed its worker' });
  closeWorker();
};

let tf: TfModule | undefined;
let tfLoading: Promise<TfModule> | undefined;
let backendChoice: BackendName | 'auto' = 'auto';

async function applyBackend(module: TfModule): Promise<void> {
  const backend = backendChoice === 'auto' ? await chooseBackend(module) : await useBackend(module, backendChoice);
  post({ type: 'backend', backend });
}

function loadTf(): Promise<TfModule> {
  tfLoading ??= import('@tensorflow/tfjs').then(async (module) => {
    await applyBackend(module);
    tf = module;
    return module;
  });
  return tfLoading;
}

/** Rejections the cell did not handle; the kernel watches them while a cell runs. */
const rejectionWatchers = new Set<(reason: unknown) => void>();
let lastCell: { id: string; capture: Capture } | undefined;
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  if (rejectionWatchers.size > 0) {
    for (const watcher of rejectionWatchers) watcher(event.reason);
  } else if (lastCell) {
    // The cell already returned: report against it all the same, so nothing fails silently.
    const reason = event.reason as Error | undefined;
    lastCell.capture.add({ kind: 'error', name: reason?.name ?? 'Error', message: `Unhandled promise rejection: ${reason?.message ?? String(event.reason)}`, cell: lastCell.id });
    // The outputs go before the state, so whoever sees "error" also sees why.
    lastCell.capture.flush();
    session.markFailed(lastCell.id);
    post({ type: 'state', cell: lastCell.id, state: 'error' });
  }
});

const host: KernelHost = {
  modules: [tfSpecifier, ...notebooks.keys()],
  async load(specifier) {
    if (specifier === tfSpecifier) return loadTf();
    const load = notebooks.get(specifier);
    if (!load) throw new Error(`Cannot import "${specifier}"`);
    await loadTf();
    return load();
  },
  watchUnhandledRejections(report) {
    rejectionWatchers.add(report);
    return () => rejectionWatchers.delete(report);
  },
};

let kernel: Kernel | undefined;
const session = new Session();
function needsTf(imports: readonly string[]): boolean {
  return imports.some((specifier) => specifier === tfSpecifier || specifier.startsWith('notebooks/'));
}

async function runCell(cell: CellCode, imports: readonly string[], definesOf: (id: string) => unknown[]): Promise<ErrorOutput | undefined> {
  if (!kernel) throw new Error('the kernel received a run before init');
  // Loading tfjs first lets the cell's tensors be scoped from its first run.
  const module = tf ?? (needsTf(imports) ? await loadTf() : undefined);
  const previous = module ? reachable(module, definesOf(cell.id)) : undefined;
  const capture = new Capture({ onFlush: (outputs) => post({ type: 'outputs', cell: cell.id, outputs }) });
  lastCell = { id: cell.id, capture };
  post({ type: 'state', cell: cell.id, state: 'running' });
  post({ type: 'outputs', cell: cell.id, outputs: [] });
  if (module) beginCell(module);
  let error: ErrorOutput | undefined;
  try {
    error = await kernel.run(cell.id, cell.code, capture);
  } finally {
    if (module) {
      endCell(module, kernel.scope);
      if (previous) releaseUnreachable(module, previous, kernel.scope);
    }
  }
  session.record(cell.id, cell.code, !error);
  // A cell whose timers are still live is still running, and Stop stays available.
  post({ type: 'state', cell: cell.id, state: error ? 'error' : kernel.liveTimers(cell.id) > 0 ? 'running' : 'done' });
  return error;
}

async function run(cells: CellCode[], target: string | { all: true }): Promise<void> {
  let analysed;
  const targetId = typeof target === 'string' ? target : cells[0]?.id;
  try {
    analysed = session.analyse(cells);
  } catch (error) {
    // Two cells defining one name: the page cannot run until the reader fixes it.
    if (targetId) {
      post({ type: 'outputs', cell: targetId, outputs: [{ kind: 'error', name: (error as Error).name, message: (error as Error).message, cell: targetId }] });
      post({ type: 'state', cell: targetId, state: 'error' });
    }
    return;
  }
  const { graph, info } = analysed;
  const plan = typeof target === 'string' ? session.plan(graph, cells, target) : cells.map((cell) => cell.id);
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const definesOf = (id: string) => [...graph.definedBy].filter(([, owner]) => owner === id).map(([name]) => kernel?.scope[name]);
  for (const id of plan) {
    const cell = byId.get(id);
    if (!cell) continue;
    const error = await runCell(cell, info.get(id)?.imports ?? [], definesOf);
    const expected = cell.expectError !== undefined && error?.message.includes(cell.expectError);
    if (error && !expected) break;
  }
  postStates(graph, cells);
}

/** The cells' states, except of cells whose timers still run: those stay "running" until their timers end. */
function postStates(graph: Parameters<Session['states']>[0], cells: CellCode[]): void {
  const states = session.states(graph, cells);
  for (const id of Object.keys(states)) if (kernel && kernel.liveTimers(id) > 0) delete states[id];
  post({ type: 'states', states });
}

function states(cells: CellCode[]): void {
  try {
    const { graph } = session.analyse(cells);
    postStates(graph, cells);
  } catch {
    // A duplicate definition mid-edit: states are reported when the reader runs.
  }
}

function fail(error: unknown): void {
  post({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
}

/** Requests run one after another, like a reader's clicks queued on a notebook. */
let queue: Promise<void> = Promise.resolve();
function enqueue(task: () => unknown): void {
  queue = queue
    .then(async () => {
      await task();
    })
    .catch(fail)
    .finally(() => post({ type: 'idle' }));
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      kernel = new Kernel(host, message.seed, {
        // A cell's last timer ended: it is done, unless a timer threw (lateError says so).
        timers: (cell, live) => {
          if (live === 0 && session.ranClean(cell)) post({ type: 'state', cell, state: 'done' });
        },
        lateError: (cell) => {
          session.markFailed(cell);
          post({ type: 'state', cell, state: 'error' });
        },
      });
      backendChoice = message.backend;
      setDataSource(async (file) => {
        const response = await fetch(message.dataUrl + file);
        if (!response.ok) throw new Error(`Could not load data file ${file}: HTTP ${response.status}`);
        return response.json();
      });
      // sql.js and its WASM binary are site assets (Vite emits the binary and gives its URL); loaded on first use.
      setSqlEngine(async () => {
        const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
          import('sql.js') as Promise<{ default: (config: { locateFile: (file: string) => string }) => Promise<SqlJsStatic> }>,
          import('sql.js/dist/sql-wasm-browser.wasm?url') as Promise<{ default: string }>,
        ]);
        // Absolute: this worker's own base is the blob: URL it was started from (kernel-host.ts).
        return initSqlJs({ locateFile: () => new URL(wasmUrl, import.meta.url).href });
      });
      break;
    case 'run':
      enqueue(() => run(message.cells, message.target));
      break;
    case 'edit':
      enqueue(() => states(message.cells));
      break;
    case 'backend':
      backendChoice = message.backend;
      enqueue(async () => {
        if (tf) await applyBackend(tf);
      });
      break;
  }
});
