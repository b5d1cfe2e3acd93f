/**
 * The live page's cell state (page-state.ts) as the sequences of the kernel
 * issue drive it: a renamed definition, timers that outlive their cell's
 * body, a kernel that fails or is stopped, forged messages, kept edits. The
 * views draw this state, so what these tests prove is what the page shows.
 */
import { describe, expect, it } from 'vitest';
import { canStop, cellsInOrder, initialState, reduce, runningCell, type Action, type PageState } from '../../src/cells/browser/page-state.ts';
import type { FromWorker } from '../../src/cells/browser/protocol.ts';
import type { Output } from '../../src/cells/core/outputs.ts';

const page = () =>
  initialState([
    { id: 'params', original: 'const rate = 0.1;', skipped: false },
    { id: 'train', original: 'console.log(rate);', skipped: false },
    { id: 'slow', original: 'await sleep(1e9);', skipped: true },
  ]);

let clock = 0;
const worker = (message: FromWorker): Action => ({ type: 'worker', message, now: (clock += 100) });
const apply = (state: PageState, ...actions: Action[]) => actions.reduce(reduce, state);
const text = (value: string): Output[] => [{ kind: 'stream', name: 'stdout', text: value }];

/** What the worker sends for one cell that prints `out` and ends in `end`. */
const ran = (cell: string, out: string, end: 'done' | 'error' = 'done'): Action[] => [
  worker({ type: 'state', cell, state: 'running' }),
  worker({ type: 'outputs', cell, outputs: [] }),
  worker({ type: 'outputs', cell, outputs: text(out) }),
  worker({ type: 'state', cell, state: end }),
];

describe('a run', () => {
  it('starts each cell from empty outputs, records how long it took, and frees Stop when the kernel is idle', () => {
    let state = apply(page(), { type: 'run' });
    expect(canStop(state)).toBe(true);
    state = apply(state, worker({ type: 'state', cell: 'params', state: 'running' }));
    expect(runningCell(state)).toBe('params');
    expect(state.cells.params).toMatchObject({ state: 'running', runs: 1, outputs: [] });
    state = apply(state, worker({ type: 'outputs', cell: 'params', outputs: text('0.1') }), worker({ type: 'state', cell: 'params', state: 'done' }));
    expect(state.cells.params).toMatchObject({ state: 'done', lastRun: { ms: 200 }, comparable: true, outputs: text('0.1') });
    expect(runningCell(state)).toBeUndefined();
    expect(canStop(state)).toBe(true);
    state = apply(state, worker({ type: 'idle' }));
    expect(canStop(state)).toBe(false);
  });

  it('leaves a cell the build skipped marked "skipped" until the live kernel runs it', () => {
    expect(page().cells.slow.state).toBe('skipped');
    const state = apply(page(), ...ran('slow', 'woke'));
    expect(state.cells.slow.state).toBe('done');
  });
});

describe('a renamed definition', () => {
  it('turns the cells that used the old name stale, keeps their outputs to read, and shows the error of the next run', () => {
    let state = apply(page(), { type: 'run' }, ...ran('params', ''), ...ran('train', '0.1'), worker({ type: 'idle' }));
    state = apply(state, { type: 'code', cell: 'params', code: 'const lr = 0.1;' });
    expect(state.cells.params.code).toBe('const lr = 0.1;');
    // The worker answers the edit with the states its definition graph gives.
    state = apply(state, { type: 'sent' }, worker({ type: 'states', states: { params: 'stale', train: 'stale', slow: 'idle' } }), worker({ type: 'idle' }));
    expect(state.cells.params.state).toBe('stale');
    expect(state.cells.train).toMatchObject({ state: 'stale', outputs: text('0.1') });
    const error = [{ kind: 'error' as const, name: 'ReferenceError', message: '`rate` is no longer defined (cell `params` defined it)', cell: 'train', line: 1 }];
    state = apply(
      state,
      { type: 'run' },
      worker({ type: 'state', cell: 'train', state: 'running' }),
      worker({ type: 'outputs', cell: 'train', outputs: error }),
      worker({ type: 'state', cell: 'train', state: 'error' }),
    );
    expect(state.cells.train).toMatchObject({ state: 'error', runs: 2, outputs: error });
  });
});

