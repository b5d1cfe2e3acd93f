/**
 * Runs in the hidden kernel frame (src/pages/cells-kernel.astro): waits for
 * the page to hand over a MessagePort, starts the worker so that it inherits
 * this frame's Content-Security-Policy, and relays messages both ways. It
 * reads nothing it relays: the page validates everything the worker sends.
 */
import workerUrl from './worker.ts?worker&url';
import { HOST_CONNECT, type FromHost } from './host-protocol.ts';

/** A worker whose script is a blob: module importing the real one, so it inherits this document's policy. */
function startWorker(window: Window): Worker {
  const script = new URL(workerUrl, window.location.href).href;
  const bootstrap = new Blob([`import ${JSON.stringify(script)};\n`], { type: 'text/javascript' });
  const url = URL.createObjectURL(bootstrap);
  const worker = new Worker(url, { type: 'module', name: 'cells' });
  // The worker has fetched its bootstrap once it runs; the URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return worker;
}

export function hostKernel(window: Window): void {
  window.addEventListener('message', function connect(event: MessageEvent) {
    // Only the page that embeds this frame, on this origin, may start a kernel here.
    if (event.source !== window.parent || event.origin !== window.location.origin || event.data !== HOST_CONNECT) return;
    const port = event.ports[0];
    if (!port) return;
    window.removeEventListener('message', connect);
    const worker = startWorker(window);
    const send = (message: FromHost) => port.postMessage(message);
    port.onmessage = (message) => worker.postMessage(message.data);
    worker.onmessage = (message) => send({ worker: message.data });
    worker.onmessageerror = () => send({ failure: 'a message from the kernel could not be read' });
    worker.onerror = (error) => {
      error.preventDefault();
      send({ failure: error.message || 'the worker script could not load' });
    };
  });
}
