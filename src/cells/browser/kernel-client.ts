/**
 * The page's side of the cell worker: created on the first run, terminated by
 * Stop (the only way to halt `while (true) {}`), and created afresh on the next
 * run. Terminating loses the kernel's state, which is the point.
 */
import type { BackendName } from './backend.ts';
import type { ToWorker } from './protocol.ts';

export interface KernelClientOptions {
  seed: string;
  /** Whatever the worker posted, unchecked: the page validates it (validate.ts). */
  onMessage(data: unknown): void;
  onFailure(message: string): void;
}

export class KernelClient {
  private worker: Worker | undefined;
  private readonly options: KernelClientOptions;
  private backend: BackendName | 'auto' = 'auto';

  constructor(options: KernelClientOptions) {
    this.options = options;
  }

  get started(): boolean {
    return this.worker !== undefined;
  }

  send(message: ToWorker): void {
    this.ensure().postMessage(message);
  }

  /** The backend a new worker starts with; a running worker is told by a `backend` message. */
  setBackend(backend: BackendName | 'auto'): void {
    this.backend = backend;
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    // Vite bundles the worker as its own chunk and resolves this URL under the site's base.
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'cells' });
    worker.addEventListener('message', (event: MessageEvent<unknown>) => this.options.onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.options.onFailure(event.message || 'the worker script could not load');
    });
    const dataUrl = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}data/`;
    worker.postMessage({ type: 'init', seed: this.options.seed, dataUrl, backend: this.backend } satisfies ToWorker);
    this.worker = worker;
    return worker;
  }
}