describe('timers that outlive the cell body', () => {
  it('keep the cell running with its outputs, and Stop available after the kernel went idle', () => {
    let state = apply(page(), { type: 'run' }, ...ran('params', 'tick 1').slice(0, 3));
    // The body returned with a live interval: the worker says "running" again, and the run goes on.
    state = apply(state, worker({ type: 'state', cell: 'params', state: 'running' }), worker({ type: 'idle' }));
    expect(state.cells.params).toMatchObject({ state: 'running', runs: 1, outputs: text('tick 1') });
    expect(state.pending).toBe(0);
    expect(canStop(state)).toBe(true);
    state = apply(state, worker({ type: 'outputs', cell: 'params', outputs: text('tick 1\ntick 2') }));
    expect(state.cells.params.outputs).toEqual(text('tick 1\ntick 2'));
  });

  it('end in the cell\'s own error when a callback throws', () => {
    const thrown = [{ kind: 'error' as const, name: 'Error', message: 'late', cell: 'params', line: 2 }];
    const state = apply(
      page(),
      { type: 'run' },
      worker({ type: 'state', cell: 'params', state: 'running' }),
      worker({ type: 'outputs', cell: 'params', outputs: thrown }),
      worker({ type: 'state', cell: 'params', state: 'error' }),
    );
    expect(state.cells.params).toMatchObject({ state: 'error', outputs: thrown, comparable: true });
    expect(state.cells.train.state).toBe('idle');
  });

  it('are gone with the kernel on Stop: every cell idle, no last run, no backend, Stop disabled', () => {
    let state = apply(page(), { type: 'run' }, worker({ type: 'backend', backend: 'wasm' }), ...ran('train', 'x'), worker({ type: 'state', cell: 'params', state: 'running' }));
    state = apply(state, { type: 'stop' });
    expect(cellsInOrder(state).map((cell) => cell.state)).toEqual(['idle', 'idle', 'skipped']);
    expect(state.cells.train.lastRun).toBeUndefined();
    expect(state.cells.train.outputs).toEqual(text('x'));
    expect(state).toMatchObject({ pending: 0, backend: undefined, notice: { kind: 'stopped' } });
    expect(canStop(state)).toBe(false);
    expect(runningCell(state)).toBeUndefined();
  });
});

describe('a kernel that fails', () => {
  it('never leaves the page stuck: what ran stays, what was running stops, the reason is shown, and the next run starts afresh', () => {
    let state = apply(page(), { type: 'run' }, ...ran('params', ''), worker({ type: 'state', cell: 'train', state: 'running' }));
    state = apply(state, worker({ type: 'failure', message: 'the cell closed its worker' }));
    expect(state.cells.params.state).toBe('done');
    expect(state.cells.train.state).toBe('idle');
    expect(state.notice).toEqual({ kind: 'kernelStopped', message: 'the cell closed its worker' });
    expect(canStop(state)).toBe(false);
    state = apply(state, { type: 'run' });
    expect(state.notice).toEqual({ kind: 'none' });
    expect(state.pending).toBe(1);
  });

  it('is the same when the frame never connects (the page ends it, not the worker)', () => {
    const state = apply(page(), { type: 'run' }, { type: 'failed', message: 'the kernel frame did not start' });
    expect(state).toMatchObject({ pending: 0, notice: { kind: 'kernelStopped', message: 'the kernel frame did not start' } });
  });
});

describe('messages the page refused', () => {
  it('are said in the cell they name until its next run, or in the status line', () => {
    let state = apply(page(), ...ran('params', 'a'), { type: 'refused', cell: 'params', reason: 'a plot with a script' });
    expect(state.cells.params.refused).toEqual(['a plot with a script']);
    state = apply(state, worker({ type: 'state', cell: 'params', state: 'running' }));
    expect(state.cells.params.refused).toEqual([]);
    state = apply(state, { type: 'refused', cell: 'nobody', reason: 'unknown cell' });
    expect(state.notice).toEqual({ kind: 'invalidMessage', reason: 'unknown cell' });
  });
});

describe("the reader's code", () => {
  it('keeps an edit made before the author changed the cell, says so, and Reset returns to the new original', () => {
    let state = apply(page(), { type: 'code', cell: 'train', code: 'console.log(rate * 2);', originalChanged: true });
    expect(state.cells.train).toMatchObject({ code: 'console.log(rate * 2);', originalChanged: true });
    state = apply(state, { type: 'reset', cell: 'train' });
    expect(state.cells.train).toMatchObject({ code: 'console.log(rate);', originalChanged: false });
  });

  it('changes nothing when the code is what it was, so the views draw nothing', () => {
    const state = page();
    expect(reduce(state, { type: 'code', cell: 'train', code: 'console.log(rate);' })).toBe(state);
    expect(reduce(state, { type: 'code', cell: 'missing', code: 'x' })).toBe(state);
  });
});
