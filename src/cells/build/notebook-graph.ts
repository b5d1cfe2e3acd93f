/**
 * Which modules the notebooks import, read from their sources: the build uses
 * it to load tfjs only in realms whose pages reach it, and to key a page's
 * cached outputs by the notebooks that page actually runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `notebooks/<name>` for every notebook module under notebooks/. */
export function notebookModules(root: string): string[] {
  return readdirSync(join(root, 'notebooks'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => `notebooks/${file.slice(0, -3)}`)
    .sort();
}

/** Static value imports of a source (type-only imports load nothing), as written. */
export function importedSpecifiers(source: string): string[] {
  const statements = source.matchAll(/^\s*(?:import|export)\s(?!type\s)[^;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm);
  return [...statements].map((match) => match[1] ?? match[2]);
}

/** Each notebook's imports, with `./x.ts` written as `notebooks/x`. */
export function notebookGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const module of notebookModules(root)) {
    const source = readFileSync(join(root, `${module}.ts`), 'utf8');
    graph.set(
      module,
      importedSpecifiers(source).map((specifier) => (specifier.startsWith('./') ? `notebooks/${specifier.slice(2).replace(/\.ts$/, '')}` : specifier)),
    );
  }
  return graph;
}

/** Every module reachable from `start` (included), notebooks and packages alike. */
export function reachable(graph: Map<string, string[]>, start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module)) return;
    seen.add(module);
    for (const next of graph.get(module) ?? []) visit(next);
  };
  for (const module of start) visit(module);
  return seen;
}
