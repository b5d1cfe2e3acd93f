/**
 * A live page's cells as one plain value, and the one function that changes
 * it. Worker messages and the reader's actions are actions; the controller
 * applies each here and the views draw the result (CodeMirror 6's split of a
 * pure state from the view derived from it). Nothing here touches the DOM,
 * storage or the kernel, so every sequence a reader or a worker can cause is
 * a fast unit test in Node.
 */
import type { CellState } from '../core/markup.ts';
import type { Output } from '../core/outputs.ts';
import type { FromWorker } from './protocol.ts';

export interface CellModel {
  readonly id: string;
  /** The author's code, as the build ran it. */
  readonly original: string;
  /** What the reader sees and runs: the original, a kept edit or a shared link's code. */
  readonly code: string;
  /** The `error=` option: the build expected this cell to throw. */
  readonly expectError?: string;
  /** The build did not run this cell; it shows "skipped" until the live kernel runs it. */
  readonly skipped: boolean;
  readonly state: CellState;
  /** Counts the runs this page has started of the cell; each new run starts from empty outputs. */
  readonly runs: number;
  /** When the current run started (a `performance.now()` reading), while it runs. */
  readonly runStarted?: number;
  /** The last finished run of the current kernel; gone once no kernel stands behind the outputs. */
  readonly lastRun?: { readonly ms: number; readonly endedAt: number };
  /** The reader has a run of their own to compare with the build's output. */
  readonly comparable: boolean;
  /** The live outputs; undefined while the build's output shows. */
  readonly outputs?: readonly Output[];
  /** Why the page refused messages the worker sent about this cell, since its run started. */
  readonly refused: readonly string[];
  /** The author changed the cell since the reader's kept edit was made. */
  readonly originalChanged: boolean;
}

/** What the page's status line says: one notice at a time, the latest wins. */
export type Notice =
  | { kind: 'none' }
  | { kind: 'stopped' }
  | { kind: 'kernelStopped'; message: string }
  | { kind: 'invalidMessage'; reason: string }
  | { kind: 'crashedLastTime'; cell: string }
  | { kind: 'shareOpened'; count: number }
  | { kind: 'shareTooLarge' }
  | { kind: 'shareBroken' }
  | { kind: 'copied' }
  | { kind: 'copyFailed' };

export interface PageState {
  /** Cell ids in page order. */
  readonly order: readonly string[];
  readonly cells: Readonly<Record<string, CellModel>>;
  /** Requests sent to the kernel that it has not answered with `idle`. */
  readonly pending: number;
  /** The backend the running kernel reported; undefined while no kernel has loaded one. */
  readonly backend?: string;
  readonly notice: Notice;
}

export type Action =
  /** A message from the worker, already checked against the protocol (validate.ts). */
  | { type: 'worker'; message: FromWorker; now: number }
  /** The page refused a worker message; about a cell when `cell` names one. */
  | { type: 'refused'; reason: string; cell?: string }
  /** The reader asked to run: a request goes to the kernel and the status line clears. */
  | { type: 'run' }
  /** Another request went to the kernel (an edit's state query, a backend change). */
  | { type: 'sent' }
  /** The reader pressed Stop: the kernel is gone with its state. */
  | { type: 'stop' }
  /** The kernel failed (it closed, crashed or never connected): the page ends it. */
  | { type: 'failed'; message: string }
  /** The reader's code for a cell: typed, kept from an earlier visit or opened from a share link. */
  | { type: 'code'; cell: string; code: string; originalChanged?: boolean }
  | { type: 'reset'; cell: string }
  | { type: 'notice'; notice: Notice };

export interface CellMarkup {
  id: string;
  original: string;
  expectError?: string;
  skipped: boolean;
}

export function initialState(cells: readonly CellMarkup[]): PageState {
  return {
    order: cells.map((cell) => cell.id),
    cells: Object.fromEntries(
      cells.map((cell) => [
        cell.id,
        { ...cell, code: cell.original, state: shown('idle', cell.skipped), runs: 0, comparable: false, refused: [], originalChanged: false },
      ]),
    ),
    pending: 0,
    notice: { kind: 'none' },
  };
}

/** A cell the build skipped stays marked so while the live kernel has not run it. */
function shown(state: CellState, skipped: boolean): CellState {
  return state === 'idle' && skipped ? 'skipped' : state;
}

export function isEdited(cell: CellModel): boolean {
  return cell.code !== cell.original;
}

