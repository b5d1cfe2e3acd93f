/**
 * Registers the offline-reading worker and asks it to keep what this page
 * needs to open and run with no network: the page and what it loaded before
 * the worker controlled it, and, on a page with cells, the cell runtime and
 * the data files the cells load. A reader who asked the browser to save data
 * (Save-Data) keeps the page only.
 */
import { withBase } from '../site/base-url.ts';
import { pageSelector, sourceSelector, type CellSourceJson } from '../cells/core/markup.ts';
import { datasetFile, datasetNames, type DatasetName, type DatasetSize } from '../../notebooks/data.ts';
import type { KeepRequest } from './protocol.ts';

const datasetCall = /loadDataset\(\s*(['"`])([\w-]+)\1\s*(?:,\s*(['"`])(\w+)\3\s*)?\)/g;

/**
 * The data files the page's cells load, read from their code: the page cannot
 * know which a cell fetches without running it, and a reader offline has not
 * run it yet. A call with a computed name is missed here; the worker still
 * keeps that file the first time a run fetches it.
 */
export function dataFiles(codes: string[]): string[] {
  const files = new Set<string>();
  for (const code of codes) {
    for (const [, , name, , size] of code.matchAll(datasetCall)) {
      if (!datasetNames.includes(name as DatasetName)) continue;
      if (size !== undefined && size !== 'default' && size !== 'large') continue;
      files.add(datasetFile(name as DatasetName, size as DatasetSize | undefined));
    }
  }
  return [...files].sort();
}

function cellCodes(): string[] {
  return [...document.querySelectorAll(sourceSelector)].flatMap((element) => {
    try {
      return [(JSON.parse(element.textContent ?? '') as CellSourceJson).code];
    } catch {
      return [];
    }
  });
}

function sameOriginResources(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(`${location.origin}/`));
}

export async function keepForOffline(): Promise<void> {
  const registration = await navigator.serviceWorker.register(withBase('sw.js'), { scope: withBase(''), updateViaCache: 'none' });
  await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return;
  const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
  const cells = !saveData && document.querySelector(pageSelector) !== null;
  const request: KeepRequest = { type: 'keep', resources: sameOriginResources(), cells, data: cells ? dataFiles(cellCodes()) : [] };
  worker.postMessage(request);
}
