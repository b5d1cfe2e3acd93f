/**
 * Build results cached on disk, keyed by everything that can change them: the
 * page's cells (code and options, in order), the sources of the notebooks the
 * page's cells reach through their imports, the cell system's own core
 * sources, the data version, and the versions of the packages cells run on.
 * Anything else changing does not re-run a page: editing one notebook re-runs
 * the pages that use it, not the site.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CellOptions } from '../core/options.ts';
import { importedSpecifiers, notebookGraph, reachable } from './notebook-graph.ts';
import type { Output } from '../core/outputs.ts';

export interface CachedCell {
  id: string;
  outputs: Output[];
}

export interface CacheInputs {
  /** The page's random seed: the same cells on another page draw other numbers. */
  seed: string;
  cells: ReadonlyArray<{ id: string; code: string; options: CellOptions }>;
  /** From `environmentFingerprint`. */
  environment: string;
}

const packages = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@observablehq/plot', 'sucrase', 'linkedom', 'seedrandom'];

function hashFiles(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts')).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(dir, file))).update('\0');
  }
}

/** What every page's key shares: core sources, data version, package versions. */
export function environmentFingerprint(root: string): string {
  const hash = createHash('sha256');
  hashFiles(hash, join(root, 'src/cells/core'));
  const manifest = join(root, 'public/data/manifest.json');
  hash.update(`data:${existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'none'}\0`);
  // The lock file names installed versions even for packages whose exports hide their package.json.
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  for (const name of packages) hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version ?? 'missing'}\0`);
  return hash.digest('hex');
}

/** The notebooks a page's cells import, and every notebook those import in turn. */
export function pageNotebooks(root: string, cells: ReadonlyArray<{ code: string }>, graph = notebookGraph(root)): string[] {
  const imported = cells.flatMap((cell) => importedSpecifiers(cell.code)).filter((specifier) => specifier.startsWith('notebooks/'));
  return [...reachable(graph, imported)].filter((module) => graph.has(module)).sort();
}

/**
 * Keys a page's outputs. `environment` comes from environmentFingerprint,
 * computed once per build; `graph` from notebookGraph, likewise.
 */
export function pageCacheKey(
  root: string,
  environment: string,
  page: { seed: string; cells: ReadonlyArray<{ id: string; code: string; options: CellOptions }> },
  graph = notebookGraph(root),
): string {
  const hash = createHash('sha256').update(environment);
  for (const module of pageNotebooks(root, page.cells, graph)) hash.update(`${module}\0`).update(readFileSync(join(root, `${module}.ts`))).update('\0');
  return cacheKey({ environment: hash.digest('hex'), seed: page.seed, cells: page.cells.map(({ id, code, options }) => ({ id, code, options })) });
}

export function cacheKey(inputs: CacheInputs): string {
  return createHash('sha256').update(JSON.stringify([inputs.environment, inputs.seed, inputs.cells])).digest('hex');
}

export class CellCache {
  readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'node_modules/.cache/cells');
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): CachedCell[] | undefined {
    const path = this.path(key);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CachedCell[]) : undefined;
  }

  /** Written to a temporary file then renamed, so a build killed midway never leaves a torn entry. */
  set(key: string, cells: CachedCell[]): void {
    const path = this.path(key);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cells));
    renameSync(temporary, path);
  }
}
