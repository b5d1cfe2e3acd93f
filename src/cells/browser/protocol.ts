/**
 * Messages between the page's controller and its cell worker. Everything here
 * is structured-clone data; outputs use the core output model.
 */
import type { Output } from '../core/outputs.ts';
import type { BackendName } from './backend.ts';
import type { LiveState } from './session.ts';

export interface CellCode {
  id: string;
  code: string;
  /** The `error=` option: Run all goes on past this expected error. */
  expectError?: string;
}

export type ToWorker =
  | { type: 'init'; seed: string; dataUrl: string; backend: BackendName | 'auto' }
  /** Runs `target` (after the cells it depends on that have not run or are stale), or every cell. */
  | { type: 'run'; cells: CellCode[]; target: string | { all: true } }
  /** The reader edited: answers with the cells' states. */
  | { type: 'edit'; cells: CellCode[] }
  | { type: 'backend'; backend: BackendName | 'auto' };

export type FromWorker =
  | { type: 'state'; cell: string; state: 'running' | 'done' | 'error' }
  /** The cell's whole output list so far (bounded by the capture's caps). */
  | { type: 'outputs'; cell: string; outputs: Output[] }
  | { type: 'states'; states: { [cell: string]: LiveState } }
  | { type: 'backend'; backend: string }
  /** The worker itself failed (not a cell): the page says so. */
  | { type: 'failure'; message: string }
  /** Every queued request is done. */
  | { type: 'idle' };
