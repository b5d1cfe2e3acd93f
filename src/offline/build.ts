/**
 * Writes the service worker into a built site: `<dir>/sw.js`, served at
 * `<base>sw.js` so that its scope can be the whole site (a worker's scope
 * cannot reach above its own path without a header static hosts do not send).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const workerFile = 'sw.js';
const source = fileURLToPath(new URL('./service-worker.ts', import.meta.url));
/** The page that owns the cell worker (src/pages/cells-kernel.astro). */
const kernelPage = 'cells-kernel/';

export interface OfflineBuild {
  /** A hash of every built file but the worker itself: any change to the site is a new version. */
  version: string;
  /** "/" or "/notes/". */
  base: string;
  /** Paths relative to the base, of the kernel page and every file the cell runtime can load. */
  runtime: string[];
}

/** Every file under `dir`, as "/"-separated paths relative to it, sorted. */
function files(dir: string, under = dir): string[] {
  return readdirSync(under, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(dir, join(under, entry.name)) : [relative(dir, join(under, entry.name)).split(sep).join('/')]))
    .sort();
}

export function buildVersion(dir: string, paths = files(dir)): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    if (path === workerFile) continue;
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(dir, path)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const scriptSource = /<script[^>]*\ssrc="([^"]+)"/g;
const assetName = /[\w.-]+\.(?:m?js|wasm|css)\b/g;

/**
 * The cell runtime: the kernel page, the scripts of the kernel page and of the
 * pages with cells, and every `_astro/` file those scripts name, followed
 * through the chunks they import (the worker, TensorFlow.js and its backends,
 * the notebooks, the WASM binaries, the editor). Vite writes chunk and asset
 * URLs into the code as plain strings, so reading the names is enough; a name
 * that matches a file by accident only adds that file.
 */
export function runtimeFiles(dir: string, base: string, paths = files(dir)): string[] {
  const assets = new Map(paths.filter((path) => path.startsWith('_astro/')).map((path) => [path.slice('_astro/'.length), path]));
  const found = new Set<string>();
  const pending: string[] = [];
  const visit = (path: string | undefined) => {
    if (!path || found.has(path)) return;
    found.add(path);
    if (/\.m?js$/.test(path)) pending.push(path);
  };
  for (const page of paths.filter((path) => path.endsWith('.html'))) {
    const html = readFileSync(join(dir, page), 'utf8');
    if (page !== `${kernelPage}index.html` && !html.includes('data-cell-page=')) continue;
    for (const [, src] of html.matchAll(scriptSource)) {
      if (src.startsWith(`${base}_astro/`)) visit(src.slice(base.length));
    }
  }
  for (let path = pending.pop(); path; path = pending.pop()) {
    for (const [name] of readFileSync(join(dir, path), 'utf8').matchAll(assetName)) visit(assets.get(name));
  }
  return [kernelPage, ...[...found].sort()];
}

/** The worker's code for a build: service-worker.ts bundled, with the build's facts compiled in. */
export async function serviceWorkerScript(offline: OfflineBuild): Promise<string> {
  const result = await build({
    entryPoints: [source],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { OFFLINE_BUILD: JSON.stringify(offline) },
  });
  return result.outputFiles[0].text;
}

export function describeBuild(dir: string, base: string): OfflineBuild {
  const paths = files(dir);
  return { version: buildVersion(dir, paths), base, runtime: runtimeFiles(dir, base, paths) };
}

export async function writeServiceWorker(dir: string, base: string): Promise<OfflineBuild> {
  const offline = describeBuild(dir, base);
  writeFileSync(join(dir, workerFile), await serviceWorkerScript(offline));
  return offline;
}
