/**
 * What the page and the kernel frame (kernel-host.ts) say over their port.
 * The frame wraps everything: a worker message arrives as `{ worker: data }`,
 * the frame's own report as `{ failure: text }`. The worker cannot forge a
 * report, because whatever it posts is wrapped as `worker`.
 */
export const HOST_CONNECT = 'cells-kernel-connect';

export type FromHost = { worker: unknown } | { failure: string };
