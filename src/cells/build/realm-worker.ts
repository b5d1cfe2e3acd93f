/**
 * The body of a page realm (see page-realm.ts): a worker thread that runs one
 * page's cells and posts back their outputs, or the build failure's message.
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExecutableCell, ExecutedCell } from './execute.ts';

export interface RealmJob {
  cells: ExecutableCell[];
  page: string;
  root: string;
}

export type RealmReply = { ok: true; results: ExecutedCell[] } | { ok: false; message: string };

const { cells, page, root } = workerData as RealmJob;
// Every realm loads the kernel, Plot and tfjs afresh; V8's code cache on disk
// saves about a third of that start-up on each page after the first.
enableCompileCache(join(root, 'node_modules/.cache/cells-compile'));
let reply: RealmReply;
try {
  const { executePage } = (await import('./execute.ts')) as typeof import('./execute.ts');
  reply = { ok: true, results: await executePage(cells, page, root) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
