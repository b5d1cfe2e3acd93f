/**
 * The page's side of the cell kernel. The worker lives in a hidden frame
 * (src/pages/cells-kernel.astro) so that it runs under that frame's
 * Content-Security-Policy, which allows the eval and WebAssembly the kernel
 * needs while the page's own policy allows neither; the frame relays messages
 * over a MessagePort. The kernel is created on the first run, ended by Stop
 * (removing the frame terminates its worker: the only way to halt
 * `while (true) {}`), and created afresh on the next run. Ending it loses the
 * kernel's state, which is the point.
 */
import { withBase } from '../../site/base-url.ts';
import type { BackendName } from './backend.ts';
import { HOST_CONNECT, type FromHost } from './host-protocol.ts';
import type { ToWorker } from './protocol.ts';

export interface KernelClientOptions {
  seed: string;
  /** Whatever the worker posted, unchecked: the page validates it (validate.ts). */
  onMessage(data: unknown): void;
  onFailure(message: string): void;
}

/** A frame that has not connected by then is not going to. */
const connectTimeoutMs = 15_000;

interface Kernel {
  frame: HTMLIFrameElement;
  port: MessagePort | undefined;
  /** Messages sent before the frame connected, in order. URLs in them are absolute: the worker's own base is a blob: URL. */
  queued: ToWorker[];
  timer: ReturnType<typeof setTimeout>;
}

export class KernelClient {
  private kernel: Kernel | undefined;
  private readonly options: KernelClientOptions;
  private backend: BackendName | 'auto' = 'auto';

  constructor(options: KernelClientOptions) {
    this.options = options;
  }

  get started(): boolean {
    return this.kernel !== undefined;
  }

  send(message: ToWorker): void {
    const kernel = this.ensure();
    if (kernel.port) kernel.port.postMessage(message);
    else kernel.queued.push(message);
  }

  /** The backend a new kernel starts with; a running one is told by a `backend` message. */
  setBackend(backend: BackendName | 'auto'): void {
    this.backend = backend;
  }

  stop(): void {
    const kernel = this.kernel;
    this.kernel = undefined;
    if (!kernel) return;
    clearTimeout(kernel.timer);
    kernel.port?.close();
    kernel.frame.remove();
  }

  private ensure(): Kernel {
    if (this.kernel) return this.kernel;
    const document = globalThis.document;
    const frame = document.createElement('iframe');
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    frame.title = 'cell kernel';
    frame.src = withBase('cells-kernel/');
    const kernel: Kernel = {
      frame,
      port: undefined,
      queued: [{ type: 'init', seed: this.options.seed, dataUrl: new URL(withBase('data/'), location.href).href, backend: this.backend }],
      timer: setTimeout(() => this.fail(kernel, 'the kernel frame did not start'), connectTimeoutMs),
    };
    frame.addEventListener('load', () => {
      if (this.kernel !== kernel || !frame.contentWindow) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (event: MessageEvent<FromHost>) => {
        if (this.kernel !== kernel) return;
        const data = event.data;
        if (typeof data === 'object' && data !== null && 'worker' in data) this.options.onMessage(data.worker);
        else if (typeof data === 'object' && data !== null && 'failure' in data) this.fail(kernel, String(data.failure));
      };
      frame.contentWindow.postMessage(HOST_CONNECT, location.origin, [channel.port2]);
      clearTimeout(kernel.timer);
      kernel.port = channel.port1;
      for (const message of kernel.queued) kernel.port.postMessage(message);
      kernel.queued = [];
    });
    document.body.appendChild(frame);
    this.kernel = kernel;
    return kernel;
  }

  private fail(kernel: Kernel, message: string): void {
    if (this.kernel !== kernel) return;
    this.options.onFailure(message);
  }
}
