/**
 * The kernel's host in Node (the Astro build and the cell tests): TensorFlow.js
 * on the WASM backend when it initialises in Node, else CPU; the notebooks
 * from `notebooks/*.ts`; datasets read from `public/data/` by the data
 * helper's Node source.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelHost } from '../core/kernel.ts';
import { notebookGraph, notebookModules, reachable } from './notebook-graph.ts';

export const tfjsModule = '@tensorflow/tfjs';

type Tf = typeof import('@tensorflow/tfjs');

/** Loads tfjs once per realm and picks its backend before any cell runs. */
let tfjs: Promise<Tf> | undefined;
function loadTfjs(): Promise<Tf> {
  tfjs ??= (async () => {
    // Imported here, not at the top: most realms never load tfjs (see notebooksUsingTfjs).
    const tf = await import('@tensorflow/tfjs');
    const { useFastestBackend } = (await import('./node-tfjs.ts')) as typeof import('./node-tfjs.ts');
    await useFastestBackend();
    // The first tensor on a backend prints a one-time advert for tfjs-node on
    // console.warn; create it here so it is not captured as a cell's output.
    const silenced = console.warn;
    console.warn = () => undefined;
    try {
      tf.dispose(tf.scalar(0));
    } finally {
      console.warn = silenced;
    }
    return tf;
  })();
  return tfjs;
}

export function tfjsBackend(): Promise<string> {
  return loadTfjs().then((tf) => tf.getBackend());
}


/**
 * Each page has a realm of its own (page-realm.ts), and loading tfjs with its
 * WASM backend costs a second or more per realm: most pages (the algorithm
 * problems) never touch it, so it is loaded only for pages whose imports
 * reach it, and always before their first notebook runs.
 */
function notebooksUsingTfjs(root: string): Set<string> {
  const graph = notebookGraph(root);
  return new Set([...graph.keys()].filter((module) => [...reachable(graph, [module])].some((m) => m.startsWith('@tensorflow/'))));
}

/** Installs the Node data source in the same `notebooks/data.ts` instance the cells import. */
let dataReady: Promise<void> | undefined;
function installDataSource(root: string): Promise<void> {
  dataReady ??= (async () => {
    const data = (await import(pathToFileURL(join(root, 'notebooks/data.ts')).href)) as typeof import('../../../notebooks/data.ts');
    const { nodeDataSource } = (await import(pathToFileURL(join(root, 'src/data/node-source.ts')).href)) as {
      nodeDataSource: () => import('../../../notebooks/data.ts').DataSource;
    };
    data.setDataSource(nodeDataSource());
  })();
  return dataReady;
}

/** Installs sql.js (WASM from node_modules) in the same `notebooks/sql.ts` instance the cells import. */
let sqlReady: Promise<void> | undefined;
function installSqlEngine(root: string): Promise<void> {
  sqlReady ??= (async () => {
    const sql = (await import(pathToFileURL(join(root, 'notebooks/sql.ts')).href)) as typeof import('../../../notebooks/sql.ts');
    const { nodeSqlEngine } = (await import(pathToFileURL(join(root, 'src/cells/build/sql-engine.ts')).href)) as typeof import('./sql-engine.ts');
    sql.setSqlEngine(nodeSqlEngine());
  })();
  return sqlReady;
}

export function createNodeHost(root: string): KernelHost {
  const notebooks = notebookModules(root);
  let usingTfjs: Set<string> | undefined;
  return {
    modules: [tfjsModule, ...notebooks],
    async load(specifier) {
      if (specifier === tfjsModule) return loadTfjs();
      usingTfjs ??= notebooksUsingTfjs(root);
      await Promise.all([usingTfjs.has(specifier) ? loadTfjs() : undefined, installDataSource(root), installSqlEngine(root)]);
      return import(pathToFileURL(join(root, `${specifier}.ts`)).href);
    },
    watchUnhandledRejections(report) {
      const listener = (reason: unknown) => report(reason);
      process.on('unhandledRejection', listener);
      return () => void process.off('unhandledRejection', listener);
    },
  };
}
