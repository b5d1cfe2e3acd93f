/**
 * The one message a page sends the service worker. The worker
 * checks the shape itself: any script on the origin can post to it.
 */

export interface KeepRequest {
  type: 'keep';
  /** Same-origin URLs the page has loaded (scripts, styles, fonts) before the worker controlled it. */
  resources: string[];
  /** The page has cells: keep the whole cell runtime, so they run offline. */
  cells: boolean;
  /** Data file names under `<base>data/` the page's cells load, e.g. "wn-sts.json". */
  data: string[];
}

/** More than any page loads; a longer list is not from our page. */
const maxResources = 500;
const dataFile = /^[\w-]+(\.[\w-]+)*\.json$/;

export function parseKeepRequest(data: unknown): KeepRequest | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, resources, cells, data: files } = data as Record<string, unknown>;
  if (type !== 'keep' || typeof cells !== 'boolean') return undefined;
  if (!Array.isArray(resources) || resources.length > maxResources || !resources.every((url) => typeof url === 'string')) return undefined;
  if (!Array.isArray(files) || files.length > maxResources || !files.every((file) => typeof file === 'string' && dataFile.test(file))) return undefined;
  return { type, resources, cells, data: files };
}