export function cellsInOrder(state: PageState): CellModel[] {
  return state.order.map((id) => state.cells[id]);
}

/** Stop is offered while a request is queued or a cell still runs (its timers, say). */
export function canStop(state: PageState): boolean {
  return state.pending > 0 || cellsInOrder(state).some((cell) => cell.state === 'running');
}

/** The first cell that is running: the one to blame if the tab dies now. */
export function runningCell(state: PageState): string | undefined {
  return cellsInOrder(state).find((cell) => cell.state === 'running')?.id;
}

/** A cell's state changes; entering "running" starts a run, leaving it records how long it took. */
function withState(cell: CellModel, next: CellState, now: number): CellModel {
  const state = shown(next, cell.skipped);
  if (state === 'running') {
    // A cell reports "running" again while its timers live: that run goes on, its outputs stay.
    if (cell.state === 'running') return cell;
    return { ...cell, state, runs: cell.runs + 1, runStarted: now, outputs: [], refused: [] };
  }
  if (state === 'done' || state === 'error') {
    if (cell.runStarted === undefined) return { ...cell, state };
    return { ...cell, state, runStarted: undefined, lastRun: { ms: now - cell.runStarted, endedAt: now }, comparable: true };
  }
  // Idle or skipped again: the kernel was stopped or lost, so no run of it stands behind the outputs.
  if (state === 'idle' || state === 'skipped') return { ...cell, state, runStarted: undefined, lastRun: undefined };
  return { ...cell, state };
}

function updateCell(state: PageState, id: string, update: (cell: CellModel) => CellModel): PageState {
  const cell = state.cells[id];
  if (!cell) return state;
  const next = update(cell);
  return next === cell ? state : { ...state, cells: { ...state.cells, [id]: next } };
}

function updateCells(state: PageState, update: (cell: CellModel) => CellModel): PageState {
  return { ...state, cells: Object.fromEntries(state.order.map((id) => [id, update(state.cells[id])])) };
}

function fromWorker(state: PageState, message: FromWorker, now: number): PageState {
  switch (message.type) {
    case 'state':
      return updateCell(state, message.cell, (cell) => withState(cell, message.state, now));
    case 'outputs':
      return updateCell(state, message.cell, (cell) => ({ ...cell, outputs: message.outputs }));
    case 'states': {
      let next = state;
      for (const [id, live] of Object.entries(message.states)) next = updateCell(next, id, (cell) => withState(cell, live, now));
      return next;
    }
    case 'backend':
      return { ...state, backend: message.backend };
    case 'failure':
      return failed(state, message.message);
    case 'idle':
      return { ...state, pending: Math.max(0, state.pending - 1) };
  }
}

/** The kernel is gone: nothing is queued, nothing runs, no backend is loaded. */
function ended(state: PageState, notice: Notice, stopCell: (cell: CellModel) => boolean): PageState {
  const next = updateCells(state, (cell) => (stopCell(cell) ? withState(cell, 'idle', 0) : cell));
  return { ...next, pending: 0, backend: undefined, notice };
}

function failed(state: PageState, message: string): PageState {
  // Cells that finished keep their outputs and last run to read; only what was running stops.
  return ended(state, { kind: 'kernelStopped', message }, (cell) => cell.state === 'running');
}

export function reduce(state: PageState, action: Action): PageState {
  switch (action.type) {
    case 'worker':
      return fromWorker(state, action.message, action.now);
    case 'refused':
      if (action.cell !== undefined && state.cells[action.cell]) {
        return updateCell(state, action.cell, (cell) => ({ ...cell, refused: [...cell.refused, action.reason] }));
      }
      return { ...state, notice: { kind: 'invalidMessage', reason: action.reason } };
    case 'run':
      return { ...state, pending: state.pending + 1, notice: { kind: 'none' } };
    case 'sent':
      return { ...state, pending: state.pending + 1 };
    case 'stop':
      return ended(state, { kind: 'stopped' }, () => true);
    case 'failed':
      return failed(state, action.message);
    case 'code':
      return updateCell(state, action.cell, (cell) =>
        cell.code === action.code && !action.originalChanged ? cell : { ...cell, code: action.code, originalChanged: cell.originalChanged || action.originalChanged === true },
      );
    case 'reset':
      return updateCell(state, action.cell, (cell) => ({ ...cell, code: cell.original, originalChanged: false }));
    case 'notice':
      return { ...state, notice: action.notice };
  }
}
