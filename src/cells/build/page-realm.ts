/**
 * One realm per page at build time: each page's cells run in a fresh worker
 * thread, which has its own global object and its own intrinsics, as each page
 * has its own worker in the browser. `globalThis.x = 1` or a patched
 * `Array.prototype` on one page cannot reach another, so a page's outputs do
 * not depend on what was built before it. Separate realms also let pages run
 * in parallel: at most `realmJobs()` at once.
 *
 * A realm that runs out of memory or past the page time limit fails the build
 * with the page's name instead of taking the build process down or hanging it.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExecutableCell, ExecutedCell } from './execute.ts';
import type { RealmJob, RealmReply } from './realm-worker.ts';

/** Pages run at once: CELLS_JOBS, else one per core. */
export function realmJobs(): number {
  const configured = Number(process.env.CELLS_JOBS);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, availableParallelism());
}

/** A page's cells may take this long in total at build (CELLS_PAGE_TIMEOUT_S overrides, in seconds). */
function pageTimeoutMs(): number {
  const configured = Number(process.env.CELLS_PAGE_TIMEOUT_S);
  return (Number.isFinite(configured) && configured > 0 ? configured : 900) * 1000;
}

/** Heap for one page realm: far above what a page needs, far below what would stall the build machine. */
const heapLimitMb = 4096;

let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= realmJobs()) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runRealm(job: RealmJob): Promise<ExecutedCell[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(job.root, 'src/cells/build/realm-worker.ts'), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The page is done; its timers, WASM instances and handles go with the realm.
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${job.page}:1 The page's cells ran longer than ${pageTimeoutMs() / 1000} s at build (CELLS_PAGE_TIMEOUT_S raises the limit)`))),
      pageTimeoutMs(),
    );
    worker.once('message', (reply: RealmReply) => finish(() => (reply.ok ? resolve(reply.results) : reject(new Error(reply.message)))));
    worker.once('error', (error: Error & { code?: string }) => {
      const why = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `The page's cells ran out of memory (over ${heapLimitMb} MB)` : `The page's cell realm crashed: ${error.message}`;
      finish(() => reject(new Error(`${job.page}:1 ${why}`)));
    });
    worker.once('exit', (code) => finish(() => reject(new Error(`${job.page}:1 The page's cell realm exited (code ${code}) before its cells finished`))));
  });
}

/** Runs a page's cells in a realm of its own; throws `<page>:<line> <message>` as executePage does. */
export function executePageInRealm(cells: ExecutableCell[], page: string, root: string): Promise<ExecutedCell[]> {
  return slot(() => runRealm({ cells: cells.map(({ id, code, options, fence }) => ({ id, code, options, fence })), page, root }));
}
